export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** Cuts a result fetched with limit + 1 rows into a page and the cursor of the next one. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
