import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { ActivitiesApi, RecordEntity, TIMELINE_TYPES, TimelineItem, TimelineType } from './activities-api';

export const TIMELINE_PAGE_SIZE = 25;

interface TimelineState {
  entity: RecordEntity;
  recordId: string | null;
  /** The types shown; all of them means no filter. */
  types: TimelineType[];
  items: TimelineItem[];
  nextCursor: string | null;
  /** Whether the running or failed request is a further page. */
  more: boolean;
}

const initialState: TimelineState = { entity: 'contact', recordId: null, types: [...TIMELINE_TYPES], items: [], nextCursor: null, more: false };

/** The timeline of one contact or company: activities and changes, newest first, page by page, filtered by type. */
export const RecordTimelineStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ nextCursor, loading, more, loaded, items, types }) => ({
    hasMore: computed(() => nextCursor() !== null),
    loadingMore: computed(() => loading() && more()),
    empty: computed(() => loaded() && items().length === 0),
    filtered: computed(() => types().length < TIMELINE_TYPES.length),
  })),
  withMethods((store, api = inject(ActivitiesApi)) => {
    const fetch = rxMethod<{ cursor: string | null }>(
      pipe(
        tap(({ cursor }) => patchState(store, { more: cursor !== null }, setLoading())),
        switchMap(({ cursor }) => {
          const recordId = store.recordId();
          if (recordId === null) {
            return EMPTY;
          }
          const types = store.types();
          return api
            .timeline(store.entity(), recordId, {
              limit: TIMELINE_PAGE_SIZE,
              cursor: cursor ?? undefined,
              types: types.length < TIMELINE_TYPES.length ? types.join(',') : undefined,
            })
            .pipe(
              tap((page) => {
                const items = cursor === null ? page.items : [...store.items(), ...page.items];
                patchState(store, { items, nextCursor: page.nextCursor }, setLoaded());
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
      load(entity: RecordEntity, recordId: string): void {
        patchState(store, { entity, recordId });
        fetch({ cursor: null });
      },
      /** Shows only these types (none selected is treated as all). */
      setTypes(types: TimelineType[]): void {
        patchState(store, { types: types.length === 0 ? [...TIMELINE_TYPES] : TIMELINE_TYPES.filter((type) => types.includes(type)) });
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
