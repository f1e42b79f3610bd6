import { computed } from '@angular/core';
import { patchState, signalStoreFeature, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, Observable, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import type { RecordEntity } from './activities-api';

export interface RecordPage<Item> {
  items: Item[];
  nextCursor: string | null;
  /** Names of the users the page mentions, by id. */
  userNames?: Record<string, string>;
}

/** Reads one page of a record's entries: the first without a cursor, the next ones with the last page's. */
export type RecordPageReader<Item, Filter> = (entity: RecordEntity, recordId: string, cursor: string | null, filter: Filter) => Observable<RecordPage<Item>>;

export interface RecordPagesState<Item, Filter> {
  entity: RecordEntity;
  recordId: string | null;
  filter: Filter;
  items: Item[];
  nextCursor: string | null;
  /** Names of the users the loaded pages mention, by id. */
  userNames: Record<string, string>;
  /** Whether the running or failed request is a further page. */
  more: boolean;
}

/**
 * Entries of one contact or company (its timeline, its change history), newest first, page by
 * page: loading starts over, "more" appends, a retry repeats what failed, a new filter starts over.
 * A newer request replaces one still on its way. `reader` runs in the store's injection context.
 */
export function withRecordPages<Item, Filter = null>(reader: () => RecordPageReader<Item, Filter>, initialFilter: Filter) {
  const initialState: RecordPagesState<Item, Filter> = { entity: 'contact', recordId: null, filter: initialFilter, items: [], nextCursor: null, userNames: {}, more: false };
  return signalStoreFeature(
    withState(initialState),
    withCallState(),
    withComputed(({ nextCursor, loading, more, loaded, items }) => ({
      hasMore: computed(() => nextCursor() !== null),
      loadingMore: computed(() => loading() && more()),
      empty: computed(() => loaded() && items().length === 0),
    })),
    withMethods((store) => {
      const read = reader();
      const fetch = rxMethod<{ cursor: string | null }>(
        pipe(
          tap(({ cursor }) => patchState(store, { more: cursor !== null }, setLoading())),
          switchMap(({ cursor }) => {
            const recordId = store.recordId();
            if (recordId === null) {
              return EMPTY;
            }
            return read(store.entity(), recordId, cursor, store.filter()).pipe(
              tap((page) => {
                const first = cursor === null;
                const items = first ? page.items : [...store.items(), ...page.items];
                const userNames = { ...(first ? {} : store.userNames()), ...page.userNames };
                patchState(store, { items, nextCursor: page.nextCursor, userNames }, setLoaded());
              }),
              catchError((error: unknown) => {
                patchState(store, setError(error));
                return EMPTY;
              }),
            );
          }),
        ),
      );
      return {
        /** The record's newest entries. */
        load(entity: RecordEntity, recordId: string): void {
          patchState(store, { entity, recordId });
          fetch({ cursor: null });
        },
        /** Shows the entries this filter selects, from the newest. */
        setFilter(filter: Filter): void {
          patchState(store, { filter });
          fetch({ cursor: null });
        },
        loadMore(): void {
          const cursor = store.nextCursor();
          if (cursor !== null && !store.loading()) {
            fetch({ cursor });
          }
        },
        retry(): void {
          fetch({ cursor: store.more() ? store.nextCursor() : null });
        },
      };
    }),
  );
}
