import { computed } from '@angular/core';
import { patchState, signalStoreFeature, withComputed, withMethods, withState } from '@ngrx/signals';
import { problemCode } from '@app/core/api/problem';

/** Where a store's request stands; a failure keeps the error for the page to explain. */
export type CallState = 'idle' | 'loading' | 'loaded' | { error: unknown };

/** Adds `callState` with `loading`, `loaded`, `error` and `errorCode` (the problem code, e.g. `not-found`). */
export function withCallState() {
  return signalStoreFeature(
    withState<{ callState: CallState }>({ callState: 'idle' }),
    withComputed(({ callState }) => {
      const error = computed(() => {
        const state = callState();
        return typeof state === 'object' ? state.error : null;
      });
      return {
        loading: computed(() => callState() === 'loading'),
        loaded: computed(() => callState() === 'loaded'),
        error,
        errorCode: computed(() => (error() === null ? null : problemCode(error()))),
      };
    }),
  );
}

export const setLoading = (): { callState: CallState } => ({ callState: 'loading' });
export const setLoaded = (): { callState: CallState } => ({ callState: 'loaded' });
export const setError = (error: unknown): { callState: CallState } => ({ callState: { error } });

/** Adds `saving` and `whileSaving(work)`, which holds it true while a change is on its way (buttons wait meanwhile). */
export function withSaving() {
  return signalStoreFeature(
    withState<{ saving: boolean }>({ saving: false }),
    withMethods((store) => ({
      async whileSaving<T>(work: () => Promise<T>): Promise<T> {
        patchState(store, { saving: true });
        try {
          return await work();
        } finally {
          patchState(store, { saving: false });
        }
      },
    })),
  );
}
