import { computed } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';

/** The server takes at most this many records in one reassignment. */
export const MAX_SELECTION = 500;

/**
 * The rows of a list picked for a bulk action. Only rows on the page can stay picked: when the
 * page changes (another query, a reload) the picks it no longer shows are dropped.
 */
export const SelectionStore = signalStore(
  withState<{ pageIds: string[]; selected: string[] }>({ pageIds: [], selected: [] }),
  withComputed(({ pageIds, selected }) => {
    const selectedSet = computed(() => new Set(selected()));
    const onPage = computed(() => pageIds().filter((id) => selectedSet().has(id)).length);
    return {
      selectedSet,
      count: computed(() => selected().length),
      allOnPage: computed(() => pageIds().length > 0 && onPage() === pageIds().length),
      someOnPage: computed(() => onPage() > 0 && onPage() < pageIds().length),
      tooMany: computed(() => selected().length > MAX_SELECTION),
    };
  }),
  withMethods((store) => ({
    /** The rows of the page that may be picked, in order. */
    setPage(ids: string[]): void {
      const shown = new Set(ids);
      patchState(store, { pageIds: ids, selected: store.selected().filter((id) => shown.has(id)) });
    },
    toggle(id: string): void {
      if (store.selectedSet().has(id)) {
        patchState(store, { selected: store.selected().filter((picked) => picked !== id) });
      } else if (store.pageIds().includes(id)) {
        patchState(store, { selected: [...store.selected(), id] });
      }
    },
    /** Picks every row of the page, or none when all are picked already. */
    toggleAll(): void {
      patchState(store, { selected: store.allOnPage() ? [] : [...store.pageIds()] });
    },
    clear(): void {
      patchState(store, { selected: [] });
    },
  })),
);
