import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';
import { DealsApi, LostReason, LostReasonChanges, NewLostReason, NewPipeline, Pipeline, PipelineChanges } from '@app/features/deals/data-access/deals-api';

/** Pipelines with their stages and the lost reasons, as the administrator changes them. Failed writes reject with the HTTP error. */
export const PipelinesAdminStore = signalStore(
  withState<{ pipelines: Pipeline[]; lostReasons: LostReason[]; selectedId: string | null }>({ pipelines: [], lostReasons: [], selectedId: null }),
  withCallState(),
  withSaving(),
  withComputed(({ pipelines, selectedId }) => ({
    selected: computed(() => pipelines().find((p) => p.id === selectedId()) ?? pipelines()[0] ?? null),
  })),
  withMethods((store) => {
    const api = inject(DealsApi);
    const replacePipeline = (pipeline: Pipeline): void => {
      const known = store.pipelines().some((p) => p.id === pipeline.id);
      patchState(store, { pipelines: known ? store.pipelines().map((p) => (p.id === pipeline.id ? pipeline : p)) : [...store.pipelines(), pipeline], selectedId: pipeline.id });
    };
    const replaceReason = (reason: LostReason): void => {
      const known = store.lostReasons().some((r) => r.id === reason.id);
      patchState(store, { lostReasons: known ? store.lostReasons().map((r) => (r.id === reason.id ? reason : r)) : [...store.lostReasons(), reason] });
    };
    return {
      async load(): Promise<void> {
        patchState(store, setLoading());
        try {
          const [pipelines, lostReasons] = await Promise.all([firstValueFrom(api.pipelines()), firstValueFrom(api.lostReasons())]);
          patchState(store, { pipelines, lostReasons }, setLoaded());
        } catch (error) {
          patchState(store, setError(error));
        }
      },
      select(id: string): void {
        patchState(store, { selectedId: id });
      },
      createPipeline(body: NewPipeline): Promise<Pipeline> {
        return store.whileSaving(async () => {
          const created = await firstValueFrom(api.createPipeline(body, crypto.randomUUID()));
          replacePipeline(created);
          return created;
        });
      },
      updatePipeline(pipeline: Pipeline, changes: PipelineChanges): Promise<Pipeline> {
        return store.whileSaving(async () => {
          const saved = await firstValueFrom(api.updatePipeline(pipeline.id, pipeline.version, changes));
          replacePipeline(saved);
          return saved;
        });
      },
      createReason(body: NewLostReason): Promise<LostReason> {
        return store.whileSaving(async () => {
          const created = await firstValueFrom(api.createLostReason(body, crypto.randomUUID()));
          replaceReason(created);
          return created;
        });
      },
      updateReason(reason: LostReason, changes: LostReasonChanges): Promise<LostReason> {
        return store.whileSaving(async () => {
          const saved = await firstValueFrom(api.updateLostReason(reason.id, reason.version, changes));
          replaceReason(saved);
          return saved;
        });
      },
      /** Deleted, or archived when deals have it: the list is read again to show which. */
      removeReason(reason: LostReason): Promise<void> {
        return store.whileSaving(async () => {
          await firstValueFrom(api.removeLostReason(reason.id, reason.version), { defaultValue: undefined });
          patchState(store, { lostReasons: await firstValueFrom(api.lostReasons()) });
        });
      },
    };
  }),
);
