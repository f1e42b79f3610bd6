import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { QueryParts } from '../../common/database/query-parts';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { Page } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter, SqlCondition } from '../permissions/permission-filter';
import type { ActivityKind, CallOutcome, Direction } from './dto/activity.dto';
import { recordCondition } from './record-access';

export interface ActivityRow {
  id: string;
  kind: ActivityKind;
  occurred_at: Date;
  subject: string | null;
  body: string | null;
  direction: Direction | null;
  duration_seconds: number | null;
  outcome: CallOutcome | null;
  contact_id: string | null;
  contact_name: string | null;
  company_id: string | null;
  company_name: string | null;
  deal_id: string | null;
  deal_title: string | null;
  owner_id: string;
  owner_name: string;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  version: number;
}

/** The stored fields of an activity (camelCase), as the service writes them. */
export interface ActivityFields {
  kind: ActivityKind;
  occurredAt: string | null;
  subject: string | null;
  body: string | null;
  direction: Direction | null;
  durationSeconds: number | null;
  outcome: CallOutcome | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  ownerId: string;
}

/** Calls, e-mails and meetings count as contact with the customer; notes do not. */
export const CONTACTING_KINDS: readonly ActivityKind[] = ['call', 'email', 'meeting'];

const COLUMNS: ColumnMap = { ownerId: 'a.owner_id', id: 'a.id' };

export const SELECT_ACTIVITIES = `
  SELECT a.id, a.kind, a.occurred_at, a.subject, a.body, a.direction, a.duration_seconds, a.outcome,
         a.contact_id, c.name AS contact_name, a.company_id, co.name AS company_name, a.deal_id, d.title AS deal_title,
         a.owner_id, o.display_name AS owner_name, a.created_at, a.updated_at, a.created_by, a.version
    FROM activities a
    JOIN users o ON o.id = a.owner_id
    LEFT JOIN contacts c ON c.id = a.contact_id
    LEFT JOIN companies co ON co.id = a.company_id
    LEFT JOIN deals d ON d.id = a.deal_id`;

const LIST: KeysetListSpec<ActivityRow> = {
  select: SELECT_ACTIVITIES,
  countFrom: 'activities a',
  idColumn: 'a.id',
  defaultSort: '-occurredAt',
  sorts: { occurredAt: { sql: 'a.occurred_at', type: 'timestamptz', value: (r) => r.occurred_at } },
};

export interface ActivityFilters {
  contactId?: string;
  companyId?: string;
  dealId?: string;
  kind?: ActivityKind;
  ownerId?: string;
  from?: string;
  to?: string;
}

/** SQL for activities. Visibility: the Activity rules, or (inside a record) the record's own. */
@Injectable()
export class ActivitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of activities. `recordScoped`: the caller may read the contact/company named in the
   * filters, so every activity of it is visible; otherwise the Activity rules filter the rows.
   */
  list(ability: AppAbility, filters: ActivityFilters, recordScoped: boolean, query: { sort?: string; cursor?: string; limit?: number; count?: boolean }): Promise<Page<ActivityRow>> {
    const parts = new QueryParts();
    if (!recordScoped) {
      parts.whereRaw((n) => permissionFilter(ability, 'read', 'Activity', COLUMNS, n));
    }
    const conditions: [keyof ActivityFilters, (p: string) => string][] = [
      ['contactId', (p) => `a.contact_id = ${p}`],
      ['companyId', (p) => `a.company_id = ${p}`],
      ['dealId', (p) => `a.deal_id = ${p}`],
      ['kind', (p) => `a.kind = ${p}`],
      ['ownerId', (p) => `a.owner_id = ${p}`],
      ['from', (p) => `a.occurred_at >= ${p}::timestamptz`],
      ['to', (p) => `a.occurred_at < ${p}::timestamptz`],
    ];
    for (const [field, condition] of conditions) {
      if (filters[field] !== undefined) {
        parts.where(condition, filters[field]);
      }
    }
    return keysetList(this.dataSource, LIST, parts, query);
  }

  /**
   * The activity if the caller may see it: the Activity rules allow it, or it belongs to a
   * contact or company the caller may read (and the caller may read activities at all).
   */
  async findVisible(ability: AppAbility, id: string, manager?: EntityManager): Promise<ActivityRow | undefined> {
    const parts = new QueryParts().where((p) => `a.id = ${p}`, id).whereRaw((n) => visibility(ability, n));
    const [row]: ActivityRow[] = await (manager ?? this.dataSource).query(`${SELECT_ACTIVITIES} WHERE ${parts.sql}`, parts.params);
    return row;
  }

  async find(manager: EntityManager, id: string): Promise<ActivityRow> {
    const [row]: ActivityRow[] = await manager.query(`${SELECT_ACTIVITIES} WHERE a.id = $1`, [id]);
    return row;
  }

  async insert(manager: EntityManager, activity: ActivityFields, createdBy: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO activities (kind, occurred_at, subject, body, direction, duration_seconds, outcome, contact_id, company_id, owner_id, created_by, deal_id)
       VALUES ($1, coalesce($2::timestamptz, now()), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        activity.kind, activity.occurredAt, activity.subject, activity.body, activity.direction, activity.durationSeconds,
        activity.outcome, activity.contactId, activity.companyId, activity.ownerId, createdBy, activity.dealId,
      ],
    );
    return id;
  }

  /** Many activities in one statement (demo data); `occurredAt` null means now. */
  async insertMany(manager: EntityManager, activities: ActivityFields[], createdBy: string | null): Promise<void> {
    if (activities.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO activities (kind, occurred_at, subject, body, direction, duration_seconds, outcome, contact_id, company_id, deal_id, owner_id, created_by)
       SELECT kind, coalesce(occurred_at, now()), subject, body, direction, duration_seconds, outcome, contact_id, company_id, deal_id, owner_id, $2
         FROM jsonb_to_recordset($1::jsonb) AS a(kind text, occurred_at timestamptz, subject text, body text, direction text,
              duration_seconds int, outcome text, contact_id uuid, company_id uuid, deal_id uuid, owner_id uuid)`,
      [
        JSON.stringify(activities.map((a) => ({
          kind: a.kind, occurred_at: a.occurredAt, subject: a.subject, body: a.body, direction: a.direction, duration_seconds: a.durationSeconds,
          outcome: a.outcome, contact_id: a.contactId, company_id: a.companyId, deal_id: a.dealId, owner_id: a.ownerId,
        }))),
        createdBy,
      ],
    );
  }

  update(manager: EntityManager, id: string, version: number, activity: ActivityFields): Promise<boolean> {
    // Every column is written: the service has merged the change into the whole activity (nulls included).
    return updateVersioned(manager, 'activities', id, version, {
      occurred_at: activity.occurredAt,
      subject: activity.subject ?? null,
      body: activity.body ?? null,
      direction: activity.direction ?? null,
      duration_seconds: activity.durationSeconds ?? null,
      outcome: activity.outcome ?? null,
      contact_id: activity.contactId ?? null,
      company_id: activity.companyId ?? null,
      deal_id: activity.dealId ?? null,
      owner_id: activity.ownerId,
    });
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'activities', id, version);
  }

  /**
   * Keeps `last_contacted_at` of the given contacts and companies at their latest call, e-mail or
   * meeting. Only rows whose value changes are written (the audit trigger ignores the column).
   */
  async refreshLastContacted(manager: EntityManager, contactIds: (string | null)[], companyIds: (string | null)[], dealIds: (string | null)[] = []): Promise<void> {
    for (const [table, column, ids] of [['contacts', 'contact_id', contactIds], ['companies', 'company_id', companyIds], ['deals', 'deal_id', dealIds]] as const) {
      const present = [...new Set(ids.filter((id): id is string => id !== null))];
      if (present.length === 0) {
        continue;
      }
      await manager.query(
        `UPDATE ${table} r SET last_contacted_at = latest.at
           FROM (SELECT r2.id, (SELECT max(a.occurred_at) FROM activities a WHERE a.${column} = r2.id AND a.kind = ANY($2)) AS at
                   FROM ${table} r2 WHERE r2.id = ANY($1)) latest
          WHERE r.id = latest.id AND r.last_contacted_at IS DISTINCT FROM latest.at`,
        [present, CONTACTING_KINDS],
      );
    }
  }
}

/** Activities visible to the ability: by their own rules, or through their contact, company or deal. */
function visibility(ability: AppAbility, firstParam: number): SqlCondition {
  if (!ability.can('read', 'Activity')) {
    return { sql: 'FALSE', params: [] };
  }
  const own = permissionFilter(ability, 'read', 'Activity', COLUMNS, firstParam);
  const contact = recordCondition(ability, 'read', 'contact', 'a.contact_id', firstParam + own.params.length);
  const company = recordCondition(ability, 'read', 'company', 'a.company_id', firstParam + own.params.length + contact.params.length);
  const deal = recordCondition(ability, 'read', 'deal', 'a.deal_id', firstParam + own.params.length + contact.params.length + company.params.length);
  return { sql: `(${own.sql} OR ${contact.sql} OR ${company.sql} OR ${deal.sql})`, params: [...own.params, ...contact.params, ...company.params, ...deal.params] };
}
