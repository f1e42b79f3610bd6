import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { notFound } from '../../common/errors/app-error';
import { ApiProblems } from '../../common/http/api-problems';
import { toPage } from '../../common/http/page';
import type { Actor } from '../auth/actor';
import { changeContextOf } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { AuditChainService } from './audit-chain.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditEventPage, AuditEventQuery, AuditEventResponse, AuditExportQuery, FieldChangeResponse, VerifyResponse } from './dto/audit.dto';

@ApiTags('audit')
@ApiExtraModels(FieldChangeResponse)
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly events: AuditRepository,
    private readonly chain: AuditChainService,
    private readonly audit: AuditService,
  ) {}

  @Get('events')
  @Can('read', 'AuditEvent')
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'Search the audit trail, newest first' })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: AuditEventQuery): Promise<AuditEventPage> {
    const limit = query.limit ?? 50;
    return toPage(await this.events.search(actor.ability, query, limit + 1), limit, (last) => last.id);
  }

  @Get('events/export')
  @Can('export', 'AuditEvent')
  @ApiOperation({ operationId: 'exportAuditEvents', summary: 'Export the matching audit events as CSV or NDJSON' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({ description: 'One event per line (NDJSON) or row (CSV)' })
  @ApiProblems(400, 401, 403)
  async export(@CurrentActor() actor: Actor, @Query() query: AuditExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const format = query.format ?? 'ndjson';
    await this.audit.record({ action: 'audit.export', context: changeContextOf(actor), details: { filters: { ...query }, format } });
    const pages = this.pages(actor, query);
    const lines = format === 'csv' ? toCsv(pages) : toNdjson(pages);
    await reply
      .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="audit-events.${format === 'csv' ? 'csv' : 'ndjson'}"`)
      .send(Readable.from(lines));
  }

  @Get('events/:id')
  @Can('read', 'AuditEvent')
  @ApiOperation({ operationId: 'getAuditEvent', summary: 'One audit event' })
  @ApiOkResponse({ type: AuditEventResponse })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AuditEventResponse> {
    const event = await this.events.get(actor.ability, id);
    if (event === null) {
      throw notFound(`Audit event ${id}`);
    }
    return event;
  }

  @Get('verify')
  @Can('read', 'AuditEvent')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'verifyAuditChain', summary: 'Seal pending events, then verify the whole hash chain' })
  @ApiOkResponse({ type: VerifyResponse })
  @ApiProblems(401, 403)
  verify(): Promise<VerifyResponse> {
    return this.chain.verify();
  }

  private async *pages(actor: Actor, query: AuditEventQuery): AsyncGenerator<AuditEventResponse> {
    let cursor: string | undefined;
    do {
      const items = await this.events.search(actor.ability, { ...query, cursor }, 1000);
      yield* items;
      cursor = items.length === 1000 ? items[items.length - 1].id : undefined;
    } while (cursor);
  }
}

async function* toNdjson(events: AsyncIterable<AuditEventResponse>): AsyncGenerator<string> {
  for await (const event of events) {
    yield `${JSON.stringify(event)}\n`;
  }
}

const CSV_COLUMNS: (keyof AuditEventResponse)[] = [
  'id', 'occurredAt', 'actorLogin', 'actorId', 'ip', 'requestId', 'kind', 'action', 'tableName', 'recordId', 'changes', 'details', 'sealed',
];

async function* toCsv(events: AsyncIterable<AuditEventResponse>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const event of events) {
    yield `${CSV_COLUMNS.map((c) => csvCell(event[c])).join(',')}\r\n`;
  }
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
