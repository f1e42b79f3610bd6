/** The ETag the server gives a record version (server/src/common/http/versioning.ts). */
export const etagOf = (version: number): string => `"${version}"`;

/** The If-Match header for a change to that version. */
export const ifMatch = (version: number): { 'If-Match': string } => ({ 'If-Match': etagOf(version) });

/** Query parameters without the unset ones, which HttpClient would send as the text "undefined". */
export function queryParams(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as Record<string, string | number | boolean>;
}
