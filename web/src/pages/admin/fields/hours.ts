import type { WeeklyInterval } from './types';

/** Minutes within one day, [start, end), as the weekly editor shows them. */
export type DayRange = [number, number];
/** Index 0 is Sunday, as the API counts (minutes from Sunday 00:00). */
export type Week = DayRange[][];

const DAY = 1440;
/** Monday first, as a Chinese calendar reads. */
export const weekOrder = [1, 2, 3, 4, 5, 6, 0] as const;

/** The API's weekly intervals cut into each day's ranges (an interval may cross midnight). */
export function toWeek(intervals: WeeklyInterval[]): Week {
  const week: Week = [[], [], [], [], [], [], []];
  for (const { start_time, end_time } of intervals) {
    for (let d = 0; d < 7; d++) {
      const from = Math.max(start_time, d * DAY);
      const to = Math.min(end_time, (d + 1) * DAY);
      if (to > from) {
        week[d]?.push([from - d * DAY, to - d * DAY]);
      }
    }
  }
  return week.map((ranges) => ranges.sort((a, b) => a[0] - b[0]));
}

export function toIntervals(week: Week): WeeklyInterval[] {
  return week.flatMap((ranges, d) => ranges.map(([s, e]) => ({ start_time: d * DAY + s, end_time: d * DAY + e })));
}

export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Every quarter hour of a day, 00:00 to 24:00. */
export const timeOptions = Array.from({ length: 97 }, (_, i) => ({ value: i * 15, label: hhmm(i * 15) }));

/** What is wrong with one day's ranges, for the row that shows them: backwards or overlapping. */
export function dayProblem(ranges: DayRange[]): 'order' | 'overlap' | null {
  if (ranges.some(([s, e]) => e <= s)) {
    return 'order';
  }
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  return sorted.some((r, i) => i > 0 && r[0] < (sorted[i - 1]?.[1] ?? 0)) ? 'overlap' : null;
}

/** Hours open in a week, to sum up a schedule at a glance. */
export function weeklyHours(week: Week): number {
  return week.flat().reduce((sum, [s, e]) => sum + Math.max(0, e - s), 0) / 60;
}

/** Days from start to end inclusive (ISO dates). */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}
