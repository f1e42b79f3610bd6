import { encodeCursor } from './keyset';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** Cuts a result fetched with limit + 1 rows into a page and the cursor of the next one. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  sortKey: string,
  sortValue: (row: R) => unknown,
  map: (row: R) => T,
): Page<T> {
  const visible = rows.slice(0, limit);
  const last = visible[visible.length - 1];
  return {
    items: visible.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(sortKey, sortValue(last), last.id) : null,
  };
}
