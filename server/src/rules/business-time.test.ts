import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween, type DayKind, intervalProblems, isWithinBusinessHours, weekdayHours } from './business-time.js';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const official = new Map<string, DayKind>([...Object.keys(data.holidays).map((d) => [d, 'holiday'] as const), ...Object.keys(data.workdays).map((d) => [d, 'workday'] as const)]);

/** Mon–Fri 09:00–12:00 and 13:00–18:00 in Shanghai (a lunch break), on the official calendar. */
const shanghai: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  intervals: [...weekdayHours(9 * 60, 12 * 60), ...weekdayHours(13 * 60, 18 * 60)],
  days: official,
  covered: { first: 2004, last: 2026 },
};
const at = (local: string) => Date.parse(`${local}+08:00`);
const local = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

describe('business-time arithmetic on the mainland-China calendar', () => {
  it('has the 2026 National Day data the package ships: Oct 1–7 off, Sep 20 (Sun) and Oct 10 (Sat) worked', () => {
    expect(official.get('2026-10-01')).toBe('holiday');
    expect(official.get('2026-10-07')).toBe('holiday');
    expect(official.get('2026-10-08')).toBeUndefined();
    expect(official.get('2026-09-20')).toBe('workday');
    expect(official.get('2026-10-10')).toBe('workday');
  });

  it('skips the weekend and the lunch break', () => {
    // Friday 17:30 + 60 minutes: 30 on Friday, 30 on Monday morning.
    expect(local(addBusinessMinutes(shanghai, at('2026-11-20T17:30'), 60).at)).toBe('2026-11-23T09:30');
    // 11:30 + 60 minutes: 30 before lunch, 30 after.
    expect(local(addBusinessMinutes(shanghai, at('2026-11-24T11:30'), 60).at)).toBe('2026-11-24T13:30');
    // Starting at night counts from the next opening.
    expect(local(addBusinessMinutes(shanghai, at('2026-11-24T22:00'), 10).at)).toBe('2026-11-25T09:10');
  });

  it('lands on whole milliseconds when the minutes left are fractional', () => {
    // A timer's elapsed minutes are measured to the millisecond, so what is left can be 0.123456 minutes (7,407.36 ms).
    const due = addBusinessMinutes(shanghai, at('2026-11-24T09:00'), 0.123456).at;
    expect(Number.isInteger(due)).toBe(true);
    expect(due - at('2026-11-24T09:00')).toBe(7407);
  });

  it('jumps the National Day holiday and counts the make-up Saturday', () => {
    // Wednesday Sep 30, 17:00 + 120 minutes: 60 that day, then Oct 1–7 are closed, Thursday Oct 8 opens.
    expect(local(addBusinessMinutes(shanghai, at('2026-09-30T17:00'), 120).at)).toBe('2026-10-08T10:00');
    // Friday Oct 9, 17:00 + 120 minutes: Saturday Oct 10 is a make-up workday (调休).
    expect(local(addBusinessMinutes(shanghai, at('2026-10-09T17:00'), 120).at)).toBe('2026-10-10T10:00');
    // Sunday Sep 20 is worked too.
    expect(local(addBusinessMinutes(shanghai, at('2026-09-19T12:00'), 30).at)).toBe('2026-09-20T09:30');
    expect(isWithinBusinessHours(shanghai, at('2026-10-05T10:00'))).toBe(false);
    expect(isWithinBusinessHours(shanghai, at('2026-10-10T10:00'))).toBe(true);
  });

  it('measures business minutes between two instants, the inverse of adding them', () => {
    const from = at('2026-09-29T16:20');
    for (const minutes of [1, 59, 100, 480, 1000, 3000]) {
      const { at: to } = addBusinessMinutes(shanghai, from, minutes);
      expect(businessMinutesBetween(shanghai, from, to).minutes).toBe(minutes);
    }
    // The whole holiday week holds 0 business minutes.
    expect(businessMinutesBetween(shanghai, at('2026-10-01T00:00'), at('2026-10-08T00:00')).minutes).toBe(0);
  });

  it('flags answers that reach past the covered years instead of guessing', () => {
    const inside = addBusinessMinutes(shanghai, at('2026-12-30T17:00'), 60);
    expect(inside.uncertain).toBe(false);
    const past = addBusinessMinutes(shanghai, at('2026-12-31T17:00'), 120);
    expect(past.uncertain).toBe(true);
  });

  it('names overlapping and out-of-week intervals', () => {
    expect(intervalProblems([{ start_time: 600, end_time: 700 }, { start_time: 650, end_time: 800 }])[0]).toMatch(/overlaps/);
    expect(intervalProblems([{ start_time: 600, end_time: 500 }])[0]).toMatch(/end after/);
    expect(intervalProblems(weekdayHours())).toEqual([]);
  });
});
