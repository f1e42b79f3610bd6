import { FIRST_DAY_OF_WEEK, monthGrid, moveEntry, onDay, startOfWeek, stepAnchor, timeAtOffset, viewRange, weekDays } from './calendar-dates';

const day = (y: number, m: number, d: number, h = 0, min = 0): Date => new Date(y, m - 1, d, h, min);

describe('calendar dates', () => {
  it('starts the week on Monday in every language of the CRM', () => {
    expect(Object.values(FIRST_DAY_OF_WEEK)).toEqual([1, 1, 1, 1]);
    // Sunday 2026-11-29 belongs to the week that began on Monday the 23rd.
    expect(startOfWeek(day(2026, 11, 29, 15), 1)).toEqual(day(2026, 11, 23));
    expect(startOfWeek(day(2026, 11, 23, 0, 1), 1)).toEqual(day(2026, 11, 23));
  });

  it('starts a Sunday-first week on the Sunday before', () => {
    expect(startOfWeek(day(2026, 11, 29, 15), 0)).toEqual(day(2026, 11, 29));
    expect(startOfWeek(day(2026, 11, 28), 0)).toEqual(day(2026, 11, 22));
    expect(weekDays(day(2026, 11, 25), 0).map((d) => d.getDay())).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('shows whole weeks from the one with the 1st to the one with the last day of the month', () => {
    // November 2026: the 1st is a Sunday, the 30th a Monday.
    const weeks = monthGrid(day(2026, 11, 17), 1);
    expect(weeks).toHaveLength(6);
    expect(weeks[0][0]).toEqual(day(2026, 10, 26));
    expect(weeks[5][6]).toEqual(day(2026, 12, 6));
    expect(weeks.every((week) => week.length === 7 && week[0].getDay() === 1)).toBe(true);
    // February 2027 starts on a Monday and has four weeks exactly.
    expect(monthGrid(day(2027, 2, 10), 1)).toHaveLength(4);
  });

  it('asks the server for the days on screen', () => {
    expect(viewRange('month', day(2026, 11, 17), 1)).toEqual({ from: day(2026, 10, 26), to: day(2026, 12, 7) });
    expect(viewRange('week', day(2026, 11, 25, 13), 1)).toEqual({ from: day(2026, 11, 23), to: day(2026, 11, 30) });
    expect(viewRange('day', day(2026, 11, 25, 13), 1)).toEqual({ from: day(2026, 11, 25), to: day(2026, 11, 26) });
  });

  it('steps a month from the 1st so that short months are not skipped', () => {
    expect(stepAnchor('month', day(2027, 1, 31), 1)).toEqual(day(2027, 2, 1));
    expect(stepAnchor('week', day(2026, 12, 29), 1)).toEqual(day(2027, 1, 5));
    expect(stepAnchor('day', day(2026, 3, 1), -1)).toEqual(day(2026, 2, 28));
  });

  it('keeps a meeting’s duration when it is dragged to another time', () => {
    const meeting = { dueAt: day(2026, 11, 23, 10).toISOString(), endsAt: day(2026, 11, 23, 11, 30).toISOString() };
    expect(moveEntry(meeting, day(2026, 11, 26, 15))).toEqual({ dueAt: day(2026, 11, 26, 15).toISOString(), endsAt: day(2026, 11, 26, 16, 30).toISOString() });
    expect(moveEntry({ dueAt: meeting.dueAt, endsAt: null }, day(2026, 11, 26, 9))).toEqual({ dueAt: day(2026, 11, 26, 9).toISOString(), endsAt: null });
  });

  it('keeps the time of day when an entry is dropped on a day of the month', () => {
    expect(onDay(day(2026, 11, 23, 14, 45), day(2026, 12, 2))).toEqual(day(2026, 12, 2, 14, 45));
  });

  it('turns a drop position in a day column into a time snapped to a quarter hour', () => {
    expect(timeAtOffset(day(2026, 11, 23), 48 * 9.5 + 5, 48)).toEqual(day(2026, 11, 23, 9, 30));
    expect(timeAtOffset(day(2026, 11, 23), -20, 48)).toEqual(day(2026, 11, 23, 0, 0));
    expect(timeAtOffset(day(2026, 11, 23), 48 * 30, 48)).toEqual(day(2026, 11, 23, 23, 45));
  });
});
