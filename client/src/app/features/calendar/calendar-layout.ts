import type { Task } from '@app/features/tasks/data-access/tasks-api';
import { minutesOfDay, sameDay, startOfDay } from './calendar-dates';

/** Pixels per hour in the week and day views. */
export const HOUR_HEIGHT = 48;
/** The hour the week and day views scroll to: the start of a working day. */
export const WORK_START_HOUR = 8;
/** The shortest height of an entry (a task has no end): half an hour. */
const MIN_MINUTES = 30;

/** Whether an entry goes in the all-day row: all-day ones (tasks without a time included). */
export const inAllDayRow = (task: Task): boolean => task.allDay;

/** Whether an entry shows on a day: timed ones on the day they start, all-day ones on every day they cover. */
export function onDayOf(task: Task, day: Date): boolean {
  if (task.dueAt === null) {
    return false;
  }
  const start = new Date(task.dueAt);
  if (!task.allDay || task.endsAt === null) {
    return sameDay(start, day);
  }
  // An all-day end is the midnight after the last day.
  return startOfDay(start) <= day && day < new Date(task.endsAt);
}

export interface PlacedEntry {
  task: Task;
  top: number;
  height: number;
  /** Side by side with overlapping entries: the lane and the number of lanes. */
  lane: number;
  lanes: number;
}

/** Timed entries of one day placed in its column: top and height by time, overlapping ones side by side. */
export function placeDay(tasks: Task[], day: Date): PlacedEntry[] {
  const timed = tasks
    .filter((task) => !inAllDayRow(task) && onDayOf(task, day))
    .map((task) => {
      const start = new Date(task.dueAt!);
      const startMinutes = minutesOfDay(start);
      const end = task.endsAt === null ? null : new Date(task.endsAt);
      const endMinutes = end === null ? startMinutes + MIN_MINUTES : sameDay(end, start) ? minutesOfDay(end) : 24 * 60;
      return { task, start: startMinutes, end: Math.max(endMinutes, startMinutes + MIN_MINUTES) };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const laneEnds: number[] = [];
  const placed = timed.map((entry) => {
    let lane = laneEnds.findIndex((end) => end <= entry.start);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(entry.end);
    } else {
      laneEnds[lane] = entry.end;
    }
    return { task: entry.task, top: (entry.start / 60) * HOUR_HEIGHT, height: ((entry.end - entry.start) / 60) * HOUR_HEIGHT, lane, lanes: 0 };
  });
  return placed.map((entry) => ({ ...entry, lanes: laneEnds.length }));
}
