import { DateTime } from 'luxon';
import type { Ctx } from '../../context.js';
import type { DayKind } from '../../rules/business-time.js';
import { officialCalendar } from '../../rules/official-calendar.js';
import { invalidField } from '../../platform/errors.js';
import { msg } from '../../platform/messages.js';

export type HolidayRange = { name: string; start_date: string; end_date: string; kind: DayKind };

/**
 * One year of an official calendar as date ranges a person reads: consecutive days of the
 * same holiday make one range (国庆节 10-01 to 10-08); each make-up workday (调休) is its own.
 */
export async function officialRanges(ctx: Ctx, region: string, year: number, at: string): Promise<HolidayRange[]> {
  const calendar = await officialCalendar(ctx.db, region);
  if (!calendar) {
    throw invalidField(`${at}.region`, msg('schedule.no_calendar', { region }), 'NotFound');
  }
  if (year < calendar.first || year > calendar.last) {
    throw invalidField(`${at}.year`, msg('schedule.calendar_range', { first: calendar.first, last: calendar.last }), 'OutOfRange');
  }
  const days = [...calendar.days.entries()].filter(([day]) => day.startsWith(`${year}-`)).sort(([a], [b]) => a.localeCompare(b));
  const ranges: HolidayRange[] = [];
  for (const [day, { kind, name }] of days) {
    const last = ranges.at(-1);
    const nextOfLast = last ? DateTime.fromISO(last.end_date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() : null;
    if (last && kind === 'holiday' && last.kind === 'holiday' && last.name === name && nextOfLast === day) {
      last.end_date = day;
    } else {
      ranges.push({ name, start_date: day, end_date: day, kind });
    }
  }
  return ranges;
}
