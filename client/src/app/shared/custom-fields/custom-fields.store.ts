import { HttpClient } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import type { CustomField, CustomFieldEntity } from './custom-fields';

export const CUSTOM_FIELDS_URL = '/api/v1/custom-fields';

/** The custom field definitions of one entity, in form order: what forms, cards and list filters offer. */
export const CustomFieldsStore = signalStore(
  withCallState(),
  withState<{ entity: CustomFieldEntity | null; items: CustomField[] }>({ entity: null, items: [] }),
  withComputed(({ items }) => ({
    active: computed(() => items().filter((field) => field.active)),
    byKey: computed(() => new Map(items().map((field) => [field.key, field]))),
  })),
  withMethods((store, http = inject(HttpClient)) => ({
    async load(entity: CustomFieldEntity): Promise<void> {
      patchState(store, { entity }, setLoading());
      try {
        const list = await firstValueFrom(http.get<{ items: CustomField[] }>(CUSTOM_FIELDS_URL, { params: { entity } }));
        patchState(store, { items: list.items }, setLoaded());
      } catch (error) {
        patchState(store, setError(error));
      }
    },
  })),
);
