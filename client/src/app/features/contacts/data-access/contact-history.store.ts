import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { ContactsApi, HistoryEvent } from './contacts-api';

export const HISTORY_PAGE_SIZE = 20;

interface HistoryState {
  contactId: string | null;
  items: HistoryEvent[];
  nextCursor: string | null;
  /** Whether the running or failed request is a further page. */
  more: boolean;
}

const initialState: HistoryState = { contactId: null, items: [], nextCursor: null, more: false };

/** The changes of one contact from the audit trail, newest first, page by page. */
export const ContactHistoryStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ nextCursor, loading, more, loaded, items }) => ({
    hasMore: computed(() => nextCursor() !== null),
    loadingMore: computed(() => loading() && more()),
    empty: computed(() => loaded() && items().length === 0),
  })),
  withMethods((store, api = inject(ContactsApi)) => {
    const fetch = rxMethod<{ contactId: string; cursor: string | null }>(
      pipe(
        tap(({ contactId, cursor }) => patchState(store, { contactId, more: cursor !== null }, setLoading())),
        switchMap(({ contactId, cursor }) =>
          api.history(contactId, { limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined }).pipe(
            tap((page) => {
              const items = cursor === null ? page.items : [...store.items(), ...page.items];
              patchState(store, { items, nextCursor: page.nextCursor }, setLoaded());
            }),
            catchError((error: unknown) => {
              patchState(store, setError(error));
              return EMPTY;
            }),
          ),
        ),
      ),
    );
    return {
      load(contactId: string): void {
        fetch({ contactId, cursor: null });
      },
      loadMore(): void {
        const contactId = store.contactId();
        const cursor = store.nextCursor();
        if (contactId !== null && cursor !== null && !store.loading()) {
          fetch({ contactId, cursor });
        }
      },
      retry(): void {
        const contactId = store.contactId();
        if (contactId !== null) {
          fetch({ contactId, cursor: store.more() ? store.nextCursor() : null });
        }
      },
    };
  }),
);
