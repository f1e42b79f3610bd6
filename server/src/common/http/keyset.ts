import { validationError } from '../errors/app-error';

/** A sortable column of a list: the API name, the SQL expression and how to read a cursor value. */
export interface SortColumn {
  sql: string;
  type: 'text' | 'timestamptz' | 'numeric' | 'date';
}

export interface KeysetPage {
  /** ORDER BY clause, always ending with the id as tie-breaker. */
  orderBy: string;
  /** Condition that starts after the cursor, or undefined on the first page. */
  after?: { sql: string; params: unknown[] };
  limit: number;
}

/** Parses `sort=-updatedAt` and `cursor=…` into a keyset clause over `idColumn`. */
export function keysetPage(
  columns: Record<string, SortColumn>,
  idColumn: string,
  query: { sort?: string; cursor?: string; limit?: number },
  firstParam: number,
  defaultSort: string,
): KeysetPage & { sortKey: string } {
  const sort = query.sort ?? defaultSort;
  const descending = sort.startsWith('-');
  const sortKey = descending ? sort.slice(1) : sort;
  const column = columns[sortKey];
  if (!column) {
    throw validationError([{ field: 'sort', message: `must be one of ${Object.keys(columns).flatMap((k) => [k, `-${k}`]).join(', ')}` }]);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const page: KeysetPage & { sortKey: string } = {
    orderBy: `${column.sql} ${direction}, ${idColumn} ${direction}`,
    limit: query.limit ?? 50,
    sortKey,
  };
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor, sortKey);
    const op = descending ? '<' : '>';
    page.after = {
      sql: `(${column.sql}, ${idColumn}) ${op} ($${firstParam}::${column.type}, $${firstParam + 1}::uuid)`,
      params: [value, id],
    };
  }
  return page;
}

export function encodeCursor(sortKey: string, value: unknown, id: string): string {
  const plain = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([sortKey, plain, id])).toString('base64url');
}

function decodeCursor(cursor: string, sortKey: string): [unknown, string] {
  try {
    const [key, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, unknown, string];
    if (key === sortKey && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return [value, id];
    }
  } catch {
    // falls through to the validation error
  }
  throw validationError([{ field: 'cursor', message: 'is not a cursor of this list and sort order' }]);
}
