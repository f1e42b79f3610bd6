import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import type { Lifecycle } from '@app/features/contacts/data-access/contacts-api';
import { CompaniesApi, Company } from './companies-api';

export const COMPANY_PAGE_SIZE = 25;

export interface CompanyQuery {
  q: string;
  sort: string;
  /** Any of these owners; none: every owner. */
  ownerId: string[];
  lifecycle: Lifecycle[];
}

interface PageRequest {
  query: CompanyQuery;
  cursor: string | null;
}

const initialState = {
  query: { q: '', sort: 'name', ownerId: [], lifecycle: [] } as CompanyQuery,
  items: [] as Company[],
  nextCursor: null as string | null,
  total: null as number | null,
  lastRequest: null as PageRequest | null,
};

/** The company list: first page with its total, then further pages through `nextCursor`. */
export const CompanyListStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ items, nextCursor, loaded }) => ({
    hasMore: computed(() => nextCursor() !== null),
    empty: computed(() => loaded() && items().length === 0),
  })),
  withMethods((store, api = inject(CompaniesApi)) => {
    const fetch = rxMethod<PageRequest>(
      pipe(
        tap((request) => patchState(store, { query: request.query, lastRequest: request }, setLoading())),
        switchMap((request) =>
          api
            .list({
              q: request.query.q,
              sort: request.query.sort as never,
              ownerId: request.query.ownerId.length > 0 ? request.query.ownerId : undefined,
              lifecycle: request.query.lifecycle.length > 0 ? request.query.lifecycle : undefined,
              limit: COMPANY_PAGE_SIZE,
              cursor: request.cursor ?? undefined,
              count: request.cursor === null ? true : undefined,
            })
            .pipe(
              tap((page) => {
                const first = request.cursor === null;
                const seen = new Set(store.items().map((item) => item.id));
                const items = first ? page.items : [...store.items(), ...page.items.filter((item) => !seen.has(item.id))];
                patchState(store, { items, nextCursor: page.nextCursor, total: first ? (page.total ?? null) : store.total() }, setLoaded());
              }),
              catchError((error: unknown) => {
                patchState(store, request.cursor === null ? { items: [], nextCursor: null, total: null } : {}, setError(error));
                return EMPTY;
              }),
            ),
        ),
      ),
    );
    return {
      load(query: CompanyQuery): void {
        fetch({ query, cursor: null });
      },
      loadMore(): void {
        const cursor = store.nextCursor();
        if (cursor !== null && !store.loading()) {
          fetch({ query: store.query(), cursor });
        }
      },
      retry(): void {
        fetch(store.lastRequest() ?? { query: store.query(), cursor: null });
      },
    };
  }),
);
