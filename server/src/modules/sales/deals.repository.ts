import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { encodeCursor, keysetPage } from '../../common/http/keyset';
import type { Page } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import { CustomerTable, CustomFilter, lockAllowed, reassignOwner } from '../customers/customer-queries';
import type { Source } from '../customers/dto/customer-parts.dto';
import type { DealFilterQuery, DealListQuery, DealStatus, SummaryGroup } from './dto/deal.dto';

/** A deal as lists show it; money as exact decimal text from PostgreSQL. */
export interface DealListRow {
  id: string;
  title: string;
  amount: string | null;
  currency: string;
  expected_close_date: string | null;
  pipeline_id: string;
  stage_id: string;
  stage_entered_at: Date;
  probability: number;
  weighted_amount: string | null;
  status: DealStatus;
  contact_id: string | null;
  contact_name: string | null;
  company_id: string | null;
  company_name: string | null;
  owner_id: string;
  owner_name: string;
  tags: string[];
  last_contacted_at: Date | null;
  updated_at: Date;
  version: number;
}

export interface LineItemRow {
  id: string;
  name: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  total: string;
}

export interface DealRow extends DealListRow {
  source: Source | null;
  lost_reason_id: string | null;
  lost_note: string | null;
  closed_at: Date | null;
  custom: Record<string, unknown>;
  created_at: Date;
  created_by: string | null;
  line_items: LineItemRow[];
}

export interface LineItemWrite {
  name: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
}

/** The stored columns of a deal as the service writes them (undefined: unchanged). */
export interface DealWrite {
  title: string;
  amount: number | null;
  currency: string;
  expectedCloseDate: string | null;
  pipelineId: string;
  stageId: string;
  contactId: string | null;
  companyId: string | null;
  source: Source | null;
  lostReasonId: string | null;
  lostNote: string | null;
  /** 'now' sets closed_at to the transaction time; null clears it. */
  closedAt: 'now' | null;
  tags: string[];
  ownerId: string;
  custom: Record<string, unknown>;
}

/** A deal of the demo data (or an import): the stages it went through with when, oldest first. */
export interface DealSeed {
  title: string;
  amount: number | null;
  currency: string;
  expectedCloseDate: string | null;
  pipelineId: string;
  path: { stageId: string; at: Date }[];
  closed: boolean;
  contactId: string | null;
  companyId: string | null;
  source: Source | null;
  tags: string[];
  lostReasonId: string | null;
  lostNote: string | null;
  ownerId: string;
  lineItems: LineItemWrite[];
}

export interface QuietDealRow {
  id: string;
  title: string;
  amount: string | null;
  currency: string;
  pipeline_id: string;
  stage_id: string;
  last_contacted_at: Date | null;
  silent_days: number;
  contact_id: string | null;
  contact_name: string | null;
  contact_owner_id: string | null;
  company_id: string | null;
  company_name: string | null;
  company_owner_id: string | null;
}

export interface TotalRow {
  key: string | null;
  label: string | null;
  currency: string;
  count: number;
  amount: string;
  weighted_amount: string;
}

export interface StageHistoryRow {
  stage_id: string;
  pipeline_id: string;
  entered_at: Date;
  entered_by: string | null;
  entered_by_name: string | null;
  left_at: Date | null;
  left_by: string | null;
  left_by_name: string | null;
  seconds: number;
}

const COLUMNS: ColumnMap = { ownerId: 'd.owner_id', id: 'd.id' };
const TABLE: CustomerTable = { table: 'deals', alias: 'd', subject: 'Deal', columns: COLUMNS, nameColumn: 'title' };

const LIST_COLUMNS = `
  d.id, d.title, d.amount::text AS amount, d.currency, to_char(d.expected_close_date, 'YYYY-MM-DD') AS expected_close_date,
  d.pipeline_id, d.stage_id, d.stage_entered_at, s.probability, s.kind AS status,
  round(d.amount * s.probability / 100, 2)::text AS weighted_amount,
  d.contact_id, c.name AS contact_name, d.company_id, co.name AS company_name,
  d.owner_id, o.display_name AS owner_name, d.tags, d.last_contacted_at, d.updated_at, d.version`;
const JOINS = `
  JOIN pipeline_stages s ON s.id = d.stage_id
  JOIN users o ON o.id = d.owner_id
  LEFT JOIN contacts c ON c.id = d.contact_id
  LEFT JOIN companies co ON co.id = d.company_id`;
const SELECT_LIST = `SELECT ${LIST_COLUMNS} FROM deals d ${JOINS}`;
const SELECT_DEAL = `
  SELECT ${LIST_COLUMNS}, d.source, d.lost_reason_id, d.lost_note, d.closed_at, d.custom, d.created_at, d.created_by,
         (SELECT coalesce(json_agg(json_build_object('id', li.id, 'name', li.name, 'quantity', li.quantity::text, 'unit_price', li.unit_price::text,
                                                     'discount_percent', li.discount_percent::text, 'total', li.total::text) ORDER BY li.position, li.id), '[]')
            FROM deal_line_items li WHERE li.deal_id = d.id) AS line_items
    FROM deals d ${JOINS}`;

const LIST: KeysetListSpec<DealListRow> = {
  select: SELECT_LIST,
  countFrom: 'deals d',
  idColumn: 'd.id',
  pickFrom: 'deals d',
  defaultSort: '-updatedAt',
  sorts: {
    updatedAt: { sql: 'd.updated_at', type: 'timestamptz', value: (r) => r.updated_at },
    title: { sql: 'd.title', type: 'text', value: (r) => r.title },
    // A deal without amount or close date sorts as the smallest amount / the latest date.
    amount: { sql: 'coalesce(d.amount, -1)', type: 'numeric', value: (r) => r.amount ?? '-1' },
    expectedCloseDate: { sql: "coalesce(d.expected_close_date, 'infinity'::date)", type: 'date', value: (r) => r.expected_close_date ?? 'infinity' },
  },
};

const SUMMARY_KEYS: Record<SummaryGroup, { key: string; label: string; join: string }> = {
  pipeline: { key: 'd.pipeline_id::text', label: 'p.name', join: 'JOIN pipelines p ON p.id = d.pipeline_id' },
  stage: { key: 'd.stage_id::text', label: 's.name', join: '' },
  owner: { key: 'd.owner_id::text', label: 'o.display_name', join: 'JOIN users o ON o.id = d.owner_id' },
  team: { key: 't.id::text', label: 't.name', join: 'LEFT JOIN team_members tm ON tm.user_id = d.owner_id LEFT JOIN teams t ON t.id = tm.team_id' },
  month: { key: "to_char(d.expected_close_date, 'YYYY-MM')", label: "to_char(d.expected_close_date, 'YYYY-MM')", join: '' },
};

/** SQL for deals. Every read is filtered by the caller's permission rules in SQL. */
@Injectable()
export class DealsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The WHERE parts of a deal list, board or summary: permission rules for `action` and the query's filters, all on `deals d`. */
  filterParts(ability: AppAbility, action: Action, query: DealFilterQuery, customFilter?: CustomFilter): QueryParts {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, action, 'Deal', COLUMNS, n));
    if (customFilter) {
      parts.whereRaw(customFilter);
    }
    const q = query.q?.trim();
    if (q) {
      if (q.length >= 3) {
        parts.where((p) => `d.search_text LIKE '%' || crm_fold(${p}) || '%'`, escapeLike(q));
      } else {
        parts.where((p) => `crm_fold(d.title) LIKE crm_fold(${p}) || '%'`, escapeLike(q));
      }
    }
    if (query.pipelineId) {
      parts.where((p) => `d.pipeline_id = ${p}::uuid`, query.pipelineId);
    }
    if (query.stageId) {
      parts.where((p) => `d.stage_id = ${p}::uuid`, query.stageId);
    }
    if (query.status?.length) {
      parts.where((p) => `d.stage_id IN (SELECT st.id FROM pipeline_stages st WHERE st.kind = ANY(${p}::varchar[]))`, query.status);
    }
    if (query.ownerId?.length) {
      parts.where((p) => `d.owner_id = ANY(${p}::uuid[])`, query.ownerId);
    }
    if (query.teamId) {
      parts.where((p) => `d.owner_id IN (SELECT tm.user_id FROM team_members tm WHERE tm.team_id = ${p}::uuid)`, query.teamId);
    }
    if (query.closeFrom) {
      parts.where((p) => `d.expected_close_date >= ${p}::date`, query.closeFrom);
    }
    if (query.closeTo) {
      parts.where((p) => `d.expected_close_date <= ${p}::date`, query.closeTo);
    }
    if (query.tag?.length) {
      parts.where((p) => `d.tags && ${p}::text[]`, query.tag);
    }
    if (query.contactId) {
      parts.where((p) => `d.contact_id = ${p}::uuid`, query.contactId);
    }
    if (query.companyId) {
      parts.where((p) => `d.company_id = ${p}::uuid`, query.companyId);
    }
    return parts;
  }

  /**
   * The statement of a deals export: the list's filters and order, limited by the read AND export
   * rules, with the names of the pipeline, stage, contact, company, lost reason and owner.
   */
  exportQuery(ability: AppAbility, query: Omit<DealListQuery, 'limit' | 'cursor' | 'count'>, customFilter?: CustomFilter): { sql: string; params: unknown[] } {
    const filter = this.filterParts(ability, 'read', query, customFilter).whereRaw((n) => permissionFilter(ability, 'export', 'Deal', COLUMNS, n));
    const { orderBy } = keysetPage(LIST.sorts, 'd.id', query, filter.nextParam, LIST.defaultSort);
    return {
      sql: `SELECT ${LIST_COLUMNS}, p.name AS pipeline_name, s.name AS stage_name, d.source, lr.name AS lost_reason, d.lost_note, d.closed_at,
                   d.custom, o.login AS owner_login, d.created_at
              FROM deals d ${JOINS}
              JOIN pipelines p ON p.id = d.pipeline_id
              LEFT JOIN lost_reasons lr ON lr.id = d.lost_reason_id
             WHERE ${filter.sql} ORDER BY ${orderBy}`,
      params: filter.params,
    };
  }

  list(ability: AppAbility, query: DealListQuery, customFilter?: CustomFilter): Promise<Page<DealListRow>> {
    return keysetList(this.dataSource, LIST, this.filterParts(ability, 'read', query, customFilter), query);
  }

  /**
   * A board in one statement: for each stage of the pipeline the first `limit` deals (newest
   * change first, a LATERAL walk of the `deals_stage` index) and the count and totals per currency
   * (from `deals_stage_totals` alone; the weighted total is the column's sum times its probability).
   * Each stage yields at least one row; `id` is null on the row of an empty column.
   */
  async board(ability: AppAbility, pipelineId: string, query: DealFilterQuery, limit: number, customFilter?: CustomFilter): Promise<
    { stageId: string; totals: TotalRow[]; rows: DealListRow[]; nextCursor: string | null }[]
  > {
    const parts = this.filterParts(ability, 'read', { ...query, pipelineId: undefined, stageId: undefined }, customFilter);
    const pipeline = parts.param(pipelineId);
    const take = parts.param(limit + 1);
    const rows: (DealListRow & { column_stage_id: string; totals: TotalRow[] | null })[] = await this.dataSource.query(
      `WITH st AS (SELECT id, position, probability FROM pipeline_stages WHERE pipeline_id = ${pipeline}::uuid),
            tot AS (SELECT x.stage_id,
                           json_agg(json_build_object('currency', x.currency, 'count', x.n, 'amount', x.amount::text,
                                                      'weighted_amount', round(x.amount * st.probability / 100, 2)::text) ORDER BY x.currency) AS totals
                      FROM (SELECT d.stage_id, d.currency, count(*)::int AS n, coalesce(sum(d.amount), 0) AS amount
                              FROM deals d
                             WHERE d.stage_id IN (SELECT id FROM st) AND ${parts.sql}
                             GROUP BY d.stage_id, d.currency) x
                      JOIN st ON st.id = x.stage_id
                     GROUP BY x.stage_id)
       SELECT st.id AS column_stage_id, tot.totals, ${LIST_COLUMNS}
         FROM st
         LEFT JOIN tot ON tot.stage_id = st.id
         LEFT JOIN LATERAL (SELECT d.id, d.updated_at FROM deals d WHERE d.stage_id = st.id AND ${parts.sql}
                             ORDER BY d.updated_at DESC, d.id DESC LIMIT ${take}) pick ON true
         LEFT JOIN deals d ON d.id = pick.id
         LEFT JOIN pipeline_stages s ON s.id = d.stage_id
         LEFT JOIN users o ON o.id = d.owner_id
         LEFT JOIN contacts c ON c.id = d.contact_id
         LEFT JOIN companies co ON co.id = d.company_id
        ORDER BY st.position, st.id, pick.updated_at DESC, pick.id DESC`,
      parts.params,
    );
    const columns: { stageId: string; totals: TotalRow[]; rows: DealListRow[]; nextCursor: string | null }[] = [];
    for (const row of rows) {
      let column = columns[columns.length - 1];
      if (column?.stageId !== row.column_stage_id) {
        column = { stageId: row.column_stage_id, totals: row.totals ?? [], rows: [], nextCursor: null };
        columns.push(column);
      }
      if (row.id !== null) {
        column.rows.push(row);
      }
    }
    for (const column of columns) {
      if (column.rows.length > limit) {
        column.rows = column.rows.slice(0, limit);
        const last = column.rows[limit - 1];
        column.nextCursor = encodeCursor('updatedAt', last.updated_at, last.id);
      }
    }
    return columns;
  }

  /** Count and totals per currency of open deals, grouped. */
  summary(ability: AppAbility, groupBy: SummaryGroup, query: DealFilterQuery, customFilter?: CustomFilter): Promise<TotalRow[]> {
    const parts = this.filterParts(ability, 'read', query, customFilter);
    const { key, label, join } = SUMMARY_KEYS[groupBy];
    return this.dataSource.query(
      `SELECT ${key} AS key, ${label} AS label, d.currency, count(*)::int AS count,
              coalesce(sum(d.amount), 0)::text AS amount, coalesce(round(sum(d.amount * s.probability) / 100, 2), 0)::text AS weighted_amount
         FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id ${join}
        WHERE s.kind = 'open' AND ${parts.sql}
        GROUP BY 1, 2, 3
        ORDER BY 2 NULLS LAST, 1, 3`,
      parts.params,
    );
  }

  /**
   * An owner's open deals with no contact for longer than their pipeline's staleAfterDays, the
   * quietest first, as far as the role reads. The page is picked in `deals_quiet` order before the
   * names are joined.
   */
  quiet(ability: AppAbility, ownerId: string, limit: number): Promise<QuietDealRow[]> {
    const filter = permissionFilter(ability, 'read', 'Deal', COLUMNS, 2);
    return this.dataSource.query(
      `WITH quiet AS MATERIALIZED (
         SELECT d.id, d.title, d.amount, d.currency, d.pipeline_id, d.stage_id, d.last_contacted_at, d.contact_id, d.company_id,
                coalesce(d.last_contacted_at, d.stage_entered_at) AS quiet_since
           FROM deals d
           JOIN pipelines p ON p.id = d.pipeline_id
           JOIN pipeline_stages s ON s.id = d.stage_id AND s.kind = 'open'
          WHERE d.owner_id = $1 AND d.closed_at IS NULL
            AND coalesce(d.last_contacted_at, d.stage_entered_at) < now() - make_interval(days => p.stale_after_days)
            AND ${filter.sql}
          ORDER BY coalesce(d.last_contacted_at, d.stage_entered_at), d.id
          LIMIT ${limit})
       SELECT d.id, d.title, d.amount, d.currency, d.pipeline_id, d.stage_id, d.last_contacted_at,
              floor(extract(epoch FROM now() - d.quiet_since) / 86400)::int AS silent_days,
              d.contact_id, c.name AS contact_name, c.owner_id AS contact_owner_id,
              d.company_id, co.name AS company_name, co.owner_id AS company_owner_id
         FROM quiet d
         LEFT JOIN contacts c ON c.id = d.contact_id
         LEFT JOIN companies co ON co.id = d.company_id
        ORDER BY d.quiet_since, d.id`,
      [ownerId, ...filter.params],
    );
  }

  async findAllowed(ability: AppAbility, action: Action, id: string, manager?: EntityManager): Promise<DealRow | undefined> {
    const parts = new QueryParts().where((p) => `d.id = ${p}`, id).whereRaw((n) => permissionFilter(ability, action, 'Deal', COLUMNS, n));
    const [row]: DealRow[] = await (manager ?? this.dataSource).query(`${SELECT_DEAL} WHERE ${parts.sql}`, parts.params);
    return row;
  }

  async find(id: string, manager: EntityManager): Promise<DealRow> {
    const [row]: DealRow[] = await manager.query(`${SELECT_DEAL} WHERE d.id = $1`, [id]);
    return row;
  }

  /** Locks the deal for the rest of the transaction (a write follows). */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT 1 FROM deals WHERE id = $1 FOR UPDATE', [id]);
  }

  lockAllowed(manager: EntityManager, ability: AppAbility, action: Action, ids: string[]): Promise<{ id: string; owner_id: string; name: string }[]> {
    return lockAllowed(manager, TABLE, ability, action, ids);
  }

  reassign(manager: EntityManager, ids: string[], ownerId: string): Promise<number> {
    return reassignOwner(manager, 'deals', ids, ownerId);
  }

  async insert(manager: EntityManager, deal: DealWrite & { createdBy: string }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO deals (title, amount, currency, expected_close_date, pipeline_id, stage_id, contact_id, company_id, source,
                          lost_reason_id, lost_note, closed_at, tags, owner_id, custom, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $12::boolean THEN now() END, $13, $14, $15, $16) RETURNING id`,
      [
        deal.title, deal.amount, deal.currency, deal.expectedCloseDate, deal.pipelineId, deal.stageId, deal.contactId, deal.companyId, deal.source,
        deal.lostReasonId, deal.lostNote, deal.closedAt === 'now', deal.tags, deal.ownerId, JSON.stringify(deal.custom), deal.createdBy,
      ],
    );
    return id;
  }

  /** Changes the given columns if the version matches; a new stage also restarts `stage_entered_at` (the trigger writes the history). */
  update(manager: EntityManager, id: string, version: number, changes: Partial<DealWrite> & { stageMoved?: boolean }): Promise<boolean> {
    const columns: Record<string, unknown> = {
      title: changes.title,
      amount: changes.amount,
      currency: changes.currency,
      expected_close_date: changes.expectedCloseDate,
      pipeline_id: changes.pipelineId,
      stage_id: changes.stageId,
      contact_id: changes.contactId,
      company_id: changes.companyId,
      source: changes.source,
      lost_reason_id: changes.lostReasonId,
      lost_note: changes.lostNote,
      tags: changes.tags,
      owner_id: changes.ownerId,
      custom: changes.custom && JSON.stringify(changes.custom),
    };
    const expressions: string[] = [];
    if (changes.stageMoved) {
      expressions.push('stage_entered_at = now()');
    }
    if (changes.closedAt !== undefined) {
      expressions.push(changes.closedAt === 'now' ? 'closed_at = now()' : 'closed_at = NULL');
    }
    return updateVersioned(manager, 'deals', id, version, columns, undefined, expressions);
  }

  /** Replaces the line items and makes the amount their exact (numeric) sum. */
  async replaceLineItems(manager: EntityManager, dealId: string, items: LineItemWrite[], actorId: string): Promise<void> {
    await manager.query('DELETE FROM deal_line_items WHERE deal_id = $1', [dealId]);
    if (items.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO deal_line_items (deal_id, position, name, quantity, unit_price, discount_percent, created_by)
       SELECT $1, n - 1, name, quantity, unit_price, discount_percent, $6
         FROM unnest($2::varchar[], $3::numeric[], $4::numeric[], $5::numeric[]) WITH ORDINALITY AS li(name, quantity, unit_price, discount_percent, n)`,
      [dealId, items.map((i) => i.name), items.map((i) => String(i.quantity)), items.map((i) => String(i.unitPrice)), items.map((i) => String(i.discountPercent)), actorId],
    );
    await manager.query(
      `UPDATE deals SET amount = (SELECT sum(total) FROM deal_line_items WHERE deal_id = $1) WHERE id = $1`,
      [dealId],
    );
  }

  /**
   * Inserts many deals in a few statements, walking each through its stages so that the trigger
   * writes a real stage history (the moves are credited to the deal's owner). Returns the ids in order.
   */
  async insertMany(manager: EntityManager, deals: DealSeed[], createdBy: string | null): Promise<string[]> {
    if (deals.length === 0) {
      return [];
    }
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO deals (title, amount, currency, expected_close_date, pipeline_id, stage_id, stage_entered_at, contact_id, company_id, source,
                          tags, owner_id, created_at, updated_at, created_by)
       SELECT title, amount, currency, expected_close_date, pipeline_id, stage_id, at, contact_id, company_id, source,
              ARRAY(SELECT jsonb_array_elements_text(tags)), owner_id, at, at, $2
         FROM jsonb_to_recordset($1::jsonb) AS d(title text, amount numeric, currency text, expected_close_date date, pipeline_id uuid,
              stage_id uuid, at timestamptz, contact_id uuid, company_id uuid, source text, tags jsonb, owner_id uuid, n bigint)
        ORDER BY n
       RETURNING id`,
      [
        JSON.stringify(deals.map((d, n) => ({
          n,
          title: d.title, amount: d.amount, currency: d.currency, expected_close_date: d.expectedCloseDate, pipeline_id: d.pipelineId,
          stage_id: d.path[0].stageId, at: d.path[0].at, contact_id: d.contactId, company_id: d.companyId, source: d.source, tags: d.tags, owner_id: d.ownerId,
        }))),
        createdBy,
      ],
    );
    const ids = rows.map((row) => row.id);
    const longest = Math.max(...deals.map((d) => d.path.length));
    for (let step = 1; step < longest; step++) {
      const moves = deals.flatMap((d, i) => (d.path.length > step ? [{ id: ids[i], stage_id: d.path[step].stageId, at: d.path[step].at }] : []));
      await manager.query(
        `UPDATE deals d SET stage_id = m.stage_id, stage_entered_at = m.at, updated_at = m.at
           FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, stage_id uuid, at timestamptz) WHERE d.id = m.id`,
        [JSON.stringify(moves)],
      );
    }
    await manager.query(
      `UPDATE deals d SET lost_reason_id = x.lost_reason_id, lost_note = x.lost_note, closed_at = CASE WHEN x.closed THEN d.stage_entered_at END
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, lost_reason_id uuid, lost_note text, closed boolean)
        WHERE d.id = x.id AND (x.closed OR x.lost_reason_id IS NOT NULL)`,
      [JSON.stringify(deals.map((d, i) => ({ id: ids[i], lost_reason_id: d.lostReasonId, lost_note: d.lostNote, closed: d.closed })))],
    );
    await manager.query(
      `UPDATE deal_stage_history h SET entered_by = d.owner_id, left_by = CASE WHEN h.left_at IS NOT NULL THEN d.owner_id END
         FROM deals d WHERE d.id = h.deal_id AND d.id = ANY($1::uuid[])`,
      [ids],
    );
    const items = deals.flatMap((d, i) => d.lineItems.map((item, position) => ({ deal_id: ids[i], position, ...item })));
    if (items.length > 0) {
      await manager.query(
        `INSERT INTO deal_line_items (deal_id, position, name, quantity, unit_price, discount_percent, created_by)
         SELECT deal_id, position, name, quantity, unit_price, discount_percent, $2
           FROM jsonb_to_recordset($1::jsonb) AS li(deal_id uuid, position int, name text, quantity numeric, unit_price numeric, discount_percent numeric)`,
        [JSON.stringify(items.map((li) => ({ deal_id: li.deal_id, position: li.position, name: li.name, quantity: li.quantity, unit_price: li.unitPrice, discount_percent: li.discountPercent }))), createdBy],
      );
      await manager.query(
        `UPDATE deals d SET amount = t.total FROM (SELECT deal_id, sum(total) AS total FROM deal_line_items WHERE deal_id = ANY($1::uuid[]) GROUP BY deal_id) t
          WHERE d.id = t.deal_id`,
        [ids],
      );
    }
    await this.refreshSearch(manager, ids);
    return ids;
  }

  async hasLineItems(manager: EntityManager, dealId: string): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM deal_line_items WHERE deal_id = $1 LIMIT 1', [dealId])).length > 0;
  }

  async refreshSearch(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await manager.query('UPDATE deals SET search_text = deal_search_document(id) WHERE id = ANY($1::uuid[])', [ids]);
    }
  }

  /** Rebuilds the search documents of the deals of these contacts and companies (their names changed). */
  async refreshSearchOf(manager: EntityManager, contactIds: string[], companyIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE deals SET search_text = deal_search_document(id)
        WHERE contact_id = ANY($1::uuid[]) OR company_id = ANY($2::uuid[])`,
      [contactIds, companyIds],
    );
  }

  async stageHistory(dealId: string): Promise<StageHistoryRow[]> {
    return this.dataSource.query(
      `SELECT h.stage_id, h.pipeline_id, h.entered_at, h.entered_by, eu.display_name AS entered_by_name,
              h.left_at, h.left_by, lu.display_name AS left_by_name,
              greatest(0, floor(extract(epoch FROM coalesce(h.left_at, now()) - h.entered_at)))::bigint::int AS seconds
         FROM deal_stage_history h
         LEFT JOIN users eu ON eu.id = h.entered_by
         LEFT JOIN users lu ON lu.id = h.left_by
        WHERE h.deal_id = $1
        ORDER BY h.entered_at, h.id`,
      [dealId],
    );
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'deals', id, version);
  }
}
