import { HttpClient } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import type { Schema } from '@app/core/api/schema';
import { ifMatch } from '@app/core/api/request';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';

type Role = Schema<'RoleResponse'>;
export type RoleChanges = Omit<Schema<'UpdateRoleRequest'>, 'version'>;

const ROLES = '/api/v1/roles';

/** Built-in roles first, then the ones the company defined, each group by label. */
function ordered(roles: Role[]): Role[] {
  return [...roles].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.label.localeCompare(b.label));
}

/** The roles: the roles tab, the role editor and the role choices of the user form. Built-in roles are read-only on the server. */
export const RolesStore = signalStore(
  withCallState(),
  withSaving(),
  withState<{ items: Role[] }>({ items: [] }),
  withComputed(({ items }) => ({
    byName: computed(() => new Map(items().map((role) => [role.name, role]))),
  })),
  withMethods((store, http = inject(HttpClient)) => {
    const put = (role: Role): Role => {
      patchState(store, { items: ordered([...store.items().filter((item) => item.id !== role.id), role]) });
      return role;
    };


    return {
      async load(): Promise<void> {
        patchState(store, setLoading());
        try {
          const list = await firstValueFrom(http.get<Schema<'RoleList'>>(ROLES));
          patchState(store, { items: ordered(list.items), ...setLoaded() });
        } catch (error) {
          patchState(store, setError(error));
        }
      },

      /** One role as it is now on the server (the editor starts from this version). */
      async get(id: string): Promise<Role> {
        return put(await firstValueFrom(http.get<Role>(`${ROLES}/${id}`)));
      },

      create(body: Schema<'CreateRoleRequest'>): Promise<Role> {
        return store.whileSaving(async () => put(await firstValueFrom(http.post<Role>(ROLES, body))));
      },

      update(role: Role, changes: RoleChanges): Promise<Role> {
        return store.whileSaving(async () => put(await firstValueFrom(http.patch<Role>(`${ROLES}/${role.id}`, { ...changes, version: role.version }))));
      },

      delete(role: Role): Promise<void> {
        return store.whileSaving(async () => {
          await firstValueFrom(http.delete<void>(`${ROLES}/${role.id}`, { headers: ifMatch(role.version) }));
          patchState(store, { items: store.items().filter((item) => item.id !== role.id) });
        });
      },
    };
  }),
);
