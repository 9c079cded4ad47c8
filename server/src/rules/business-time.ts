import { DateTime } from 'luxon';
import { MINUTE } from '../platform/clock.js';

/** A weekly interval as Zendesk writes it: minutes from Sunday 00:00, end exclusive. */
export type WeeklyInterval = { start_time: number; end_time: number };

export type DayKind = 'holiday' | 'workday';

/**
 * Everything business-time arithmetic needs about one schedule: its weekly hours in
 * its time zone, the days that close (holidays) or open (调休 make-up workdays), and
 * the years the official calendar behind those days covers. Days outside those years
 * fall back to the weekly hours and mark the answer uncertain.
 */
export type BusinessCalendar = {
  timeZone: string;
  intervals: WeeklyInterval[];
  days: ReadonlyMap<string, DayKind>;
  covered: { first: number; last: number } | null;
};

export type BusinessInstant = { at: number; uncertain: boolean };

const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
/** No target needs more than ten years of days; a schedule with no hours never ends. */
const MAX_DAYS = 3660;

export class NoBusinessHoursError extends Error {}

/** The open minutes of each weekday (0 = Sunday), as [start, end) pairs from midnight. */
function weekdayRanges(intervals: WeeklyInterval[]): [number, number][][] {
  const days: [number, number][][] = [[], [], [], [], [], [], []];
  for (const { start_time, end_time } of intervals) {
    for (let d = 0; d < 7; d++) {
      const from = Math.max(start_time, d * DAY_MINUTES);
      const to = Math.min(end_time, (d + 1) * DAY_MINUTES);
      if (to > from) {
        days[d]?.push([from - d * DAY_MINUTES, to - d * DAY_MINUTES]);
      }
    }
  }
  return days.map((ranges) => ranges.sort((a, b) => a[0] - b[0]));
}

/** Overlapping or out-of-week intervals, named for the error a person reads. */
export function intervalProblems(intervals: WeeklyInterval[]): string[] {
  const problems: string[] = [];
  const sorted = [...intervals].sort((a, b) => a.start_time - b.start_time);
  sorted.forEach((i, n) => {
    if (!Number.isInteger(i.start_time) || !Number.isInteger(i.end_time) || i.start_time < 0 || i.end_time > WEEK_MINUTES || i.end_time <= i.start_time) {
      problems.push(`interval ${i.start_time}-${i.end_time} must lie within the week (0-${WEEK_MINUTES}) and end after it starts`);
    }
    const next = sorted[n + 1];
    if (next && next.start_time < i.end_time) {
      problems.push(`interval ${i.start_time}-${i.end_time} overlaps ${next.start_time}-${next.end_time}`);
    }
  });
  return problems;
}

type Day = { date: DateTime; ranges: [number, number][]; uncertain: boolean };

class DayWalker {
  private readonly weekly: [number, number][][];
  /** A make-up workday keeps the hours of the first weekday that has any (Monday first). */
  private readonly workdayTemplate: [number, number][];

  constructor(private readonly calendar: BusinessCalendar) {
    this.weekly = weekdayRanges(calendar.intervals);
    this.workdayTemplate = [1, 2, 3, 4, 5, 6, 0].map((d) => this.weekly[d] ?? []).find((r) => r.length > 0) ?? [];
  }

  day(date: DateTime): Day {
    const iso = date.toISODate() ?? '';
    const kind = this.calendar.days.get(iso);
    const covered = this.calendar.covered;
    const uncertain = covered !== null && (date.year < covered.first || date.year > covered.last);
    const weekday = date.weekday % 7; // luxon: Monday 1 … Sunday 7
    const ranges = kind === 'holiday' ? [] : kind === 'workday' && (this.weekly[weekday] ?? []).length === 0 ? this.workdayTemplate : (this.weekly[weekday] ?? []);
    return { date, ranges, uncertain };
  }

  /** The instant a wall-clock minute of a local day is, in the schedule's zone. */
  instant(date: DateTime, minute: number): number {
    return date.startOf('day').plus({ minutes: minute }).toMillis();
  }

  startDay(at: number): DateTime {
    return DateTime.fromMillis(at, { zone: this.calendar.timeZone }).startOf('day');
  }
}

/** The instant `minutes` business minutes after `from`. */
export function addBusinessMinutes(calendar: BusinessCalendar, from: number, minutes: number): BusinessInstant {
  const walker = new DayWalker(calendar);
  // Instants are whole milliseconds (bigint columns on PostgreSQL): elapsed minutes are
  // fractional, and 0.1 + 0.2 minutes made a breach at ….999 that PostgreSQL refused.
  let remaining = Math.round(minutes * MINUTE);
  let uncertain = false;
  let date = walker.startDay(from);
  for (let n = 0; n < MAX_DAYS; n++, date = date.plus({ days: 1 })) {
    const day = walker.day(date);
    uncertain ||= day.uncertain;
    for (const [start, end] of day.ranges) {
      const open = Math.max(walker.instant(date, start), from);
      const close = walker.instant(date, end);
      if (close <= open) {
        continue;
      }
      if (remaining <= close - open) {
        return { at: open + remaining, uncertain };
      }
      remaining -= close - open;
    }
  }
  throw new NoBusinessHoursError('the schedule has no business hours within ten years');
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: number, to: number): { minutes: number; uncertain: boolean } {
  if (to <= from) {
    return { minutes: 0, uncertain: false };
  }
  const walker = new DayWalker(calendar);
  let total = 0;
  let uncertain = false;
  for (let date = walker.startDay(from); date.toMillis() < to; date = date.plus({ days: 1 })) {
    const day = walker.day(date);
    uncertain ||= day.uncertain;
    for (const [start, end] of day.ranges) {
      const open = Math.max(walker.instant(date, start), from);
      const close = Math.min(walker.instant(date, end), to);
      if (close > open) {
        total += close - open;
      }
    }
  }
  return { minutes: total / MINUTE, uncertain };
}

export function isWithinBusinessHours(calendar: BusinessCalendar, at: number): boolean {
  const walker = new DayWalker(calendar);
  const date = walker.startDay(at);
  return walker.day(date).ranges.some(([start, end]) => at >= walker.instant(date, start) && at < walker.instant(date, end));
}

/** Round-the-clock time: calendar-hours targets use the same arithmetic. */
export const alwaysOpen: BusinessCalendar = { timeZone: 'UTC', intervals: [{ start_time: 0, end_time: WEEK_MINUTES }], days: new Map(), covered: null };

/** Monday to Friday, 09:00–18:00 with nothing else: the default a new schedule starts from. */
export function weekdayHours(startMinute = 9 * 60, endMinute = 18 * 60): WeeklyInterval[] {
  return [1, 2, 3, 4, 5].map((d) => ({ start_time: d * DAY_MINUTES + startMinute, end_time: d * DAY_MINUTES + endMinute }));
}
