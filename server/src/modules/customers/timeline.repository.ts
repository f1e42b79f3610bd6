import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validationError } from '../../common/errors/app-error';
import { QueryParts } from '../../common/database/query-parts';
import type { FieldChangeResponse } from '../audit/dto/audit.dto';
import { ActivityRow, SELECT_ACTIVITIES } from './activities.repository';
import type { ActivityKind } from './dto/activity.dto';
import { RECORD_TABLES, RecordEntity } from './record-access';

/** Child tables whose audit rows name their contact or company inside `changes` (indexed by migration 11). */
const CHILD_TABLES = ['contact_points', 'contact_companies', 'attachments'];

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

/**
 * The merged timeline of one contact or company: its activities and every audited change of
 * the record and of its contact points, company links and attachments. Each source is read in
 * index order up to the page size, then merged.
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
      branches.push(`(SELECT a.occurred_at AS at, 1 AS rank, a.id::text AS id FROM activities a WHERE ${where}
                      ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${take})`);
    }
    if (withChanges) {
      let afterChange = '';
      if (after) {
        afterChange = after.rank === 0
          ? ` AND (e.occurred_at, e.id) < (${parts.param(after.at)}::timestamptz, ${parts.param(after.id)}::bigint)`
          : ` AND e.occurred_at <= ${parts.param(after.at)}::timestamptz`;
      }
      branches.push(`(SELECT e.occurred_at AS at, 0 AS rank, e.id::text AS id FROM audit.events e
                       WHERE e.table_name = ${parts.param(table)} AND e.record_id = ${record}::text AND e.kind = 'data'${afterChange}
                       ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${take})`);
      branches.push(`(SELECT e.occurred_at AS at, 0 AS rank, e.id::text AS id
                        FROM (SELECT DISTINCT c.table_name, c.record_id FROM audit.events c
                               WHERE coalesce(c.changes -> '${linkColumn}' ->> 'new', c.changes -> '${linkColumn}' ->> 'old') = ${record}::text
                                 AND c.table_name = ANY(${parts.param(CHILD_TABLES)}) AND c.kind = 'data') child
                        JOIN audit.events e ON e.table_name = child.table_name AND e.record_id = child.record_id
                       WHERE e.kind = 'data'${afterChange}
                       ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${take})`);
    }
    if (branches.length === 0) {
      return [];
    }
    const rows: { at: Date; at_text: string; rank: 0 | 1; id: string }[] = await this.dataSource.query(
      `SELECT t.at, t.at::text AS at_text, t.rank, t.id FROM (${branches.join(' UNION ALL ')}) t
        ORDER BY t.at DESC, t.rank DESC, CASE WHEN t.rank = 0 THEN lpad(t.id, 20, '0') ELSE t.id END DESC LIMIT ${take}`,
      parts.params,
    );
    return rows.map((row) => ({ at: row.at_text, rank: row.rank, id: row.id, occurredAt: row.at }));
  }

  activities(ids: string[]): Promise<ActivityRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.dataSource.query(`${SELECT_ACTIVITIES} WHERE a.id = ANY($1)`, [ids]);
  }

  changes(ids: string[]): Promise<ChangeRow[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.dataSource.query(
        `SELECT e.id::text, e.occurred_at, e.actor_id, u.display_name AS actor_name, e.action, e.table_name, e.changes
           FROM audit.events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.id = ANY($1::bigint[])`,
        [ids],
      );
  }
}

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
