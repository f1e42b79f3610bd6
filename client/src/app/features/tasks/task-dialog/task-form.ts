import { AbstractControl, FormControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import { localDate, localTime } from '@app/shared/ui/local-date-time';
import type { NewTask, Task, TaskKind } from '../data-access/tasks-api';

/** The reminder choices: minutes before the due time (0 = at the time); null = no reminder. */
export const REMINDER_CHOICES: readonly (number | null)[] = [null, 0, 5, 15, 30, 60, 1440];

/** Minutes a new meeting or call lasts unless the user says otherwise. */
export const DEFAULT_MEETING_MINUTES = 60;

export interface TaskTimes {
  date: string;
  time: string;
  endDate: string;
  endTime: string;
  allDay: boolean;
}

/** Whether a kind has a start and an end (meetings and calls) rather than a deadline. */
export const hasEnd = (kind: TaskKind): boolean => kind !== 'task';

/** `YYYY-MM-DD` + optional `HH:mm` in the browser's time zone → a moment; midnight without a time. */
export function localMoment(date: string, time: string): Date {
  return new Date(`${date}T${time === '' ? '00:00' : time}`);
}

/**
 * The due time and end of the form's fields, as the server takes them: all-day entries start at
 * local midnight and end at the midnight after their last day; a task without a date has no due time.
 */
export function timesOf(kind: TaskKind, raw: TaskTimes): { dueAt: string | null; endsAt: string | null } {
  if (raw.date === '') {
    return { dueAt: null, endsAt: null };
  }
  const start = localMoment(raw.date, raw.allDay ? '' : raw.time);
  if (!hasEnd(kind)) {
    return { dueAt: start.toISOString(), endsAt: null };
  }
  const endDate = raw.endDate === '' ? raw.date : raw.endDate;
  let end: Date;
  if (raw.allDay) {
    end = localMoment(endDate, '');
    end.setDate(end.getDate() + 1);
  } else {
    end = raw.endTime === '' ? new Date(start.getTime() + DEFAULT_MEETING_MINUTES * 60_000) : localMoment(endDate, raw.endTime);
  }
  return { dueAt: start.toISOString(), endsAt: end.toISOString() };
}

/** The form's time fields for a task's times (the reverse of `timesOf`). */
export function fieldsOf(task: Pick<Task, 'dueAt' | 'endsAt' | 'allDay'>): TaskTimes {
  if (task.dueAt === null) {
    return { date: '', time: '', endDate: '', endTime: '', allDay: task.allDay };
  }
  const start = new Date(task.dueAt);
  const end = task.endsAt === null ? null : new Date(task.endsAt);
  if (end !== null && task.allDay) {
    // An all-day end is the midnight after the last day.
    end.setDate(end.getDate() - 1);
  }
  return {
    date: localDate(start),
    time: task.allDay ? '' : localTime(start),
    endDate: end === null ? '' : localDate(end),
    endTime: end === null || task.allDay ? '' : localTime(end),
    allDay: task.allDay,
  };
}

type TimesGroup = FormGroup<{ kind: FormControl<TaskKind> } & { [K in keyof TaskTimes]: FormControl<TaskTimes[K]> }>;

/**
 * The rules of the time fields: meetings and calls need a start; a time needs a date; a timed
 * entry needs its time; the end comes after the start. Errors go on the field to correct.
 */
export const taskTimesValidator: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const group = control as TimesGroup;
  const raw = group.getRawValue();
  const set = (name: keyof TaskTimes, error: string | null): void => {
    const field = group.controls[name];
    const others = { ...(field.errors ?? {}) };
    delete others['required'];
    delete others['endBeforeStart'];
    const next = error === null ? others : { ...others, [error]: true };
    field.setErrors(Object.keys(next).length === 0 ? null : next, { emitEvent: false });
  };
  const needsDate = hasEnd(raw.kind) || raw.time !== '';
  set('date', needsDate && raw.date === '' ? 'required' : null);
  set('time', raw.date !== '' && !raw.allDay && raw.time === '' ? 'required' : null);
  let endError: string | null = null;
  if (hasEnd(raw.kind) && raw.date !== '' && (raw.allDay || raw.time !== '')) {
    const { dueAt, endsAt } = timesOf(raw.kind, raw);
    if (dueAt !== null && endsAt !== null && new Date(endsAt) <= new Date(dueAt)) {
      endError = 'endBeforeStart';
    }
  }
  set(raw.allDay ? 'endDate' : 'endTime', endError);
  set(raw.allDay ? 'endTime' : 'endDate', null);
  return endError === null ? null : { endBeforeStart: true };
};

/** The minutes between a reminder and the due time, when they match a choice of the dialog. */
export function reminderOf(task: Pick<Task, 'dueAt' | 'remindAt'>): number | null {
  if (task.dueAt === null || task.remindAt === null) {
    return null;
  }
  const minutes = Math.round((new Date(task.dueAt).getTime() - new Date(task.remindAt).getTime()) / 60_000);
  return REMINDER_CHOICES.includes(minutes) ? minutes : null;
}

export type { NewTask };
