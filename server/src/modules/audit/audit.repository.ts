import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueryParts } from '../../common/database/query-parts';
import { validationError } from '../../common/errors/app-error';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter } from '../permissions/permission-filter';
import type { AuditEventQuery, AuditEventResponse } from './dto/audit.dto';

interface EventRow {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_login: string | null;
  ip: string | null;
  request_id: string | null;
  kind: 'data' | 'app';
  action: string;
  table_name: string | null;
  record_id: string | null;
  changes: AuditEventResponse['changes'];
  details: Record<string, unknown> | null;
  sealed: boolean;
}

const SELECT_EVENTS = `
  SELECT e.id::text, e.occurred_at, e.actor_id, u.login AS actor_login, e.ip, e.request_id, e.kind, e.action,
         e.table_name, e.record_id, e.changes, e.details,
         EXISTS (SELECT 1 FROM audit.chain c WHERE c.event_id = e.id) AS sealed
    FROM audit.events e LEFT JOIN users u ON u.id = e.actor_id`;

/** Reads the audit trail: searches for auditors and the change history of one record. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Events matching the filters, newest first, after `cursor` (an event id). */
  async search(ability: AppAbility, query: AuditEventQuery, limit: number): Promise<AuditEventResponse[]> {
    const parts = new QueryParts().whereRaw(permissionFilter(ability, 'read', 'AuditEvent', {}));
    const filters: [keyof AuditEventQuery, (p: string) => string][] = [
      ['tableName', (p) => `e.table_name = ${p}`],
      ['recordId', (p) => `e.record_id = ${p}`],
      ['actorId', (p) => `e.actor_id = ${p}`],
      ['action', (p) => `e.action = ${p}`],
      ['from', (p) => `e.occurred_at >= ${p}`],
      ['to', (p) => `e.occurred_at < ${p}`],
    ];
    for (const [field, condition] of filters) {
      if (query[field] !== undefined) {
        parts.where(condition, query[field]);
      }
    }
    if (query.cursor) {
      parts.where((p) => `e.id < ${p}::bigint`, checkedCursor(query.cursor));
    }
    const rows: EventRow[] = await this.dataSource.query(`${SELECT_EVENTS} WHERE ${parts.sql} ORDER BY e.id DESC LIMIT ${parts.param(limit)}`, parts.params);
    return rows.map(toAuditEventResponse);
  }

  /** One event, when the ability lets its holder read it. */
  async get(ability: AppAbility, id: string): Promise<AuditEventResponse | null> {
    const parts = new QueryParts()
      .whereRaw(permissionFilter(ability, 'read', 'AuditEvent', {}))
      .where((p) => `e.id = ${p}::bigint`, checkedEventId(id, 'id'));
    const rows: EventRow[] = await this.dataSource.query(`${SELECT_EVENTS} WHERE ${parts.sql}`, parts.params);
    return rows.length === 0 ? null : toAuditEventResponse(rows[0]);
  }

  /** Display names of these users by id, to name them where the trail holds only their ids; ids of no user are left out. */
  async userNames(ids: readonly string[]): Promise<Record<string, string>> {
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    if (wanted.length === 0) {
      return {};
    }
    const rows: { id: string; display_name: string }[] = await this.dataSource.query(
      'SELECT u.id, u.display_name FROM users u WHERE u.id = ANY($1::uuid[])',
      [wanted],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.display_name]));
  }

  /**
   * Changes of one record, newest first. Callers check that the record is visible; its
   * history is visible with it.
   */
  async recordHistory(tableName: string, recordId: string, cursor: string | undefined, limit: number): Promise<AuditEventResponse[]> {
    const parts = new QueryParts().where((p) => `e.table_name = ${p}`, tableName).where((p) => `e.record_id = ${p}`, recordId);
    if (cursor) {
      parts.where((p) => `e.id < ${p}::bigint`, checkedCursor(cursor));
    }
    const rows: EventRow[] = await this.dataSource.query(`${SELECT_EVENTS} WHERE ${parts.sql} ORDER BY e.id DESC LIMIT ${parts.param(limit)}`, parts.params);
    return rows.map(toAuditEventResponse);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedEventId(value: string, field: string): string {
  if (!/^\d{1,19}$/.test(value)) {
    throw validationError([{ field, message: field === 'cursor' ? 'is not a cursor of this list' : 'is not an audit event id' }]);
  }
  return value;
}

const checkedCursor = (cursor: string): string => checkedEventId(cursor, 'cursor');

function toAuditEventResponse(row: EventRow): AuditEventResponse {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorLogin: row.actor_login ?? 'system',
    ip: row.ip,
    requestId: row.request_id,
    kind: row.kind,
    action: row.action,
    tableName: row.table_name,
    recordId: row.record_id,
    changes: row.changes,
    details: row.details,
    sealed: row.sealed,
  };
}
