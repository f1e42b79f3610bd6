import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { DedupApi, DedupEntity, MergeCounts, MergePreview, MergePreviewRecord, MergeResponse } from './dedup-api';

interface MergeState {
  entity: DedupEntity;
  preview: MergePreview | null;
  survivorId: string | null;
  /** Field -> id of the record whose value is kept; only fields whose values differ. */
  choices: Record<string, string>;
  saving: boolean;
  /** The survivor changed since the preview was loaded (412). */
  conflict: boolean;
}

const initialState: MergeState = { entity: 'contacts', preview: null, survivorId: null, choices: {}, saving: false, conflict: false };

const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The default choice of a field: the survivor's value, or the first other record's when the survivor has none (as the server does). */
function defaultChoices(preview: MergePreview, survivorId: string): Record<string, string> {
  const survivor = preview.records.find((r) => r.id === survivorId)!;
  const others = preview.records.filter((r) => r.id !== survivorId);
  const choices: Record<string, string> = {};
  for (const field of differingFields(preview)) {
    const fallback = isEmpty(survivor.values[field]) ? others.find((r) => !isEmpty(r.values[field])) : undefined;
    choices[field] = (fallback ?? survivor).id;
  }
  return choices;
}

/** Fields the user may see whose values are not the same in every record. */
export function differingFields(preview: MergePreview): string[] {
  return preview.fields.filter((field) => {
    const values = preview.records.map((r) => r.values[field]);
    return preview.records.every((r) => field in r.values) && values.some((v) => !same(v, values[0]));
  });
}

/** Two or more records side by side: which one survives, which value of each differing field it keeps, and the merge. */
export const MergeStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ preview, survivorId }) => ({
    survivor: computed<MergePreviewRecord | null>(() => preview()?.records.find((r) => r.id === survivorId()) ?? null),
    merged: computed<MergePreviewRecord[]>(() => preview()?.records.filter((r) => r.id !== survivorId()) ?? []),
    differing: computed(() => {
      const current = preview();
      return current === null ? [] : differingFields(current);
    }),
  })),
  withComputed(({ merged }) => ({
    /** What moves to the survivor from the records merged into it. */
    moving: computed<MergeCounts>(() =>
      merged().reduce(
        (sum, r) => ({
          points: sum.points + r.counts.points, links: sum.links + r.counts.links, activities: sum.activities + r.counts.activities,
          attachments: sum.attachments + r.counts.attachments, deals: sum.deals + r.counts.deals, tasks: sum.tasks + r.counts.tasks,
        }),
        { points: 0, links: 0, activities: 0, attachments: 0, deals: 0, tasks: 0 },
      ),
    ),
  })),
  withMethods((store, api = inject(DedupApi)) => ({
    async load(entity: DedupEntity, id: string, otherIds: string[]): Promise<void> {
      patchState(store, { entity, conflict: false }, setLoading());
      try {
        const preview = await firstValueFrom(api.preview(entity, id, otherIds));
        patchState(store, { preview, survivorId: id, choices: defaultChoices(preview, id) }, setLoaded());
      } catch (error) {
        patchState(store, { preview: null }, setError(error));
      }
    },

    /** Another record becomes the survivor; the choices start again from its values. */
    chooseSurvivor(id: string): void {
      const preview = store.preview();
      if (preview !== null && preview.records.some((r) => r.id === id)) {
        patchState(store, { survivorId: id, choices: defaultChoices(preview, id) });
      }
    },

    choose(field: string, recordId: string): void {
      patchState(store, { choices: { ...store.choices(), [field]: recordId } });
    },

    async merge(): Promise<MergeResponse> {
      const survivor = store.survivor();
      if (survivor === null) {
        throw new Error('Nothing to merge');
      }
      patchState(store, { saving: true });
      try {
        return await firstValueFrom(api.merge(store.entity(), survivor.id, survivor.version, store.merged().map((r) => r.id), store.choices()));
      } catch (error) {
        if (problemCode(error) === 'version-mismatch') {
          patchState(store, { conflict: true });
        }
        throw error;
      } finally {
        patchState(store, { saving: false });
      }
    },
  })),
);
