import { inject } from '@angular/core';
import { signalStore } from '@ngrx/signals';
import { withListPages } from '@app/features/lists/data-access/with-list-pages';
import { DealFilters, DealListItem, DealSort, DealsApi } from './deals-api';

export const DEAL_PAGE_SIZE = 25;

/** What the list shows: the board's filters and an order. */
export interface DealQuery extends DealFilters {
  sort: DealSort;
}

export const sameDealQuery = (a: DealQuery, b: DealQuery): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The deals list: the first page with its total, then further pages (keyset) through `nextCursor`. */
export const DealListStore = signalStore(
  withListPages<DealListItem, DealQuery>({ sort: '-updatedAt' }, () => {
    const api = inject(DealsApi);
    return (query, cursor) => api.list({ ...query, limit: DEAL_PAGE_SIZE, cursor: cursor ?? undefined, count: cursor === null ? true : undefined });
  }),
);
