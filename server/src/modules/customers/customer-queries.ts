import type { CountryCode } from 'libphonenumber-js';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetListSpec, keysetList } from '../../common/database/keyset-list';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import type { Page } from '../../common/http/page';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter, SqlCondition } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import { ContactPoint, phoneSearchDigits } from './contact-points';
import type { CustomerListQuery } from './dto/customer-parts.dto';

/*
 * SQL that contacts and companies share: their points, list filters, sorts, the typo-tolerant
 * fallback of a search, and bulk owner changes. The repositories own the rest.
 */

/** A condition on custom field values, built by CustomFieldsService.listFilter. */
export type CustomFilter = (nextParam: number) => SqlCondition;

/** The points of a contact or company (`owner` is `contact_id` or `company_id`) as a JSON array in position order. */
export const pointsJson = (owner: 'contact_id' | 'company_id', id: string): string => `
  (SELECT coalesce(json_agg(json_build_object('kind', p.kind, 'channel', p.channel, 'value', p.value, 'label', p.label, 'primary', p.is_primary)
                   ORDER BY p.position), '[]')
     FROM contact_points p WHERE p.${owner} = ${id})`;

/** The primary e-mail or phone of some points: `email` / `phone` of the record keep a copy of it. */
export const primaryOf = (points: ContactPoint[], kind: 'email' | 'phone'): string | null => points.find((p) => p.kind === kind && p.primary)?.value ?? null;

/** Sorts of customer lists; a missing last contact sorts as the oldest. */
export const customerSorts = <R extends { name: string; created_at: Date; updated_at: Date; last_contacted_at: Date | null }>(
  alias: string,
): KeysetListSpec<R>['sorts'] => ({
  name: { sql: `${alias}.name`, type: 'text', value: (r) => r.name },
  createdAt: { sql: `${alias}.created_at`, type: 'timestamptz', value: (r) => r.created_at },
  updatedAt: { sql: `${alias}.updated_at`, type: 'timestamptz', value: (r) => r.updated_at },
  lastContactedAt: { sql: `coalesce(${alias}.last_contacted_at, '-infinity')`, type: 'timestamptz', value: (r) => r.last_contacted_at ?? '-infinity' },
});

/** A date-only upper bound includes its whole day; a full timestamp is exclusive. */
const upperBound = (column: string, value: string) => (p: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${column} < ${p}::date + 1` : `${column} < ${p}::timestamptz`;

/**
 * Adds the filters shared by contact and company lists (text search, owner, lifecycle, source,
 * tags, created/updated ranges) for the table behind `alias`.
 */
export function addCustomerFilters(parts: QueryParts, alias: string, query: CustomerListQuery, region: CountryCode): QueryParts {
  const q = query.q?.trim();
  if (q) {
    const digits = phoneSearchDigits(q, region);
    if (digits !== undefined) {
      // Phone numbers are in the search document as bare digits too.
      parts.where((p) => `${alias}.search_text LIKE '%' || ${p} || '%'`, digits);
    } else if (q.length >= 3) {
      // Trigram index for 3+ characters; shorter fragments match from the start of the name.
      parts.where((p) => `${alias}.search_text LIKE '%' || crm_fold(${p}) || '%'`, escapeLike(q));
    } else {
      parts.where((p) => `crm_fold(${alias}.name) LIKE crm_fold(${p}) || '%'`, escapeLike(q));
    }
  }
  if (query.ownerId?.length) {
    parts.where((p) => `${alias}.owner_id = ANY(${p}::uuid[])`, query.ownerId);
  }
  if (query.lifecycle?.length) {
    parts.where((p) => `${alias}.lifecycle = ANY(${p})`, query.lifecycle);
  }
  if (query.source?.length) {
    parts.where((p) => `${alias}.source = ANY(${p})`, query.source);
  }
  if (query.tag?.length) {
    parts.where((p) => `${alias}.tags && ${p}::text[]`, query.tag);
  }
  if (query.createdFrom) {
    parts.where((p) => `${alias}.created_at >= ${p}::timestamptz`, query.createdFrom);
  }
  if (query.createdTo) {
    parts.where(upperBound(`${alias}.created_at`, query.createdTo), query.createdTo);
  }
  if (query.updatedFrom) {
    parts.where((p) => `${alias}.updated_at >= ${p}::timestamptz`, query.updatedFrom);
  }
  if (query.updatedTo) {
    parts.where(upperBound(`${alias}.updated_at`, query.updatedTo), query.updatedTo);
  }
  return parts;
}

/** Whether a list query should try the typo-tolerant name match after an empty first page. */
export const wantsTypoFallback = (query: CustomerListQuery, region: CountryCode): boolean => {
  const q = query.q?.trim() ?? '';
  return !query.cursor && q.length >= 3 && phoneSearchDigits(q, region) === undefined;
};

/**
 * Makes the points of one contact or company exactly `points`, in order. Unchanged points keep
 * their rows (and audit history); changed labels or primary flags are updated in place.
 */
export async function replacePoints(
  manager: EntityManager,
  owner: 'contact_id' | 'company_id',
  id: string,
  points: ContactPoint[],
  createdBy: string | null,
): Promise<void> {
  const existing: { id: string; kind: string; channel: string | null; value: string; label: string | null; is_primary: boolean; position: number }[] =
    await manager.query(`SELECT id, kind, channel, value, label, is_primary, position FROM contact_points WHERE ${owner} = $1`, [id]);
  const keyOf = (p: { kind: string; channel: string | null; value: string }): string => `${p.kind}|${p.channel ?? ''}|${p.value}`;
  const byKey = new Map(existing.map((row) => [keyOf(row), row]));
  const kept = new Set<string>();
  const inserts: (ContactPoint & { position: number })[] = [];
  for (const [position, point] of points.entries()) {
    const row = byKey.get(keyOf(point));
    if (!row) {
      inserts.push({ ...point, position });
      continue;
    }
    kept.add(row.id);
    if (row.label !== point.label || row.is_primary !== point.primary || row.position !== position) {
      await manager.query('UPDATE contact_points SET label = $2, is_primary = $3, position = $4 WHERE id = $1', [row.id, point.label, point.primary, position]);
    }
  }
  const removed = existing.filter((row) => !kept.has(row.id)).map((row) => row.id);
  if (removed.length > 0) {
    await manager.query('DELETE FROM contact_points WHERE id = ANY($1)', [removed]);
  }
  if (inserts.length > 0) {
    await manager.query(
      `INSERT INTO contact_points (${owner}, kind, channel, value, label, is_primary, position, created_by)
       SELECT $1, kind, channel, value, label, is_primary, position, $8
         FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::boolean[], $7::smallint[]) AS p(kind, channel, value, label, is_primary, position)`,
      [id, inserts.map((p) => p.kind), inserts.map((p) => p.channel), inserts.map((p) => p.value), inserts.map((p) => p.label),
        inserts.map((p) => p.primary), inserts.map((p) => p.position), createdBy],
    );
  }
}

/** The table of a customer record: its name, the alias its statements use, and its permission columns. */
export interface CustomerTable {
  table: 'contacts' | 'companies' | 'deals';
  alias: 'c' | 'co' | 'd';
  subject: 'Contact' | 'Company' | 'Deal';
  columns: ColumnMap;
  /** The column shown as the record's name (default `name`; deals have a `title`). */
  nameColumn?: string;
}

/**
 * A page of a customer list; when a search finds nothing, one page of the names most similar to
 * it (typos), best first. `filterParts` builds the permission rules and filters for a query.
 */
export async function listWithTypoFallback<R extends { id: string }, Q extends CustomerListQuery & { limit?: number; count?: boolean }>(
  dataSource: DataSource,
  spec: KeysetListSpec<R>,
  alias: string,
  filterParts: (query: Q) => QueryParts,
  query: Q,
  region: CountryCode,
): Promise<Page<R>> {
  const page = await keysetList(dataSource, spec, filterParts(query), query);
  if (page.items.length > 0 || !wantsTypoFallback(query, region)) {
    return page;
  }
  const parts = filterParts({ ...query, q: undefined });
  const q = parts.param(query.q!.trim());
  const rows: R[] = await dataSource.query(
    `${spec.select} WHERE ${parts.sql} AND crm_fold(${alias}.name) % crm_fold(${q})
     ORDER BY similarity(crm_fold(${alias}.name), crm_fold(${q})) DESC, ${alias}.id LIMIT ${query.limit ?? 50}`,
    parts.params,
  );
  return { items: rows, nextCursor: null, ...(query.count ? { total: rows.length } : {}) };
}

/** Records by id that `action` allows, locked for the rest of the transaction (bulk changes). */
export function lockAllowed(
  manager: EntityManager,
  { table, alias, subject, columns, nameColumn = 'name' }: CustomerTable,
  ability: AppAbility,
  action: Action,
  ids: string[],
): Promise<{ id: string; owner_id: string; name: string }[]> {
  const parts = new QueryParts().where((p) => `${alias}.id = ANY(${p}::uuid[])`, ids).whereRaw((n) => permissionFilter(ability, action, subject, columns, n));
  return manager.query(`SELECT ${alias}.id, ${alias}.owner_id, ${alias}.${nameColumn} AS name FROM ${table} ${alias} WHERE ${parts.sql} ORDER BY ${alias}.id FOR UPDATE`, parts.params);
}

/** Gives the records to `ownerId` (those it does not own yet); returns how many changed. */
export async function reassignOwner(manager: EntityManager, table: CustomerTable['table'], ids: string[], ownerId: string): Promise<number> {
  const rows = await manager.query(
    `UPDATE ${table} SET owner_id = $2, updated_at = now(), version = version + 1 WHERE id = ANY($1::uuid[]) AND owner_id <> $2 RETURNING id`,
    [ids, ownerId],
  );
  return rows[0].length;
}
