import type { Params } from '@angular/router';
import type { operations } from '@app/core/api/api-schema';

export type AuditListQuery = NonNullable<operations['listAuditEvents']['parameters']['query']>;
export type AuditExportQuery = NonNullable<operations['exportAuditEvents']['parameters']['query']>;
export type ExportFormat = NonNullable<AuditExportQuery['format']>;

/** The search of the audit page: the API's own filters, kept under the same names in the page's address. */
export type AuditFilters = Pick<AuditListQuery, 'action' | 'actorId' | 'tableName' | 'recordId' | 'from' | 'to'>;

export const FILTER_KEYS = ['action', 'actorId', 'tableName', 'recordId', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];
export const PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;
const ACTION = /^[a-z][a-z0-9_.]{0,63}$/;

/**
 * Filters from the address. A value the server would refuse (edited by hand, cut short when shared)
 * is dropped rather than turning the page into an error; dates become ISO instants.
 */
export function filtersFromParams(params: Params): AuditFilters {
  const text = (key: string): string | undefined => {
    const value: unknown = params[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const filters: AuditFilters = {};
  const action = text('action');
  if (action !== undefined && ACTION.test(action)) {
    filters.action = action;
  }
  const actorId = text('actorId');
  if (actorId !== undefined && UUID.test(actorId)) {
    filters.actorId = actorId.toLowerCase();
  }
  const tableName = text('tableName');
  if (tableName !== undefined && TABLE.test(tableName)) {
    filters.tableName = tableName;
  }
  const recordId = text('recordId');
  if (recordId !== undefined && recordId.length <= 200) {
    filters.recordId = recordId;
  }
  for (const key of ['from', 'to'] as const) {
    const value = text(key);
    const time = value === undefined ? NaN : Date.parse(value);
    if (!Number.isNaN(time)) {
      filters[key] = new Date(time).toISOString();
    }
  }
  return filters;
}

/** Query parameters for the address: only the filters that are set, so a shared link stays short. */
export function filtersToParams(filters: AuditFilters): Params {
  const params: Params = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') {
      params[key] = value;
    }
  }
  return params;
}

export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  return FILTER_KEYS.every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

export function activeFilterCount(filters: AuditFilters): number {
  return FILTER_KEYS.filter((key) => (filters[key] ?? '') !== '').length;
}

/** One page of the search: the filters, the page size and, after the first page, the cursor. */
export function listQuery(filters: AuditFilters, cursor?: string | null, limit = PAGE_SIZE): AuditListQuery {
  return { ...filtersToParams(filters), limit, ...(cursor ? { cursor } : {}) };
}

export function exportQuery(filters: AuditFilters, format: ExportFormat): AuditExportQuery {
  return { ...filtersToParams(filters), format };
}

/** e.g. `audit-events-roles-20260305-1430.csv`: what was exported and when, safe on every file system. */
export function exportFileName(format: ExportFormat, filters: AuditFilters, now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const parts = ['audit-events', filters.tableName, filters.action, filters.recordId?.slice(0, 36), stamp]
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => part.replace(/[^a-zA-Z0-9_.-]+/g, '-'));
  return `${parts.join('-')}.${format}`;
}
