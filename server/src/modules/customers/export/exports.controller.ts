import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../../common/http/api-problems';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/auth.decorators';
import { Can } from '../../permissions/can.decorator';
import { CompanyExportQuery, ContactExportQuery } from './dto/export.dto';
import { ExportFile, ExportsService } from './exports.service';

const PRODUCES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

@ApiTags('exports')
@ApiBearerAuth()
@Controller('api/v1')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('contacts/export')
  @Can('export', 'Contact')
  @ApiOperation({ operationId: 'exportContacts', summary: 'The contacts list (same filters and sort) as CSV or XLSX, streamed' })
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ description: 'The file; columns the role may not read are left out' })
  @ApiProblems(400, 401, 403)
  async contacts(@CurrentActor() actor: Actor, @Query() query: ContactExportQuery, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.exports.contacts(actor, query));
  }

  @Get('companies/export')
  @Can('export', 'Company')
  @ApiOperation({ operationId: 'exportCompanies', summary: 'The companies list (same filters and sort) as CSV or XLSX, streamed' })
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ description: 'The file; columns the role may not read are left out' })
  @ApiProblems(400, 401, 403)
  async companies(@CurrentActor() actor: Actor, @Query() query: CompanyExportQuery, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.exports.companies(actor, query));
  }
}

/** Sends an export as a download. */
export async function send(reply: FastifyReply, file: ExportFile): Promise<void> {
  await reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .send(file.body);
}
