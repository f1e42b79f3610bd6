import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, firstValueFrom, pipe, switchMap, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';
import { ListResource, ListsApi, Owner } from './lists-api';

/** How many users the picker suggests at a time; typing narrows them. */
export const SUGGESTIONS = 20;

interface AssignDialogState {
  resource: ListResource;
  candidates: Owner[];
  chosen: Owner | null;
  /** Why the last reassignment was refused (the server's problem), until the next try. */
  assignError: unknown;
}

/**
 * The reassignment dialog: finds the users the records may be given to by name, keeps the one
 * chosen and gives the records to them, all or nothing.
 */
export const AssignDialogStore = signalStore(
  withState<AssignDialogState>({ resource: 'contacts', candidates: [], chosen: null, assignError: null }),
  withCallState(),
  withSaving(),
  withMethods((store, api = inject(ListsApi)) => ({
    /** Suggestions for the text typed; a newer text cancels the search still on its way. */
    search: rxMethod<string>(
      pipe(
        tap(() => patchState(store, setLoading())),
        switchMap((q) =>
          api.assignees(store.resource(), { q: q.trim() || undefined, limit: SUGGESTIONS }).pipe(
            tap((candidates) => patchState(store, { candidates }, setLoaded())),
            catchError((error: unknown) => {
              patchState(store, { candidates: [] }, setError(error));
              return EMPTY;
            }),
          ),
        ),
      ),
    ),
    setResource(resource: ListResource): void {
      patchState(store, { resource });
    },
    choose(owner: Owner | null): void {
      patchState(store, { chosen: owner, assignError: null });
    },
    /** Gives `ids` to the chosen user; the number that changed owner, or null when refused (see `assignError`). */
    async assign(ids: string[]): Promise<number | null> {
      const chosen = store.chosen();
      if (chosen === null || store.saving()) {
        return null;
      }
      patchState(store, { assignError: null });
      return store.whileSaving(async () => {
        try {
          return await firstValueFrom(api.assign(store.resource(), ids, chosen.id));
        } catch (error) {
          patchState(store, { assignError: error });
          return null;
        }
      });
    },
  })),
);
