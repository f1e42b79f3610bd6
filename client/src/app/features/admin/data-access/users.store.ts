import { HttpClient } from '@angular/common/http';
import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import type { Schema } from '@app/core/api/schema';
import { queryParams } from '@app/core/api/request';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';

type User = Schema<'UserResponse'>;
type UserQuery = NonNullable<operations['listUsers']['parameters']['query']>;
/** The generated type marks `locale` required (it has a default); a PATCH sends only what changed. */
export type UserChanges = Partial<Omit<Schema<'UpdateUserRequest'>, 'version'>>;

export interface UserFilter {
  q: string;
  /** Only active (true) or inactive (false) users; null: both. */
  active: boolean | null;
}

const USERS = '/api/v1/users';
export const USER_PAGE_SIZE = 50;

interface UsersState {
  items: User[];
  nextCursor: string | null;
  total: number | null;
  filter: UserFilter;
}

/** The user list of the administration (search, status filter, keyset paging) and every change to a user. */
export const UsersStore = signalStore(
  withCallState(),
  withSaving(),
  withState<UsersState>({ items: [], nextCursor: null, total: null, filter: { q: '', active: null } }),
  withMethods((store, http = inject(HttpClient)) => {
    // A newer search wins: an answer to an older one that arrives late is dropped.
    let latest = 0;

    const params = (filter: UserFilter, cursor?: string): Record<string, string | number | boolean> => {
      const query: UserQuery = {
        q: filter.q.trim(),
        active: filter.active ?? undefined,
        limit: USER_PAGE_SIZE,
        sort: 'displayName',
        cursor,
        // The total is counted once, with the first page.
        count: cursor === undefined ? true : undefined,
      };
      return queryParams(query);
    };

    const replace = (user: User): User => {
      patchState(store, { items: store.items().map((item) => (item.id === user.id ? user : item)) });
      return user;
    };


    return {
      async load(filter: UserFilter = store.filter()): Promise<void> {
        const request = ++latest;
        patchState(store, { filter, ...setLoading() });
        try {
          const page = await firstValueFrom(http.get<Schema<'UserPage'>>(USERS, { params: params(filter) }));
          if (request === latest) {
            patchState(store, { items: page.items, nextCursor: page.nextCursor, total: page.total ?? null, ...setLoaded() });
          }
        } catch (error) {
          if (request === latest) {
            patchState(store, setError(error));
          }
        }
      },

      async loadMore(): Promise<void> {
        const cursor = store.nextCursor();
        if (cursor === null || store.loading()) {
          return;
        }
        const request = ++latest;
        patchState(store, setLoading());
        try {
          const page = await firstValueFrom(http.get<Schema<'UserPage'>>(USERS, { params: params(store.filter(), cursor) }));
          if (request === latest) {
            patchState(store, { items: [...store.items(), ...page.items], nextCursor: page.nextCursor, ...setLoaded() });
          }
        } catch (error) {
          if (request === latest) {
            patchState(store, setError(error));
          }
        }
      },

      /** One user as the server has them now, in place in the list (after someone else changed them). */
      async refresh(id: string): Promise<User> {
        return replace(await firstValueFrom(http.get<User>(`${USERS}/${id}`)));
      },

      /** The new user comes first in the list; the one-time password is in the answer only this once. */
      create(body: Schema<'CreateUserRequest'>): Promise<Schema<'CreatedUserResponse'>> {
        return store.whileSaving(async () => {
          const created = await firstValueFrom(http.post<Schema<'CreatedUserResponse'>>(USERS, body));
          const total = store.total();
          patchState(store, { items: [created.user, ...store.items()], total: total === null ? null : total + 1 });
          return created;
        });
      },

      /** Changes the user as loaded: the server refuses (412) when someone changed them since. */
      update(user: User, changes: UserChanges): Promise<User> {
        return store.whileSaving(async () => replace(await firstValueFrom(http.patch<User>(`${USERS}/${user.id}`, { ...changes, version: user.version }))));
      },

      /** Deactivating ends the user's sessions at once, on the server. */
      setActive(user: User, active: boolean): Promise<User> {
        return this.update(user, { active });
      },

      resetPassword(user: User): Promise<string> {
        return store.whileSaving(async () => {
          const reset = await firstValueFrom(http.post<Schema<'PasswordResetResponse'>>(`${USERS}/${user.id}/reset-password`, {}));
          // The reset made a new version of the user (and a password to change): the next change starts from it.
          await this.refresh(user.id);
          return reset.oneTimePassword;
        });
      },

      setRoles(user: User, roleIds: string[]): Promise<User> {
        return store.whileSaving(async () => replace(await firstValueFrom(http.put<User>(`${USERS}/${user.id}/roles`, { ids: roleIds }))));
      },

      setTeams(user: User, teamIds: string[]): Promise<User> {
        return store.whileSaving(async () => replace(await firstValueFrom(http.put<User>(`${USERS}/${user.id}/teams`, { ids: teamIds }))));
      },
    };
  }),
);
