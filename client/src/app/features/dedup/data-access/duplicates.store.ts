import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { DedupApi, DedupEntity, DuplicateCandidate, DuplicateProbe } from './dedup-api';

interface DuplicatesState {
  candidates: DuplicateCandidate[];
  /** The user chose to go on without looking at these candidates; a new probe shows them again. */
  dismissed: boolean;
}

/** Waits this long after the last field left before asking, so that tabbing through a form asks once. */
export const DUPLICATE_CHECK_DELAY_MS = 300;

const isEmptyProbe = (probe: DuplicateProbe): boolean =>
  !probe.name?.trim() && !probe.taxId?.trim() && (probe.emails ?? []).length === 0 && (probe.phones ?? []).length === 0;

/**
 * Possible duplicates of what a form holds. `check` is debounced and asks only when the probe
 * changed; an older answer that arrives late never replaces a newer one.
 */
export const DuplicatesStore = signalStore(
  withState<DuplicatesState>({ candidates: [], dismissed: false }),
  withCallState(),
  withMethods((store, api = inject(DedupApi)) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = '';
    let sequence = 0;

    const ask = async (entity: DedupEntity, probe: DuplicateProbe): Promise<void> => {
      const fingerprint = JSON.stringify([entity, probe]);
      if (fingerprint === asked) {
        return;
      }
      asked = fingerprint;
      const mine = ++sequence;
      if (isEmptyProbe(probe)) {
        patchState(store, { candidates: [], dismissed: false }, setLoaded());
        return;
      }
      patchState(store, setLoading());
      try {
        const candidates = await firstValueFrom(api.duplicates(entity, probe));
        if (mine === sequence) {
          patchState(store, { candidates, dismissed: false }, setLoaded());
        }
      } catch (error) {
        if (mine === sequence) {
          patchState(store, { candidates: [] }, setError(error));
        }
      }
    };

    return {
      /** Asks after a short pause; a later call within the pause replaces this one. */
      check(entity: DedupEntity, probe: DuplicateProbe, delayMs = DUPLICATE_CHECK_DELAY_MS): void {
        clearTimeout(timer);
        timer = setTimeout(() => void ask(entity, probe), delayMs);
      },
      /** Asks at once (tests, and a form that wants the answer before saving). */
      checkNow(entity: DedupEntity, probe: DuplicateProbe): Promise<void> {
        clearTimeout(timer);
        return ask(entity, probe);
      },
      dismiss(): void {
        patchState(store, { dismissed: true });
      },
      /** Stops a pending check (the host form goes away). */
      cancel(): void {
        clearTimeout(timer);
      },
    };
  }),
);
