import { computed } from '@angular/core';
import { signalStoreFeature, withComputed, withState } from '@ngrx/signals';

/** Where a store's list stands; a failure keeps the error so the page can say what went wrong. */
export type CallState = 'idle' | 'loading' | 'loaded' | { error: unknown };

/** `loading()`, `loaded()` and `error()` for a store that fetches a list. */
export function withCallState() {
  return signalStoreFeature(
    withState<{ callState: CallState }>({ callState: 'idle' }),
    withComputed(({ callState }) => ({
      loading: computed(() => callState() === 'loading'),
      loaded: computed(() => callState() === 'loaded'),
      error: computed(() => {
        const state = callState();
        return typeof state === 'object' ? state.error : null;
      }),
    })),
  );
}

export const setLoading = (): { callState: CallState } => ({ callState: 'loading' });
export const setLoaded = (): { callState: CallState } => ({ callState: 'loaded' });
export const setFailed = (error: unknown): { callState: CallState } => ({ callState: { error } });

/** The ETag the server gave a record version, for If-Match. */
export const ifMatch = (version: number): { 'If-Match': string } => ({ 'If-Match': `"${version}"` });

/** Query parameters without the ones left out, as HttpClient takes them. */
export function queryParams(query: Record<string, string | number | boolean | null | undefined>): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as Record<string, string | number | boolean>;
}
