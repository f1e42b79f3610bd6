import { HttpClient } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import type { Schema } from '@app/core/api/schema';
import { queryParams } from '@app/core/api/request';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';

type User = Schema<'UserResponse'>;
type UserQuery = NonNullable<operations['listUsers']['parameters']['query']>;

const PAGE_SIZE = 200;

/**
 * Every user, by name: the team tab shows leads and members by name and picks them from here.
 * Teams hold user ids only, and a company's staff fits in a few pages.
 */
export const UserDirectoryStore = signalStore(
  withCallState(),
  withState<{ users: User[] }>({ users: [] }),
  withComputed(({ users }) => ({
    byId: computed(() => new Map(users().map((user) => [user.id, user]))),
  })),
  withMethods((store, http = inject(HttpClient)) => ({
    async load(): Promise<void> {
      patchState(store, setLoading());
      try {
        const users: User[] = [];
        let cursor: string | undefined;
        do {
          const query: UserQuery = { limit: PAGE_SIZE, sort: 'displayName', cursor };
          const page = await firstValueFrom(http.get<Schema<'UserPage'>>('/api/v1/users', { params: queryParams(query) }));
          users.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        patchState(store, { users, ...setLoaded() });
      } catch (error) {
        patchState(store, setError(error));
      }
    },
  })),
);
