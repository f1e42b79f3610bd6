import { EntityManager } from 'typeorm';
import { forbidden, notFound, validationError } from '../../common/errors/app-error';
import type { AppAbility } from '../permissions/ability';
import { permissionFilter, SqlCondition } from '../permissions/permission-filter';
import type { Subject } from '../permissions/subjects';

/** The records that activities, attachments and timelines hang on. */
export type RecordEntity = 'contact' | 'company' | 'deal';
export const RECORD_ENTITIES: readonly RecordEntity[] = ['contact', 'company', 'deal'];

interface RecordTable {
  table: string;
  subject: Extract<Subject, 'Contact' | 'Company' | 'Deal'>;
  /** The child tables' column naming the record. */
  linkColumn: 'contact_id' | 'company_id' | 'deal_id';
  label: string;
}

export const RECORD_TABLES: Record<RecordEntity, RecordTable> = {
  contact: { table: 'contacts', subject: 'Contact', linkColumn: 'contact_id', label: 'The contact' },
  company: { table: 'companies', subject: 'Company', linkColumn: 'company_id', label: 'The company' },
  deal: { table: 'deals', subject: 'Deal', linkColumn: 'deal_id', label: 'The deal' },
};

export interface RecordAccess {
  id: string;
  ownerId: string;
  mayUpdate: boolean;
}

/**
 * The one check of "may the caller read (and update) this contact or company", in SQL from the
 * same rules as the lists. Invisible or missing: 404. `need = 'update'` on a visible record the
 * role may not change: 403.
 */
export async function requireRecord(
  db: Pick<EntityManager, 'query'>,
  ability: AppAbility,
  entity: RecordEntity,
  id: string,
  need: 'read' | 'update' = 'read',
): Promise<RecordAccess> {
  const { table, subject, label } = RECORD_TABLES[entity];
  const columns = { ownerId: 'r.owner_id', id: 'r.id' };
  const read = permissionFilter(ability, 'read', subject, columns, 2);
  const update = permissionFilter(ability, 'update', subject, columns, 2 + read.params.length);
  const [row]: { id: string; owner_id: string; may_update: boolean }[] = await db.query(
    `SELECT r.id, r.owner_id, (${update.sql}) AS may_update FROM ${table} r WHERE r.id = $1 AND ${read.sql}`,
    [id, ...read.params, ...update.params],
  );
  if (!row) {
    throw notFound(label);
  }
  if (need === 'update' && !row.may_update) {
    throw forbidden(`Your role does not allow changing ${label.replace(/^The /, 'this ')}`);
  }
  return { id: row.id, ownerId: row.owner_id, mayUpdate: row.may_update };
}

/** Which of these contacts, companies or deals the ability may read (missing ones are left out too). */
export async function readableRecords(db: Pick<EntityManager, 'query'>, ability: AppAbility, entity: RecordEntity, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const { table, subject } = RECORD_TABLES[entity];
  const filter = permissionFilter(ability, 'read', subject, { ownerId: 'r.owner_id', id: 'r.id' }, 2);
  const rows: { id: string }[] = await db.query(`SELECT r.id FROM ${table} r WHERE r.id = ANY($1::uuid[]) AND ${filter.sql}`, [ids, ...filter.params]);
  return new Set(rows.map((r) => r.id));
}

/**
 * SQL that holds when `linkColumn` (e.g. `a.contact_id`) names a record of `entity` the ability
 * allows `action` on; for the rows of child tables whose visibility follows their record.
 */
export function recordCondition(ability: AppAbility, action: 'read' | 'update', entity: RecordEntity, linkColumn: string, firstParam: number): SqlCondition {
  const { table, subject } = RECORD_TABLES[entity];
  const filter = permissionFilter(ability, action, subject, { ownerId: 'r.owner_id', id: 'r.id' }, firstParam);
  return { sql: `EXISTS (SELECT 1 FROM ${table} r WHERE r.id = ${linkColumn} AND ${filter.sql})`, params: filter.params };
}

/** A record's new owner (or an activity's author) must be an active user: else 400 naming `field`. */
export async function requireActiveUser(db: Pick<EntityManager, 'query'>, userId: string, field = 'ownerId'): Promise<void> {
  if ((await db.query('SELECT 1 FROM users WHERE id = $1 AND active', [userId])).length === 0) {
    throw validationError([{ field, message: 'is not an active user' }]);
  }
}
