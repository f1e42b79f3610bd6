import { EntityManager } from 'typeorm';
import { QueryParts } from './query-parts';

/**
 * Conditional writes on a record's version: TypeORM's version column is not checked on UPDATE,
 * so the version goes into the WHERE clause and the affected row count tells whether it matched.
 * `table` and the column names are the repository's own constants, never request input.
 */
export async function updateVersioned(
  manager: EntityManager,
  table: string,
  id: string,
  version: number | undefined,
  columns: Record<string, unknown>,
  guard?: string,
  /** Assignments with SQL expressions of the repository's own (e.g. `stage_entered_at = now()`). */
  expressions: string[] = [],
): Promise<boolean> {
  const parts = new QueryParts();
  const sets = Object.entries(columns)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => `${column} = ${parts.param(value)}`);
  sets.push(...expressions, 'updated_at = now()', 'version = version + 1');
  const result = await manager.query(
    `UPDATE ${table} SET ${sets.join(', ')} WHERE ${versionedWhere(parts, id, version, guard)} RETURNING id`,
    parts.params,
  );
  return result[0].length > 0;
}

/** Deletes the record if its version (and `guard`) match; false otherwise. */
export async function deleteVersioned(manager: EntityManager, table: string, id: string, version: number, guard?: string): Promise<boolean> {
  const parts = new QueryParts();
  const result = await manager.query(`DELETE FROM ${table} WHERE ${versionedWhere(parts, id, version, guard)} RETURNING id`, parts.params);
  return result[0].length > 0;
}

function versionedWhere(parts: QueryParts, id: string, version: number | undefined, guard?: string): string {
  const conditions = [`id = ${parts.param(id)}`];
  if (version !== undefined) {
    conditions.push(`version = ${parts.param(version)}`);
  }
  if (guard) {
    conditions.push(guard);
  }
  return conditions.join(' AND ');
}
