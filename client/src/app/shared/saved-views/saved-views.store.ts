import { HttpClient } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { ifMatch } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';

export type SavedView = Schema<'SavedViewResponse'>;
export type SavedViewQuery = Schema<'SavedViewQuery'>;
export type SavedViewEntity = SavedView['entity'];
export type Team = Schema<'TeamResponse'>;

const VIEWS = '/api/v1/saved-views';
const TEAMS = '/api/v1/teams';

const byName = (views: SavedView[]): SavedView[] => [...views].sort((a, b) => a.name.localeCompare(b.name));

/** The saved views of a list (mine and those shared with my teams) and the teams I may share with. */
export const SavedViewsStore = signalStore(
  withCallState(),
  withSaving(),
  withState<{ entity: SavedViewEntity; items: SavedView[]; teams: Team[] }>({ entity: 'contact', items: [], teams: [] }),
  withComputed(({ items }) => ({
    mine: computed(() => items().filter((view) => view.mine)),
    shared: computed(() => items().filter((view) => !view.mine)),
  })),
  withMethods((store, http = inject(HttpClient), auth = inject(AuthStore)) => ({
    async load(entity: SavedViewEntity): Promise<void> {
      patchState(store, { entity }, setLoading());
      try {
        const list = await firstValueFrom(http.get<Schema<'SavedViewList'>>(VIEWS, { params: { entity } }));
        patchState(store, { items: list.items }, setLoaded());
      } catch (error) {
        patchState(store, setError(error));
      }
    },

    /** The teams the user is a member or lead of; loaded when sharing is offered. Without the right to read teams, none. */
    async loadTeams(): Promise<void> {
      const user = auth.user();
      if (!user || !auth.ability().can('read', 'Team')) {
        return;
      }
      const page = await firstValueFrom(http.get<Schema<'TeamPage'>>(TEAMS, { params: { limit: 200, sort: 'name' } }));
      patchState(store, { teams: page.items.filter((team) => team.leadId === user.id || team.memberIds.includes(user.id)) });
    },

    create(name: string, query: SavedViewQuery, teamId: string | null): Promise<SavedView> {
      return store.whileSaving(async () => {
        const view = await firstValueFrom(http.post<SavedView>(VIEWS, { entity: store.entity(), name, query, teamId }));
        patchState(store, { items: byName([...store.items(), view]) });
        return view;
      });
    },

    update(view: SavedView, changes: { name?: string; teamId?: string | null; query?: SavedViewQuery }): Promise<SavedView> {
      return store.whileSaving(async () => {
        const updated = await firstValueFrom(http.patch<SavedView>(`${VIEWS}/${view.id}`, changes, { headers: ifMatch(view.version) }));
        patchState(store, { items: byName(store.items().map((item) => (item.id === updated.id ? updated : item))) });
        return updated;
      });
    },

    delete(view: SavedView): Promise<void> {
      return store.whileSaving(async () => {
        await firstValueFrom(http.delete<void>(`${VIEWS}/${view.id}`, { headers: ifMatch(view.version) }));
        patchState(store, { items: store.items().filter((item) => item.id !== view.id) });
      });
    },
  })),
);

/** A list's address parameters as a view's query: q, sort, cf and columns by name, the others as filters. */
export function viewQueryOf(params: Record<string, string | string[] | undefined>): SavedViewQuery {
  const query: SavedViewQuery = {};
  const filters: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    if (name === 'cf') {
      query.cf = Array.isArray(value) ? value : [value];
    } else if (name === 'columns') {
      query.columns = ([] as string[]).concat(value).flatMap((list) => list.split(',')).filter((id) => id !== '');
    } else if (name === 'q' || name === 'sort') {
      query[name] = Array.isArray(value) ? value[0] : value;
    } else if (name !== 'view') {
      filters[name] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  if (Object.keys(filters).length > 0) {
    query.filters = filters;
  }
  return query;
}

/** The address parameters that show a view's list. */
export function paramsOf(query: SavedViewQuery): Record<string, string | string[]> {
  return {
    ...(query.filters ?? {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.cf && query.cf.length > 0 ? { cf: query.cf } : {}),
    ...(query.columns && query.columns.length > 0 ? { columns: query.columns.join(',') } : {}),
  };
}
