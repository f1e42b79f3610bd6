import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validationError } from '../../../common/errors/app-error';
import { ApiProblems } from '../../../common/http/api-problems';
import { UUID_PARAM } from '../../../common/http/uuid-param';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.decorators';
import { ImportMappingRequest, ImportPreviewResponse, ImportResponse, ImportUploadResponse } from './dto/import.dto';
import type { ImportEntity } from './import-targets';
import { ImportsService, UploadedFile } from './imports.service';

/** Largest import file accepted (a CSV of 100,000 contacts is about 10 MB). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  // The permission (create on the entity) depends on the form's entity field; the service checks it.
  @Post()
  @ApiOperation({ operationId: 'uploadImport', summary: 'Upload a CSV, XLSX or vCard file to import contacts or companies' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['entity', 'file'],
      properties: { entity: { type: 'string', enum: ['contact', 'company'] }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: ImportUploadResponse })
  @ApiProblems(400, 401, 403)
  async upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<ImportUploadResponse> {
    const { entity, file } = await readUpload(request);
    return this.imports.upload(actor, entity, file);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getImport', summary: 'Status and progress of an import, with the rows that were not applied' })
  @ApiOkResponse({ type: ImportResponse })
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string): Promise<ImportResponse> {
    return this.imports.get(actor, id);
  }

  @Get(':id/failed-rows')
  @ApiOperation({ operationId: 'getImportFailedRows', summary: 'The rows that were not applied, as CSV with the reasons' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV (UTF-8 with BOM)' })
  @ApiProblems(400, 401, 404, 410)
  async failedRows(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res() reply: FastifyReply): Promise<void> {
    const csv = await this.imports.failedRowsCsv(actor, id);
    await reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="failed-rows.csv"').send(csv);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ operationId: 'previewImport', summary: 'Validate the rows with a mapping and count duplicates; changes nothing' })
  @ApiOkResponse({ type: ImportPreviewResponse })
  @ApiProblems(400, 401, 403, 404, 410)
  preview(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: ImportMappingRequest): Promise<ImportPreviewResponse> {
    return this.imports.preview(actor, id, body);
  }

  @Post(':id/run')
  @HttpCode(202)
  @ApiOperation({ operationId: 'runImport', summary: 'Start the import in the background; poll GET /imports/{id} for progress' })
  @ApiAcceptedResponse({ type: ImportResponse })
  @ApiProblems(400, 401, 403, 404, 409, 410)
  run(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: ImportMappingRequest): Promise<ImportResponse> {
    return this.imports.start(actor, id, body);
  }
}

/** The entity field and the file of a multipart upload. */
async function readUpload(request: FastifyRequest): Promise<{ entity: ImportEntity; file: UploadedFile }> {
  if (!request.isMultipart()) {
    throw validationError([{ field: 'file', message: 'send the file as multipart/form-data' }]);
  }
  let entity: string | undefined;
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        file = { fileName: part.filename || 'import', content };
      } else if (part.fieldname === 'entity') {
        entity = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw validationError([{ field: 'file', message: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }]);
    }
    throw validationError([{ field: 'file', message: `could not be read: ${(error as Error).message}` }]);
  }
  const errors = [];
  if (entity !== 'contact' && entity !== 'company') {
    errors.push({ field: 'entity', message: 'must be contact or company' });
  }
  if (!file || file.content.length === 0) {
    errors.push({ field: 'file', message: 'is required' });
  }
  if (errors.length > 0) {
    throw validationError(errors);
  }
  return { entity: entity as ImportEntity, file: file! };
}
