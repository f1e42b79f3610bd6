import { HttpClient } from '@angular/common/http';
import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { ifMatch } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';
import type { CustomField, CustomFieldEntity } from '@app/shared/custom-fields/custom-fields';
import { CUSTOM_FIELDS_URL } from '@app/shared/custom-fields/custom-fields.store';

export type NewCustomField = Schema<'CreateCustomFieldRequest'>;
export type CustomFieldChanges = Omit<Schema<'UpdateCustomFieldRequest'>, 'version'>;

const inOrder = (fields: CustomField[]): CustomField[] => [...fields].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));

/** The administration of one entity's custom fields: define, change, reorder, deactivate. */
export const CustomFieldDefinitionsStore = signalStore(
  withCallState(),
  withSaving(),
  withState<{ entity: CustomFieldEntity; items: CustomField[] }>({ entity: 'contact', items: [] }),
  withMethods((store, http = inject(HttpClient)) => {
    const replace = (updated: CustomField): void => patchState(store, { items: inOrder(store.items().map((item) => (item.id === updated.id ? updated : item))) });
    const patch = (field: CustomField, changes: CustomFieldChanges): Promise<CustomField> =>
      firstValueFrom(http.patch<CustomField>(`${CUSTOM_FIELDS_URL}/${field.id}`, changes, { headers: ifMatch(field.version) }));

    return {
      async load(entity: CustomFieldEntity): Promise<void> {
        patchState(store, { entity, items: [] }, setLoading());
        try {
          const list = await firstValueFrom(http.get<Schema<'CustomFieldList'>>(CUSTOM_FIELDS_URL, { params: { entity } }));
          patchState(store, { items: inOrder(list.items) }, setLoaded());
        } catch (error) {
          patchState(store, setError(error));
        }
      },

      create(body: Omit<NewCustomField, 'entity'>): Promise<CustomField> {
        return store.whileSaving(async () => {
          const field = await firstValueFrom(http.post<CustomField>(CUSTOM_FIELDS_URL, { ...body, entity: store.entity() }));
          patchState(store, { items: inOrder([...store.items(), field]) });
          return field;
        });
      },

      update(field: CustomField, changes: CustomFieldChanges): Promise<CustomField> {
        return store.whileSaving(async () => {
          const updated = await patch(field, changes);
          replace(updated);
          return updated;
        });
      },

      /** Moves a field one place up (-1) or down (+1): positions become the new order's indexes. */
      move(field: CustomField, step: -1 | 1): Promise<void> {
        return store.whileSaving(async () => {
          const order = [...store.items()];
          const from = order.findIndex((item) => item.id === field.id);
          const to = from + step;
          if (from < 0 || to < 0 || to >= order.length) {
            return;
          }
          [order[from], order[to]] = [order[to], order[from]];
          for (const [index, item] of order.entries()) {
            if (item.position !== index) {
              replace(await patch(item, { position: index }));
            }
          }
        });
      },

      delete(field: CustomField): Promise<void> {
        return store.whileSaving(async () => {
          await firstValueFrom(http.delete<void>(`${CUSTOM_FIELDS_URL}/${field.id}`, { headers: ifMatch(field.version) }));
          patchState(store, { items: store.items().filter((item) => item.id !== field.id) });
        });
      },
    };
  }),
);
