import { DataSource } from 'typeorm';
import { encodeCursor, keysetPage, SortColumn } from '../http/keyset';
import { Page, toPage } from '../http/page';
import { QueryParts } from './query-parts';

export interface KeysetListSpec<R> {
  /** `SELECT … FROM table alias …`, to which WHERE, ORDER BY and LIMIT are appended. */
  select: string;
  /** `table alias` for the count, which needs no joins. */
  countFrom: string;
  idColumn: string;
  /**
   * `table alias` of `select`'s main table. When set, the page's ids are picked from it alone
   * first (filter, order, limit; an index-only scan where an index covers them) and `select`
   * reads just those rows, instead of reading every row the filter passes on the way.
   */
  pickFrom?: string;
  sorts: Record<string, SortColumn & { value: (row: R) => unknown }>;
  defaultSort: string;
}

/**
 * One page of a list filtered by `filter` (permission rules and search already in it), in keyset
 * order after the cursor, with the exact total when asked for.
 */
export async function keysetList<R extends { id: string }>(
  dataSource: DataSource,
  spec: KeysetListSpec<R>,
  filter: QueryParts,
  query: { sort?: string; cursor?: string; limit?: number; count?: boolean },
): Promise<Page<R>> {
  const filterSql = filter.sql;
  const filterParams = [...filter.params];
  const page = keysetPage(spec.sorts, spec.idColumn, query, filter.nextParam, spec.defaultSort);
  if (page.after) {
    filter.whereRaw(page.after);
  }
  const rows: R[] = await dataSource.query(
    spec.pickFrom
      ? `${spec.select}
          JOIN (SELECT ${spec.idColumn} AS picked_id FROM ${spec.pickFrom} WHERE ${filter.sql} ORDER BY ${page.orderBy} LIMIT ${page.limit + 1}) picked
            ON picked.picked_id = ${spec.idColumn}
         ORDER BY ${page.orderBy}`
      : `${spec.select} WHERE ${filter.sql} ORDER BY ${page.orderBy} LIMIT ${page.limit + 1}`,
    filter.params,
  );
  const sortValue = spec.sorts[page.sortKey].value;
  const result = toPage(rows, page.limit, (last) => encodeCursor(page.sortKey, sortValue(last), last.id));
  if (query.count) {
    const [{ total }] = await dataSource.query(`SELECT count(*)::int AS total FROM ${spec.countFrom} WHERE ${filterSql}`, filterParams);
    result.total = total;
  }
  return result;
}
