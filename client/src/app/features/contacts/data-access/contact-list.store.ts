import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { Contact, ContactSort, ContactsApi, DEFAULT_CONTACT_SORT, Lifecycle, Source } from './contacts-api';

export const CONTACT_PAGE_SIZE = 25;

/** What the list shows: the search text, the order and the filters. */
export interface ContactQuery {
  q: string;
  sort: ContactSort;
  /** Any of these owners; none: every owner. */
  ownerId: string[];
  lifecycle: Lifecycle[];
  source: Source | null;
  tag: string | null;
  companyId?: string | null;
  /** Filters on custom fields, `<key>:<op>:<value>`. */
  cf?: string[];
}

export const EMPTY_CONTACT_QUERY: ContactQuery = { q: '', sort: DEFAULT_CONTACT_SORT, ownerId: [], lifecycle: [], source: null, tag: null, cf: [] };

export const sameContactQuery = (a: ContactQuery, b: ContactQuery): boolean => JSON.stringify(a) === JSON.stringify(b);

interface PageRequest {
  query: ContactQuery;
  /** null for the first page. */
  cursor: string | null;
}

interface ContactListState {
  query: ContactQuery;
  items: Contact[];
  nextCursor: string | null;
  total: number | null;
  lastRequest: PageRequest | null;
}

const initialState: ContactListState = {
  query: EMPTY_CONTACT_QUERY,
  items: [],
  nextCursor: null,
  total: null,
  lastRequest: null,
};

/**
 * The contact list: the first page with its total (`count=true`), then further pages through
 * `nextCursor`. A new query cancels whatever page is still on its way.
 */
export const ContactListStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ items, nextCursor, loading, loaded, lastRequest }) => ({
    hasMore: computed(() => nextCursor() !== null),
    loadingMore: computed(() => loading() && (lastRequest()?.cursor ?? null) !== null),
    empty: computed(() => loaded() && items().length === 0),
    /** The failure was on a further page: the rows already shown stay. */
    failedMore: computed(() => (lastRequest()?.cursor ?? null) !== null),
  })),
  withMethods((store, api = inject(ContactsApi)) => {
    const fetch = rxMethod<PageRequest>(
      pipe(
        tap((request) => patchState(store, { query: request.query, lastRequest: request }, setLoading())),
        switchMap((request) =>
          api
            .list({
              q: request.query.q,
              sort: request.query.sort,
              ownerId: request.query.ownerId.length > 0 ? request.query.ownerId : undefined,
              lifecycle: request.query.lifecycle.length > 0 ? request.query.lifecycle : undefined,
              source: request.query.source ? [request.query.source] : undefined,
              tag: request.query.tag ? [request.query.tag] : undefined,
              companyId: request.query.companyId ?? undefined,
              cf: request.query.cf?.length ? request.query.cf : undefined,
              limit: CONTACT_PAGE_SIZE,
              cursor: request.cursor ?? undefined,
              count: request.cursor === null ? true : undefined,
            })
            .pipe(
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
      load(query: ContactQuery): void {
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
        const request = store.lastRequest();
        fetch(request ?? { query: store.query(), cursor: null });
      },
    };
  }),
);

/** Rows already listed are not repeated when a contact moved between the pages meanwhile. */
function appendNew(items: Contact[], more: Contact[]): Contact[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...more.filter((item) => !seen.has(item.id))];
}
