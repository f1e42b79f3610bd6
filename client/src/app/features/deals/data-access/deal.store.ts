import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { withRecordCard } from '@app/features/customers-shared/data-access/with-record-card';
import { Deal, DealChanges, DealsApi, LostReason, NewDeal, Pipeline } from './deals-api';

/**
 * One deal on its card (the shared record card: loading, a retry-safe create, changes with
 * optimistic locking), with the pipelines and lost reasons its stage bar and form offer.
 */
export const DealStore = signalStore(
  withRecordCard<Deal, NewDeal, DealChanges>(() => inject(DealsApi)),
  withState<{ pipelines: Pipeline[]; lostReasons: LostReason[] }>({ pipelines: [], lostReasons: [] }),
  withComputed(({ record, pipelines }) => {
    const pipeline = computed(() => pipelines().find((p) => p.id === record()?.pipelineId) ?? null);
    return {
      deal: computed(() => record()),
      pipeline,
      stage: computed(() => pipeline()?.stages.find((s) => s.id === record()?.stageId) ?? null),
    };
  }),
  withMethods((store) => {
    const api = inject(DealsApi);
    return {
      /** The pipelines and lost reasons; a failure leaves them empty (the card still shows the deal). */
      async loadChoices(): Promise<void> {
        const [pipelines, lostReasons] = await Promise.all([
          firstValueFrom(api.pipelines()).catch(() => [] as Pipeline[]),
          firstValueFrom(api.lostReasons()).catch(() => [] as LostReason[]),
        ]);
        patchState(store, { pipelines, lostReasons });
      },
    };
  }),
);
