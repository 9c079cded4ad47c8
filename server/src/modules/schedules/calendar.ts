import { DateTime } from 'luxon';
import type { Ctx } from '../../context.js';
import type { BusinessCalendar, DayKind, WeeklyInterval } from '../../rules/business-time.js';
import { officialCalendar } from '../../rules/official-calendar.js';

/** Every date from start to end inclusive (YYYY-MM-DD), capped at a year. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let d = DateTime.fromISO(start, { zone: 'UTC' });
  const last = DateTime.fromISO(end, { zone: 'UTC' });
  for (let n = 0; d <= last && n < 366; n++, d = d.plus({ days: 1 })) {
    out.push(d.toISODate() ?? '');
  }
  return out;
}

/**
 * A schedule as business-time arithmetic reads it: its weekly hours, the official
 * calendar's holidays and make-up workdays when it follows one, and its own holidays
 * and workdays on top (an admin's edit wins over the official day).
 */
export async function loadCalendar(ctx: Ctx, scheduleId: number): Promise<BusinessCalendar | null> {
  const schedule = await ctx.db.selectFrom('schedules').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', scheduleId).executeTakeFirst();
  if (!schedule) {
    return null;
  }
  const days = new Map<string, DayKind>();
  let covered: BusinessCalendar['covered'] = null;
  if (schedule.official_calendar) {
    const official = await officialCalendar(ctx.db, schedule.official_calendar);
    if (official) {
      covered = { first: official.first, last: official.last };
      for (const [day, { kind }] of official.days) {
        days.set(day, kind);
      }
    }
  }
  const holidays = await ctx.db.selectFrom('schedule_holidays').select(['start_date', 'end_date', 'kind']).where('account_id', '=', ctx.account.id).where('schedule_id', '=', scheduleId).execute();
  for (const h of holidays) {
    for (const day of datesBetween(h.start_date, h.end_date)) {
      days.set(day, h.kind);
    }
  }
  return { timeZone: schedule.time_zone, intervals: JSON.parse(schedule.intervals) as WeeklyInterval[], days, covered };
}

/** The account's default schedule: the first by position. */
export async function defaultScheduleId(ctx: Ctx): Promise<number | null> {
  const row = await ctx.db.selectFrom('schedules').select('id').where('account_id', '=', ctx.account.id).orderBy('position').orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}
