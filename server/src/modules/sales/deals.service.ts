import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { staleVersion } from '../../common/http/versioning';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { AuditEventQuery } from '../audit/dto/audit.dto';
import { Actor, changeContextOf } from '../auth/actor';
import { asSubject } from '../permissions/ability';
import { AttachmentsService } from '../customers/attachments.service';
import { CustomFieldsService } from '../customers/custom-fields.service';
import { ExportsRepository } from '../customers/export/exports.repository';
import { ExportFile, ExportsService } from '../customers/export/exports.service';
import { DEALS_EXPORT, DealExportRow } from './deals-export';
import { assignRecords, checkCreate, checkUpdate, definedOnly, recordAssignment, recordHistoryPage, stripUnreadable, uniqueTags } from '../customers/customer-records';
import type { AssignRequest, AssignResponse } from '../customers/dto/customer-parts.dto';
import type { RecordHistoryPage } from '../customers/dto/history.dto';
import { RecordEntity, requireActiveUser, requireRecord } from '../customers/record-access';
import {
  CreateDealRequest, DealBoard, DealBoardQuery, DealExportQuery, DealListItem, DealListQuery, DealPage, DealResponse, DealSummary, DealSummaryQuery, DealTotal, LineItemRequest,
  StageHistory, UpdateDealRequest,
} from './dto/deal.dto';
import { DealListRow, DealRow, DealsRepository, DealWrite, LineItemWrite, TotalRow } from './deals.repository';
import { PipelineRow, PipelinesRepository, StageRow } from './pipelines.repository';

const money = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * Deals: create, change and move through the stages of their pipeline, with line items whose
 * exact sum (PostgreSQL numeric) is the amount, the lost-reason rule, lists, the board and the
 * weighted summary. Reads are filtered by the caller's Deal rules in SQL.
 */
@Injectable()
export class DealsService {
  private readonly defaultCurrency: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealsRepository,
    private readonly pipelines: PipelinesRepository,
    private readonly history_: AuditRepository,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
    private readonly attachmentFiles: AttachmentsService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly exports: ExportsService,
    private readonly exportRows: ExportsRepository,
  ) {
    this.defaultCurrency = config.defaultCurrency;
  }

  async list(actor: Actor, query: DealListQuery): Promise<DealPage> {
    const page = await this.deals.list(actor.ability, query, await this.customFields.listFilter('deal', query.cf));
    return { ...page, items: page.items.map((row) => this.toListItem(actor, row)) };
  }

  /** The list's deals (same filters and sort) as CSV or XLSX, limited to what the role may read and export; audited. */
  async export(actor: Actor, query: DealExportQuery): Promise<ExportFile> {
    const { sql, params } = this.deals.exportQuery(actor.ability, query, await this.customFields.listFilter('deal', query.cf));
    return this.exports.export(actor, DEALS_EXPORT, query, this.exportRows.stream<DealExportRow>(sql, params));
  }

  async board(actor: Actor, query: DealBoardQuery): Promise<DealBoard> {
    const pipeline = query.pipelineId ? await this.pipelines.find(query.pipelineId) : await this.pipelines.firstActive(this.dataSource.manager);
    if (!pipeline) {
      throw notFound('The pipeline');
    }
    const columns = await this.deals.board(actor.ability, pipeline.id, query, query.limit ?? 20, await this.customFields.listFilter('deal', query.cf));
    return {
      pipelineId: pipeline.id,
      columns: columns.map((column) => ({
        stageId: column.stageId,
        count: column.totals.reduce((sum, t) => sum + t.count, 0),
        totals: column.totals.map(toTotal),
        items: column.rows.map((row) => this.toListItem(actor, row)),
        nextCursor: column.nextCursor,
      })),
    };
  }

  async summary(actor: Actor, query: DealSummaryQuery): Promise<DealSummary> {
    const rows = await this.deals.summary(actor.ability, query.groupBy, query, await this.customFields.listFilter('deal', query.cf));
    const groups: DealSummary['rows'] = [];
    for (const row of rows) {
      let group = groups.find((g) => g.key === row.key);
      if (!group) {
        group = { key: row.key, label: row.label, count: 0, totals: [] };
        groups.push(group);
      }
      group.count += row.count;
      group.totals.push(toTotal(row));
    }
    return { groupBy: query.groupBy, rows: groups };
  }

  async get(actor: Actor, id: string): Promise<DealResponse> {
    return this.toResponse(actor, await this.readable(actor, id));
  }

  create(actor: Actor, request: CreateDealRequest, idempotencyKey?: string): Promise<IdempotentResult<DealResponse>> {
    const ownerId = checkCreate(actor, 'deal', request);
    const lineItems = request.lineItems?.length ? request.lineItems.map(toLineItem) : undefined;
    if (lineItems && request.amount !== undefined) {
      throw validationError([{ field: 'amount', message: 'is the sum of the line items; leave it out when sending lineItems' }]);
    }
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        await requireActiveUser(manager, ownerId);
        const pipeline = await this.pipelineFor(manager, request.pipelineId);
        const stage = this.stageFor(pipeline, request.stageId);
        if (stage.kind === 'lost') {
          throw validationError([{ field: 'stageId', message: 'a new deal cannot start in a lost stage' }]);
        }
        await this.checkLinks(manager, actor, request);
        const record: DealWrite = {
          title: request.title,
          amount: request.amount ?? null,
          currency: request.currency ?? this.defaultCurrency,
          expectedCloseDate: request.expectedCloseDate ?? null,
          pipelineId: pipeline.id,
          stageId: stage.id,
          contactId: request.contactId ?? null,
          companyId: request.companyId ?? null,
          source: request.source ?? null,
          lostReasonId: null,
          lostNote: null,
          closedAt: stage.kind === 'won' ? 'now' : null,
          tags: uniqueTags(request.tags ?? []),
          ownerId,
          custom: await this.customFields.validate(manager, 'deal', request.custom ?? {}, 'create'),
        };
        const id = await this.deals.insert(manager, { ...record, createdBy: actor.id });
        if (lineItems) {
          await this.deals.replaceLineItems(manager, id, lineItems, actor.id);
        }
        await this.deals.refreshSearch(manager, [id]);
        return this.toResponse(actor, await this.deals.find(id, manager));
      }),
    );
  }

  update(actor: Actor, id: string, version: number, request: Omit<UpdateDealRequest, 'version'>): Promise<DealResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const row = await this.deals.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The deal');
      }
      const given = definedOnly(request);
      const current = { id, name: row.title, ownerId: row.owner_id };
      const ownerChanged = await checkUpdate(manager, actor, 'deal', current, given);
      const lineItems = given.lineItems?.map(toLineItem);
      if (given.amount !== undefined && (lineItems?.length || (lineItems === undefined && row.line_items.length > 0))) {
        throw validationError([{ field: 'amount', message: 'is the sum of the line items; change the line items instead' }]);
      }

      // The stage: a new pipeline without a stage starts at its first open stage.
      const pipelineChanged = given.pipelineId !== undefined && given.pipelineId !== row.pipeline_id;
      const pipeline = pipelineChanged || given.stageId !== undefined ? await this.pipelineFor(manager, given.pipelineId ?? row.pipeline_id, row.pipeline_id) : undefined;
      const stage = pipeline ? this.stageFor(pipeline, given.stageId ?? (pipelineChanged ? undefined : row.stage_id)) : undefined;
      const stageMoved = stage !== undefined && stage.id !== row.stage_id;
      const kind = stage?.kind ?? row.status;

      // The lost-reason rule: a lost deal has a (current) reason; any other deal has none.
      let lostReasonId = given.lostReasonId;
      let lostNote = request.lostNote;
      if (kind === 'lost') {
        const reason = lostReasonId === undefined ? (stageMoved ? null : row.lost_reason_id) : lostReasonId;
        if (!reason) {
          throw validationError([{ field: 'lostReasonId', message: 'is required for a lost deal' }]);
        }
        if (reason !== row.lost_reason_id) {
          const found = await this.pipelines.lostReason(reason, manager);
          if (!found || found.archived) {
            throw validationError([{ field: 'lostReasonId', message: found ? 'is archived' : 'is not a lost reason' }]);
          }
        }
        lostReasonId = reason;
      } else {
        for (const [field, value] of [['lostReasonId', lostReasonId], ['lostNote', lostNote]] as const) {
          if (value) {
            throw validationError([{ field, message: 'is only for deals in a lost stage' }]);
          }
        }
        lostReasonId = row.lost_reason_id !== null ? null : undefined;
        lostNote = row.lost_note !== null ? null : undefined;
      }
      await this.checkLinks(manager, actor, given);

      const changes: Partial<DealWrite> & { stageMoved?: boolean } = {
        title: given.title,
        amount: request.amount,
        currency: given.currency,
        expectedCloseDate: request.expectedCloseDate,
        pipelineId: pipelineChanged ? pipeline!.id : undefined,
        stageId: stageMoved ? stage.id : undefined,
        stageMoved,
        contactId: request.contactId,
        companyId: request.companyId,
        source: request.source,
        lostReasonId,
        lostNote,
        closedAt: stageMoved ? (kind === 'open' ? null : 'now') : undefined,
        tags: given.tags && uniqueTags(given.tags),
        ownerId: given.ownerId,
        custom: given.custom && (await this.customFields.validate(manager, 'deal', given.custom, 'update', row.custom)),
      };
      if (!(await this.deals.update(manager, id, version, changes))) {
        throw staleVersion();
      }
      if (lineItems) {
        await this.deals.replaceLineItems(manager, id, lineItems, actor.id);
      }
      await this.deals.refreshSearch(manager, [id]);
      if (ownerChanged) {
        await recordAssignment(manager, this.audit, actor, 'deal', id, current.ownerId, given.ownerId!);
      }
      return this.toResponse(actor, await this.deals.find(id, manager));
    });
  }

  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await this.attachmentFiles.deleteRecordWithFiles(actor, 'deal', id, async (manager) => {
      const row = await this.deals.findAllowed(actor.ability, 'read', id, manager);
      if (!row) {
        throw notFound('The deal');
      }
      if (!actor.ability.can('delete', asSubject('Deal', { id, ownerId: row.owner_id }))) {
        throw forbidden('Your role does not allow deleting this deal');
      }
      if (!(await this.deals.delete(manager, id, version))) {
        throw staleVersion();
      }
    });
  }

  assign(actor: Actor, request: AssignRequest): Promise<AssignResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) => assignRecords(manager, this.audit, actor, 'deal', this.deals, request));
  }

  async stageHistory(actor: Actor, id: string): Promise<StageHistory> {
    await this.readable(actor, id);
    const rows = await this.deals.stageHistory(id);
    return {
      items: rows.map((h) => ({
        stageId: h.stage_id,
        pipelineId: h.pipeline_id,
        enteredAt: h.entered_at.toISOString(),
        enteredBy: h.entered_by,
        enteredByName: h.entered_by_name,
        leftAt: h.left_at?.toISOString() ?? null,
        leftBy: h.left_by,
        leftByName: h.left_by_name,
        seconds: h.seconds,
      })),
    };
  }

  async history(actor: Actor, id: string, query: Pick<AuditEventQuery, 'cursor' | 'limit'>): Promise<RecordHistoryPage> {
    await this.readable(actor, id);
    return recordHistoryPage(this.history_, 'deal', id, query);
  }

  private async readable(actor: Actor, id: string): Promise<DealRow> {
    const row = await this.deals.findAllowed(actor.ability, 'read', id);
    if (!row) {
      throw notFound('The deal');
    }
    return row;
  }

  /** The named pipeline (400 naming pipelineId when missing, or archived unless the deal is already in it), or the first active one. */
  private async pipelineFor(manager: EntityManager, pipelineId: string | undefined, currentPipelineId?: string): Promise<PipelineRow> {
    const pipeline = pipelineId ? await this.pipelines.find(pipelineId, manager) : await this.pipelines.firstActive(manager);
    if (!pipeline || (pipeline.archived && pipeline.id !== currentPipelineId)) {
      throw validationError([{ field: 'pipelineId', message: pipeline ? 'is archived' : pipelineId ? 'is not a pipeline' : 'no active pipeline exists' }]);
    }
    return pipeline;
  }

  /** The named stage of the pipeline (400 naming stageId otherwise), or its first open stage. */
  private stageFor(pipeline: PipelineRow, stageId: string | undefined): StageRow {
    const stage = stageId ? pipeline.stages.find((s) => s.id === stageId) : pipeline.stages.find((s) => s.kind === 'open');
    if (!stage) {
      throw validationError([{ field: 'stageId', message: stageId ? 'is not a stage of the pipeline' : 'the pipeline has no open stage' }]);
    }
    return stage;
  }

  /** A linked contact or company must be one the caller may read (400 naming the field otherwise). */
  private async checkLinks(manager: EntityManager, actor: Actor, request: { contactId?: string | null; companyId?: string | null }): Promise<void> {
    for (const [field, entity] of [['contactId', 'contact'], ['companyId', 'company']] as const) {
      const linked = request[field];
      if (linked) {
        await requireRecord(manager, actor.ability, entity as RecordEntity, linked).catch((error: unknown) => {
          throw error instanceof AppError && error.code === 'not-found' ? validationError([{ field, message: `is not a ${entity} you may see` }]) : error;
        });
      }
    }
  }

  private toListItem(actor: Actor, row: DealListRow): DealListItem {
    return stripUnreadable<DealListItem>(actor, 'Deal', { id: row.id, ownerId: row.owner_id }, listItemOf(row));
  }

  private toResponse(actor: Actor, row: DealRow): DealResponse {
    return stripUnreadable<DealResponse>(actor, 'Deal', { id: row.id, ownerId: row.owner_id }, {
      ...listItemOf(row),
      source: row.source,
      lostReasonId: row.lost_reason_id,
      lostNote: row.lost_note,
      closedAt: row.closed_at?.toISOString() ?? null,
      custom: row.custom,
      lineItems: row.line_items.map((li) => ({
        id: li.id,
        name: li.name,
        quantity: Number(li.quantity),
        unitPrice: Number(li.unit_price),
        discountPercent: Number(li.discount_percent),
        total: Number(li.total),
      })),
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
    });
  }
}

const listItemOf = (row: DealListRow): DealListItem => ({
  id: row.id,
  title: row.title,
  amount: money(row.amount),
  currency: row.currency.trim(),
  expectedCloseDate: row.expected_close_date,
  pipelineId: row.pipeline_id,
  stageId: row.stage_id,
  stageEnteredAt: new Date(row.stage_entered_at).toISOString(),
  probability: row.probability,
  weightedAmount: money(row.weighted_amount),
  status: row.status,
  contactId: row.contact_id,
  contactName: row.contact_name,
  companyId: row.company_id,
  companyName: row.company_name,
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  tags: row.tags,
  lastContactedAt: row.last_contacted_at ? new Date(row.last_contacted_at).toISOString() : null,
  updatedAt: new Date(row.updated_at).toISOString(),
  version: row.version,
});

const toTotal = (row: Pick<TotalRow, 'currency' | 'amount' | 'weighted_amount'>): DealTotal => ({
  currency: row.currency.trim(),
  amount: Number(row.amount),
  weightedAmount: Number(row.weighted_amount),
});

const toLineItem = (item: LineItemRequest): LineItemWrite => ({
  name: item.name,
  quantity: item.quantity,
  unitPrice: item.unitPrice,
  discountPercent: item.discountPercent ?? 0,
});
