import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { Notify } from '@app/shared/ui/notify.service';
import { Task, TaskKind, TaskQuery, TasksApi, TaskSort, TaskStatus } from './tasks-api';

export interface TaskFilters {
  q: string;
  status: TaskStatus[];
  kind: TaskKind[];
  ownerId: string[];
  /** `YYYY-MM-DD` days in the browser's time zone, both included; '' for open-ended. */
  dueFrom: string;
  dueTo: string;
  overdue: boolean;
  sort: TaskSort;
}

export const DEFAULT_FILTERS: TaskFilters = { q: '', status: ['open'], kind: [], ownerId: [], dueFrom: '', dueTo: '', overdue: false, sort: 'dueAt' };
const PAGE_SIZE = 50;

/** The query of the filters: days become local midnights (the "to" day is included). */
export function queryOf(filters: TaskFilters): TaskQuery {
  const day = (value: string, plus: number): string | undefined => {
    if (value === '') {
      return undefined;
    }
    const [y, m, d] = value.split('-').map(Number);
    return new Date(y, m - 1, d + plus).toISOString();
  };
  return {
    limit: PAGE_SIZE,
    sort: filters.sort,
    q: filters.q.trim() || undefined,
    status: filters.status.length > 0 ? filters.status : undefined,
    kind: filters.kind.length > 0 ? filters.kind : undefined,
    ownerId: filters.ownerId.length > 0 ? filters.ownerId : undefined,
    dueFrom: day(filters.dueFrom, 0),
    dueTo: day(filters.dueTo, 1),
    overdue: filters.overdue || undefined,
    count: true,
  };
}

/**
 * The tasks list: filters, sort, pages ("Show more" follows the cursor) and completing from the
 * list. A task someone else changed meanwhile (412) is reloaded in its row and the user is told.
 */
export const TaskListStore = signalStore(
  withState<{ filters: TaskFilters; items: Task[]; nextCursor: string | null; total: number | null; completing: string[] }>({
    filters: DEFAULT_FILTERS, items: [], nextCursor: null, total: null, completing: [],
  }),
  withCallState(),
  withMethods((store, api = inject(TasksApi), notify = inject(Notify)) => {
    let request = 0;
    const load = async (cursor?: string): Promise<void> => {
      const mine = ++request;
      patchState(store, setLoading());
      try {
        const page = await firstValueFrom(api.list({ ...queryOf(store.filters()), cursor }));
        if (mine === request) {
          patchState(store, { items: cursor === undefined ? page.items : [...store.items(), ...page.items], nextCursor: page.nextCursor, total: page.total ?? store.total() }, setLoaded());
        }
      } catch (error) {
        if (mine === request) {
          patchState(store, setError(error));
        }
      }
    };
    const replace = (task: Task): void => patchState(store, { items: store.items().map((item) => (item.id === task.id ? task : item)) });
    return {
      load: (): Promise<void> => load(),
      loadMore(): Promise<void> {
        const cursor = store.nextCursor();
        return cursor === null ? Promise.resolve() : load(cursor);
      },
      filter(change: Partial<TaskFilters>): Promise<void> {
        patchState(store, { filters: { ...store.filters(), ...change } });
        return load();
      },
      replace,
      async complete(task: Task): Promise<void> {
        patchState(store, { completing: [...store.completing(), task.id] });
        try {
          replace(await firstValueFrom(api.update(task, { status: 'done' })));
          notify.success('tasks.completed', { title: task.title });
        } catch (error) {
          if (problemCode(error) === 'version-mismatch') {
            notify.success('tasks.list.changedMeanwhile', { title: task.title });
            replace(await firstValueFrom(api.get(task.id)).catch(() => task));
          } else {
            notify.error(error);
            replace({ ...task });
          }
        } finally {
          patchState(store, { completing: store.completing().filter((id) => id !== task.id) });
        }
      },
    };
  }),
);
