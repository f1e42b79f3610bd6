import { EntityManager } from 'typeorm';

/**
 * Makes the rows of a link table for one side exactly `ids`: deletes the links not listed and
 * inserts the missing ones, so unchanged links (and their audit history) stay untouched.
 * Table and column names are the caller's constants, never request input.
 */
export async function replaceLinks(
  manager: EntityManager,
  link: { table: string; from: string; to: string },
  fromId: string,
  ids: string[],
): Promise<void> {
  await manager.query(`DELETE FROM ${link.table} WHERE ${link.from} = $1 AND NOT (${link.to} = ANY($2::uuid[]))`, [fromId, ids]);
  await manager.query(
    `INSERT INTO ${link.table} (${link.from}, ${link.to}) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [fromId, ids],
  );
}
