import { HttpClient } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import type { Schema } from '@app/core/api/schema';
import { ifMatch, queryParams } from '@app/core/api/request';
import { setError, setLoaded, setLoading, withCallState, withSaving } from '@app/shared/data-access/call-state';

type Team = Schema<'TeamResponse'>;
type TeamQuery = NonNullable<operations['listTeams']['parameters']['query']>;
export type TeamChanges = Omit<Schema<'UpdateTeamRequest'>, 'version'>;

const TEAMS = '/api/v1/teams';
/** The largest page the server gives; a company has far fewer teams, so all of them are loaded. */
const PAGE_SIZE = 200;

/** Every team, by name: the teams tab and the team choices of the user form. */
export const TeamsStore = signalStore(
  withCallState(),
  withSaving(),
  withState<{ items: Team[] }>({ items: [] }),
  withComputed(({ items }) => ({
    byId: computed(() => new Map(items().map((team) => [team.id, team]))),
  })),
  withMethods((store, http = inject(HttpClient)) => {
    const sorted = (teams: Team[]): Team[] => [...teams].sort((a, b) => a.name.localeCompare(b.name));


    return {
      async load(): Promise<void> {
        patchState(store, setLoading());
        try {
          const teams: Team[] = [];
          let cursor: string | undefined;
          do {
            const query: TeamQuery = { limit: PAGE_SIZE, sort: 'name', cursor };
            const page = await firstValueFrom(http.get<Schema<'TeamPage'>>(TEAMS, { params: queryParams(query) }));
            teams.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined);
          patchState(store, { items: teams, ...setLoaded() });
        } catch (error) {
          patchState(store, setError(error));
        }
      },

      create(body: Schema<'CreateTeamRequest'>): Promise<Team> {
        return store.whileSaving(async () => {
          const team = await firstValueFrom(http.post<Team>(TEAMS, body));
          patchState(store, { items: sorted([...store.items(), team]) });
          return team;
        });
      },

      update(team: Team, changes: TeamChanges): Promise<Team> {
        return store.whileSaving(async () => {
          const updated = await firstValueFrom(http.patch<Team>(`${TEAMS}/${team.id}`, { ...changes, version: team.version }));
          patchState(store, { items: sorted(store.items().map((item) => (item.id === updated.id ? updated : item))) });
          return updated;
        });
      },

      delete(team: Team): Promise<void> {
        return store.whileSaving(async () => {
          await firstValueFrom(http.delete<void>(`${TEAMS}/${team.id}`, { headers: ifMatch(team.version) }));
          patchState(store, { items: store.items().filter((item) => item.id !== team.id) });
        });
      },

      /** A user joined or left teams elsewhere (the user form): the member lists follow without a reload. */
      memberChanged(userId: string, teamIds: string[]): void {
        patchState(store, {
          items: store.items().map((team) => {
            const member = team.memberIds.includes(userId);
            const wanted = teamIds.includes(team.id);
            if (member === wanted) {
              return team;
            }
            return { ...team, memberIds: wanted ? [...team.memberIds, userId] : team.memberIds.filter((id) => id !== userId) };
          }),
        });
      },
    };
  }),
);
