import type { Language } from '@app/core/i18n/i18n';

export type CalendarView = 'month' | 'week' | 'day';

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The first day of the week in each interface language: Monday in Azerbaijan, Turkey and Russia,
 * and in the British English the CRM speaks (its dates are `en-GB`).
 */
export const FIRST_DAY_OF_WEEK: Record<Language, Weekday> = { az: 1, tr: 1, ru: 1, en: 1 };

/** Local midnight of a day (the browser's time zone; days across a DST change are not 24 hours). */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Midnight of the first day of the week holding `date`. */
export function startOfWeek(date: Date, firstDay: Weekday): Date {
  const back = (date.getDay() - firstDay + 7) % 7;
  return startOfDay(addDays(date, -back));
}

/** The seven days of the week holding `date`, from its first day. */
export function weekDays(date: Date, firstDay: Weekday): Date[] {
  const start = startOfWeek(date, firstDay);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/** The weeks shown for the month holding `date`: whole weeks from the one with the 1st to the one with the last day. */
export function monthGrid(date: Date, firstDay: Weekday): Date[][] {
  const first = new Date(date.getFullYear(), date.getMonth(), 1);
  const last = new Date(date.getFullYear(), date.getMonth() + 1, 0);
  const weeks: Date[][] = [];
  for (let start = startOfWeek(first, firstDay); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return weeks;
}

/** The time range a view shows: [from, to). */
export function viewRange(view: CalendarView, anchor: Date, firstDay: Weekday): { from: Date; to: Date } {
  if (view === 'day') {
    const from = startOfDay(anchor);
    return { from, to: addDays(from, 1) };
  }
  if (view === 'week') {
    const from = startOfWeek(anchor, firstDay);
    return { from, to: addDays(from, 7) };
  }
  const weeks = monthGrid(anchor, firstDay);
  return { from: weeks[0][0], to: addDays(weeks[weeks.length - 1][0], 7) };
}

/** The anchor one step back (-1) or forward (+1): a day, a week or a month (the 1st, so short months do not skip). */
export function stepAnchor(view: CalendarView, anchor: Date, direction: -1 | 1): Date {
  if (view === 'day') {
    return addDays(startOfDay(anchor), direction);
  }
  if (view === 'week') {
    return addDays(startOfDay(anchor), 7 * direction);
  }
  return new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1);
}

/**
 * A new start for an entry and its end moved by the same amount, so the duration stays. An
 * entry without an end keeps none.
 */
export function moveEntry(entry: { dueAt: string | null; endsAt: string | null }, start: Date): { dueAt: string; endsAt: string | null } {
  const oldStart = entry.dueAt === null ? null : new Date(entry.dueAt);
  const duration = oldStart !== null && entry.endsAt !== null ? new Date(entry.endsAt).getTime() - oldStart.getTime() : null;
  return { dueAt: start.toISOString(), endsAt: duration === null ? null : new Date(start.getTime() + duration).toISOString() };
}

/** The same time of day on another day (a timed entry dropped on a day of the month view). */
export function onDay(time: Date, day: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), time.getHours(), time.getMinutes(), time.getSeconds());
}

/** The moment at a pixel offset in a day column of `hourHeight` pixels per hour, snapped to `snapMinutes`. */
export function timeAtOffset(day: Date, offsetPx: number, hourHeight: number, snapMinutes = 15): Date {
  const minutes = Math.round(((offsetPx / hourHeight) * 60) / snapMinutes) * snapMinutes;
  const clamped = Math.min(Math.max(minutes, 0), 24 * 60 - snapMinutes);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, clamped);
}

/** Minutes since local midnight. */
export function minutesOfDay(date: Date): number {
  return date.getHours() * 60 + date.getMinutes();
}
