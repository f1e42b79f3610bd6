/** The ETag the server gives a record version, for If-Match. */
export const ifMatch = (version: number): { 'If-Match': string } => ({ 'If-Match': `"${version}"` });

/** Query parameters without the unset ones, which HttpClient would send as the text "undefined". */
export function queryParams(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as Record<string, string | number | boolean>;
}
