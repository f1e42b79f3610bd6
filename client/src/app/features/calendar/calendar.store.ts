import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { LanguageService } from '@app/core/i18n/language.service';
import type { Task } from '@app/features/tasks/data-access/tasks-api';
import { TasksApi } from '@app/features/tasks/data-access/tasks-api';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { Notify } from '@app/shared/ui/notify.service';
import { CalendarView, FIRST_DAY_OF_WEEK, moveEntry, startOfDay, stepAnchor, viewRange } from './calendar-dates';

interface CalendarState {
  view: CalendarView;
  anchor: Date;
  scope: 'me' | 'team';
  items: Task[];
  /** Entries being moved: shown where they were dropped, not draggable until the server answered. */
  moving: string[];
}

/**
 * The calendar: the entries of the days on screen (mine or my team's), the view and the day it
 * shows. Dragging an entry moves it at once and keeps its duration; a refusal (someone changed it,
 * no permission) puts it back with a message.
 */
export const CalendarStore = signalStore(
  withState<CalendarState>({ view: 'week', anchor: startOfDay(new Date()), scope: 'me', items: [], moving: [] }),
  withCallState(),
  withComputed(({ view, anchor }, language = inject(LanguageService)) => {
    const firstDay = computed(() => FIRST_DAY_OF_WEEK[language.current()]);
    return { firstDay, range: computed(() => viewRange(view(), anchor(), firstDay())) };
  }),
  withMethods((store, api = inject(TasksApi), notify = inject(Notify)) => {
    let request = 0;
    const load = async (): Promise<void> => {
      const { from, to } = store.range();
      const mine = ++request;
      patchState(store, setLoading());
      try {
        const page = await firstValueFrom(api.calendar(from, to, store.scope()));
        if (mine === request) {
          patchState(store, { items: page.items }, setLoaded());
        }
      } catch (error) {
        if (mine === request) {
          patchState(store, setError(error));
        }
      }
    };
    const replace = (task: Task): void => patchState(store, { items: store.items().map((item) => (item.id === task.id ? task : item)) });
    return {
      load,
      show(view: CalendarView, anchor: Date = store.anchor()): Promise<void> {
        patchState(store, { view, anchor: startOfDay(anchor) });
        return load();
      },
      step(direction: -1 | 1): Promise<void> {
        patchState(store, { anchor: stepAnchor(store.view(), store.anchor(), direction) });
        return load();
      },
      today(): Promise<void> {
        patchState(store, { anchor: startOfDay(new Date()) });
        return load();
      },
      setScope(scope: 'me' | 'team'): Promise<void> {
        patchState(store, { scope });
        return load();
      },
      /** Puts a changed entry in place (or adds a new one), and drops one that left the range. */
      saved(task: Task): void {
        const { from, to } = store.range();
        const inside = task.dueAt !== null && new Date(task.dueAt) >= from && new Date(task.dueAt) < to;
        const others = store.items().filter((item) => item.id !== task.id);
        patchState(store, { items: inside ? [...others, task] : others });
      },
      removed(id: string): void {
        patchState(store, { items: store.items().filter((item) => item.id !== id) });
      },
      /** Reschedules to a new start, keeping the duration; the entry moves at once and comes back when refused. */
      async move(task: Task, start: Date, allDay = task.allDay): Promise<boolean> {
        const change = { ...moveEntry(task, start), ...(allDay === task.allDay ? {} : { allDay }) };
        if (change.dueAt === task.dueAt && change.endsAt === task.endsAt && allDay === task.allDay) {
          return true;
        }
        replace({ ...task, ...change });
        patchState(store, { moving: [...store.moving(), task.id] });
        try {
          replace(await firstValueFrom(api.update(task, change)));
          return true;
        } catch (error) {
          replace(task);
          notify.error(error);
          if (problemCode(error) === 'version-mismatch') {
            await load();
          }
          return false;
        } finally {
          patchState(store, { moving: store.moving().filter((id) => id !== task.id) });
        }
      },
    };
  }),
);
