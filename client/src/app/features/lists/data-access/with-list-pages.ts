import { computed } from '@angular/core';
import { patchState, signalStoreFeature, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, Observable, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';

/** One page of a customer list as the server sends it (`total` with the first page only). */
export interface ListPage<Item> {
  items: Item[];
  nextCursor: string | null;
  total?: number | null;
}

/** Reads the page of `query` after `cursor` (null: the first page, with its total). */
export type ListPageReader<Item, Query> = (query: Query, cursor: string | null) => Observable<ListPage<Item>>;

export interface ListPageRequest<Query> {
  query: Query;
  /** null for the first page. */
  cursor: string | null;
}

export interface ListPagesState<Item, Query> {
  query: Query;
  items: Item[];
  nextCursor: string | null;
  total: number | null;
  lastRequest: ListPageRequest<Query> | null;
}

/**
 * A customer list page by page: the first page with its total, then further pages through
 * `nextCursor`; a new query cancels whatever page is still on its way, and rows already listed are
 * not repeated when a record moved between the pages meanwhile. `reader` runs in the store's
 * injection context.
 */
export function withListPages<Item extends { id: string }, Query>(initialQuery: Query, reader: () => ListPageReader<Item, Query>) {
  const initialState: ListPagesState<Item, Query> = { query: initialQuery, items: [], nextCursor: null, total: null, lastRequest: null };
  return signalStoreFeature(
    withState(initialState),
    withCallState(),
    withComputed(({ items, nextCursor, loading, loaded, lastRequest }) => ({
      hasMore: computed(() => nextCursor() !== null),
      loadingMore: computed(() => loading() && (lastRequest()?.cursor ?? null) !== null),
      empty: computed(() => loaded() && items().length === 0),
      /** The failure was on a further page: the rows already shown stay. */
      failedMore: computed(() => (lastRequest()?.cursor ?? null) !== null),
    })),
    withMethods((store) => {
      const read = reader();
      const fetch = rxMethod<ListPageRequest<Query>>(
        pipe(
          tap((request) => patchState(store, { query: request.query, lastRequest: request }, setLoading())),
          switchMap((request) =>
            read(request.query, request.cursor).pipe(
              tap((page) => {
                const first = request.cursor === null;
                const items = first ? page.items : appendNew(store.items(), page.items);
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
        /** The first page of `query` (again, when it is the same query). */
        load(query: Query): void {
          fetch({ query, cursor: null });
        },
        /** The next page of the current query, unless there is none or a request is running. */
        loadMore(): void {
          const cursor = store.nextCursor();
          if (cursor !== null && !store.loading()) {
            fetch({ query: store.query(), cursor });
          }
        },
        /** Repeats the request that failed. */
        retry(): void {
          fetch(store.lastRequest() ?? { query: store.query(), cursor: null });
        },
      };
    }),
  );
}

function appendNew<Item extends { id: string }>(items: Item[], more: Item[]): Item[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...more.filter((item) => !seen.has(item.id))];
}
