import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validationError } from '../../common/errors/app-error';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { AttachmentsService } from './attachments.service';
import { AttachmentListQuery, AttachmentPage, AttachmentResponse, UPLOAD_BODY } from './dto/attachment.dto';
import type { RecordEntity } from './record-access';

/** Files of contacts and companies: upload and list under the record, download and delete by id. */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/v1')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get('contacts/:id/attachments')
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'listContactAttachments', summary: 'Files attached to a contact, newest first' })
  @ApiOkResponse({ type: AttachmentPage })
  @ApiProblems(400, 401, 403, 404)
  listForContact(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: AttachmentListQuery): Promise<AttachmentPage> {
    return this.attachments.list(actor, 'contact', id, query);
  }

  @Get('companies/:id/attachments')
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'listCompanyAttachments', summary: 'Files attached to a company, newest first' })
  @ApiOkResponse({ type: AttachmentPage })
  @ApiProblems(400, 401, 403, 404)
  listForCompany(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: AttachmentListQuery): Promise<AttachmentPage> {
    return this.attachments.list(actor, 'company', id, query);
  }

  @Get('deals/:id/attachments')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'listDealAttachments', summary: 'Files attached to a deal, newest first' })
  @ApiOkResponse({ type: AttachmentPage })
  @ApiProblems(400, 401, 403, 404)
  listForDeal(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: AttachmentListQuery): Promise<AttachmentPage> {
    return this.attachments.list(actor, 'deal', id, query);
  }

  @Post('contacts/:id/attachments')
  @Can('update', 'Contact')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ operationId: 'uploadContactAttachment', summary: 'Attach a file to a contact (size limit: CRM_ATTACHMENT_MAX_BYTES)' })
  @ApiCreatedResponse({ type: AttachmentResponse })
  @ApiProblems(400, 401, 403, 404, 413)
  uploadForContact(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Req() request: FastifyRequest): Promise<AttachmentResponse> {
    return this.upload(actor, 'contact', id, request);
  }

  @Post('companies/:id/attachments')
  @Can('update', 'Company')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ operationId: 'uploadCompanyAttachment', summary: 'Attach a file to a company (size limit: CRM_ATTACHMENT_MAX_BYTES)' })
  @ApiCreatedResponse({ type: AttachmentResponse })
  @ApiProblems(400, 401, 403, 404, 413)
  uploadForCompany(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Req() request: FastifyRequest): Promise<AttachmentResponse> {
    return this.upload(actor, 'company', id, request);
  }

  @Post('deals/:id/attachments')
  @Can('update', 'Deal')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ operationId: 'uploadDealAttachment', summary: 'Attach a file to a deal (size limit: CRM_ATTACHMENT_MAX_BYTES)' })
  @ApiCreatedResponse({ type: AttachmentResponse })
  @ApiProblems(400, 401, 403, 404, 413)
  uploadForDeal(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Req() request: FastifyRequest): Promise<AttachmentResponse> {
    return this.upload(actor, 'deal', id, request);
  }

  @Get('attachments/:id/content')
  @ApiOperation({ operationId: 'downloadAttachment', summary: 'The file, for whoever may read its contact or company (audited)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file with its type and Content-Disposition', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 404)
  async download(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.download(actor, id);
    void reply.header('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(content, {
      type: attachment.contentType,
      length: attachment.sizeBytes,
      disposition: contentDisposition(attachment.fileName),
    });
  }

  @Delete('attachments/:id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteAttachment', summary: 'Delete a file; needs the right to change its contact or company' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string): Promise<void> {
    return this.attachments.delete(actor, id);
  }

  private upload(actor: Actor, entity: RecordEntity, id: string, request: FastifyRequest): Promise<AttachmentResponse> {
    return this.attachments.upload(actor, entity, id, async () => {
      if (!request.isMultipart()) {
        throw validationError([{ field: 'file', message: 'send the file as multipart/form-data' }]);
      }
      return request.file();
    });
  }
}

/** RFC 6266: an ASCII fallback name and the exact name in UTF-8 (RFC 8187). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
