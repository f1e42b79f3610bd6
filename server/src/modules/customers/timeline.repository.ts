import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validationError } from '../../common/errors/app-error';
import { QueryParts } from '../../common/database/query-parts';
import type { FieldChangeResponse } from '../audit/dto/audit.dto';
import type { ActivityRow } from './activities.repository';
import type { ActivityKind } from './dto/activity.dto';
import { RECORD_TABLES, RecordEntity } from './record-access';

/** Child tables whose audit rows name their record in `changes` (each set matches a partial index of migrations 011 and 021). */
const CHILD_TABLES: Record<RecordEntity, string[]> = {
  contact: ['contact_points', 'contact_companies', 'attachments'],
  company: ['contact_points', 'contact_companies', 'attachments'],
  deal: ['attachments', 'deal_line_items'],
};

/** Position in the timeline: newest first by time, then activities before changes, then id. */
interface TimelineKey {
  /** The timestamp as PostgreSQL prints it (microseconds kept). */
  at: string;
  /** 1: activity, 0: change. */
  rank: 0 | 1;
  id: string;
}

export interface TimelineEntry extends TimelineKey {
  occurredAt: Date;
  /** The activity (rank 1) or the audited change (rank 0), read in the same statement. */
  activity?: ActivityRow;
  change?: ChangeRow;
}

export interface ChangeRow {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  table_name: string;
  changes: Record<string, FieldChangeResponse> | null;
}

/** Columns of one page row: its key, and the activity or the change it stands for (the other's are null). */
type PageRow = Omit<ActivityRow, 'id' | 'occurred_at'> & Omit<ChangeRow, 'id' | 'occurred_at'> & {
  at: Date;
  at_text: string;
  rank: 0 | 1;
  id: string;
  activity_found: boolean;
  change_found: boolean;
};

/**
 * The merged timeline of one contact or company: its activities and every audited change of
 * the record and of its contact points, company links and attachments. Each source is read in
 * index order up to the page size, then merged, and the rows of the page are joined in the same
 * statement (one round trip for the page).
 */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(entity: RecordEntity, recordId: string, kinds: ActivityKind[], withChanges: boolean, cursor: string | undefined, limit: number): Promise<TimelineEntry[]> {
    const { table, linkColumn } = RECORD_TABLES[entity];
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const parts = new QueryParts();
    const record = parts.param(recordId);
    const take = parts.param(limit);
    const branches: string[] = [];
    if (kinds.length > 0) {
      let where = `a.${linkColumn} = ${record}::uuid AND a.kind = ANY(${parts.param(kinds)})`;
      if (after) {
        where += after.rank === 1
          ? ` AND (a.occurred_at, a.id) < (${parts.param(after.at)}::timestamptz, ${parts.param(after.id)}::uuid)`
          : ` AND a.occurred_at < ${parts.param(after.at)}::timestamptz`;
      }
      branches.push(`(SELECT a.occurred_at AS at, 1 AS rank, a.id::text AS id, a.id AS activity_id, NULL::bigint AS event_id FROM activities a WHERE ${where}
                      ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${take})`);
    }
    if (withChanges) {
      let afterChange = '';
      if (after) {
        afterChange = after.rank === 0
          ? ` AND (e.occurred_at, e.id) < (${parts.param(after.at)}::timestamptz, ${parts.param(after.id)}::bigint)`
          : ` AND e.occurred_at <= ${parts.param(after.at)}::timestamptz`;
      }
      branches.push(`(SELECT e.occurred_at AS at, 0 AS rank, e.id::text AS id, NULL::uuid AS activity_id, e.id AS event_id FROM audit.events e
                       WHERE e.table_name = ${parts.param(table)} AND e.record_id = ${record}::text AND e.kind = 'data'${afterChange}
                       ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${take})`);
      branches.push(`(SELECT e.occurred_at AS at, 0 AS rank, e.id::text AS id, NULL::uuid AS activity_id, e.id AS event_id
                        FROM (SELECT DISTINCT c.table_name, c.record_id FROM audit.events c
                               WHERE coalesce(c.changes -> '${linkColumn}' ->> 'new', c.changes -> '${linkColumn}' ->> 'old') = ${record}::text
                                 AND c.table_name = ANY(${parts.param(CHILD_TABLES[entity])}) AND c.kind = 'data') child
                        JOIN audit.events e ON e.table_name = child.table_name AND e.record_id = child.record_id
                       WHERE e.kind = 'data'${afterChange}
                       ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${take})`);
    }
    if (branches.length === 0) {
      return [];
    }
    const order = `t.at DESC, t.rank DESC, CASE WHEN t.rank = 0 THEN lpad(t.id, 20, '0') ELSE t.id END DESC`;
    const rows: PageRow[] = await this.dataSource.query(
      `SELECT t.at, t.at::text AS at_text, t.rank, t.id,
              a.id IS NOT NULL AS activity_found, a.kind, a.subject, a.body, a.direction, a.duration_seconds, a.outcome,
              a.contact_id, c.name AS contact_name, a.company_id, co.name AS company_name, a.deal_id, dl.title AS deal_title,
              a.owner_id, o.display_name AS owner_name, a.created_at, a.updated_at, a.created_by, a.version,
              e.id IS NOT NULL AS change_found, e.actor_id, u.display_name AS actor_name, e.action, e.table_name, e.changes
         FROM (SELECT * FROM (${branches.join(' UNION ALL ')}) t ORDER BY ${order} LIMIT ${take}) t
         LEFT JOIN activities a ON a.id = t.activity_id
         LEFT JOIN users o ON o.id = a.owner_id
         LEFT JOIN contacts c ON c.id = a.contact_id
         LEFT JOIN companies co ON co.id = a.company_id
         LEFT JOIN deals dl ON dl.id = a.deal_id
         LEFT JOIN audit.events e ON e.id = t.event_id
         LEFT JOIN users u ON u.id = e.actor_id
        ORDER BY ${order}`,
      parts.params,
    );
    return rows.map((row) => ({
      at: row.at_text,
      rank: row.rank,
      id: row.id,
      occurredAt: row.at,
      activity: row.rank === 1 && row.activity_found ? activityOf(row) : undefined,
      change: row.rank === 0 && row.change_found ? changeOf(row) : undefined,
    }));
  }
}

const activityOf = (row: PageRow): ActivityRow => ({
  id: row.id, kind: row.kind, occurred_at: row.at, subject: row.subject, body: row.body, direction: row.direction,
  duration_seconds: row.duration_seconds, outcome: row.outcome, contact_id: row.contact_id, contact_name: row.contact_name,
  company_id: row.company_id, company_name: row.company_name, deal_id: row.deal_id, deal_title: row.deal_title, owner_id: row.owner_id, owner_name: row.owner_name,
  created_at: row.created_at, updated_at: row.updated_at, created_by: row.created_by, version: row.version,
});

const changeOf = (row: PageRow): ChangeRow => ({
  id: row.id, occurred_at: row.at, actor_id: row.actor_id, actor_name: row.actor_name, action: row.action, table_name: row.table_name, changes: row.changes,
});

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

export function encodeTimelineCursor(key: TimelineKey): string {
  return Buffer.from(JSON.stringify([key.at, key.rank, key.id])).toString('base64url');
}

function decodeCursor(cursor: string): TimelineKey {
  try {
    const [at, rank, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    const validId = (rank === 1 && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) || (rank === 0 && typeof id === 'string' && /^\d{1,19}$/.test(id));
    if (typeof at === 'string' && TIMESTAMP.test(at) && validId) {
      return { at, rank, id };
    }
  } catch {
    // falls through to the validation error
  }
  throw validationError([{ field: 'cursor', message: 'is not a cursor of this timeline' }]);
}
