import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { ActivitiesApi, HistoryEvent, RecordEntity } from './activities-api';

export const HISTORY_PAGE_SIZE = 20;

interface HistoryState {
  entity: RecordEntity;
  recordId: string | null;
  items: HistoryEvent[];
  nextCursor: string | null;
  /** Whether the running or failed request is a further page. */
  more: boolean;
}

const initialState: HistoryState = { entity: 'contact', recordId: null, items: [], nextCursor: null, more: false };

/** The changes of one contact or company from the audit trail, newest first, page by page. */
export const RecordHistoryStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ nextCursor, loading, more, loaded, items }) => ({
    hasMore: computed(() => nextCursor() !== null),
    loadingMore: computed(() => loading() && more()),
    empty: computed(() => loaded() && items().length === 0),
  })),
  withMethods((store, api = inject(ActivitiesApi)) => {
    const fetch = rxMethod<{ entity: RecordEntity; recordId: string; cursor: string | null }>(
      pipe(
        tap(({ entity, recordId, cursor }) => patchState(store, { entity, recordId, more: cursor !== null }, setLoading())),
        switchMap(({ entity, recordId, cursor }) =>
          api.history(entity, recordId, { limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined }).pipe(
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
      load(entity: RecordEntity, recordId: string): void {
        fetch({ entity, recordId, cursor: null });
      },
      loadMore(): void {
        const recordId = store.recordId();
        const cursor = store.nextCursor();
        if (recordId !== null && cursor !== null && !store.loading()) {
          fetch({ entity: store.entity(), recordId, cursor });
        }
      },
      retry(): void {
        const recordId = store.recordId();
        if (recordId !== null) {
          fetch({ entity: store.entity(), recordId, cursor: store.more() ? store.nextCursor() : null });
        }
      },
    };
  }),
);
