import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { Notify } from '@app/shared/ui/notify.service';
import { MyDay, Task, TasksApi } from '@app/features/tasks/data-access/tasks-api';

const EMPTY: MyDay = { tasks: [], meetings: [], overdue: [], overdueCount: 0, staleDeals: [], date: '', timeZone: '' };
type TaskLists = 'tasks' | 'meetings' | 'overdue';
const LISTS: TaskLists[] = ['tasks', 'meetings', 'overdue'];

/**
 * My day: today's tasks, meetings and calls, what is overdue and the deals nobody has talked about.
 * Completing a task takes it off at once; when the server refuses, it comes back with a message.
 */
export const MyDayStore = signalStore(
  withState<{ day: MyDay; completing: string[] }>({ day: EMPTY, completing: [] }),
  withCallState(),
  withMethods((store, api = inject(TasksApi), notify = inject(Notify)) => {
    const load = async (): Promise<void> => {
      patchState(store, setLoading());
      try {
        patchState(store, { day: await firstValueFrom(api.myDay()) }, setLoaded());
      } catch (error) {
        patchState(store, setError(error));
      }
    };
    return {
      load,
      /** Puts a task or meeting that was changed elsewhere (the task dialog) in place. */
      replace(task: Task): void {
        const day = store.day();
        patchState(store, { day: { ...day, ...Object.fromEntries(LISTS.map((list) => [list, day[list].map((t) => (t.id === task.id ? task : t))])) } });
      },
      async complete(task: Task): Promise<boolean> {
        const before = store.day();
        const wasOverdue = before.overdue.some((t) => t.id === task.id);
        patchState(store, {
          day: {
            ...before,
            ...Object.fromEntries(LISTS.map((list) => [list, before[list].filter((t) => t.id !== task.id)])),
            overdueCount: before.overdueCount - (wasOverdue ? 1 : 0),
          },
          completing: [...store.completing(), task.id],
        });
        try {
          await firstValueFrom(api.update(task, { status: 'done' }));
          notify.success('tasks.completed', { title: task.title });
          return true;
        } catch (error) {
          // Back where it was, beside whatever changed meanwhile.
          const now = store.day();
          const restored = LISTS.map((list) => {
            const index = before[list].findIndex((t) => t.id === task.id);
            if (index < 0 || now[list].some((t) => t.id === task.id)) {
              return [list, now[list]];
            }
            const copy = [...now[list]];
            copy.splice(Math.min(index, copy.length), 0, before[list][index]);
            return [list, copy];
          });
          const backInOverdue = wasOverdue && !now.overdue.some((t) => t.id === task.id);
          patchState(store, { day: { ...now, ...Object.fromEntries(restored), overdueCount: now.overdueCount + (backInOverdue ? 1 : 0) } });
          notify.error(error);
          if (problemCode(error) === 'version-mismatch' || problemCode(error) === 'not-found') {
            await load();
          }
          return false;
        } finally {
          patchState(store, { completing: store.completing().filter((id) => id !== task.id) });
        }
      },
    };
  }),
);
