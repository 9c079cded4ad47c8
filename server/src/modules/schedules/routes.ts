import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { invalidField, invalidFields, notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { requestSlaRecompute } from '../sla/recompute.js';
import { addBusinessMinutes, intervalProblems, isWithinBusinessHours, NoBusinessHoursError, weekdayHours } from '../../rules/business-time.js';
import { touchRules } from '../../rules/rules-version.js';
import { idParam, idParams, timeZone } from '../shared/fields.js';
import { defaultScheduleId, loadCalendar } from './calendar.js';
import { officialRanges } from './official-holidays.js';
import { msg } from '../../platform/messages.js';

const tags = ['Business hours'];
const interval = z.strictObject({ start_time: z.number().int(), end_time: z.number().int() });
const scheduleInput = z.object({
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  time_zone: timeZone.default('Asia/Shanghai'),
  intervals: z.array(interval).max(100).optional(),
  /** 'CN' follows the official mainland-China holidays and make-up workdays. */
  official_calendar: z.enum(['CN']).nullable().optional(),
  /** Makes this the default schedule (the first one), the one SLA policies use. */
  default: z.literal(true).optional(),
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const holidayInput = z.object({ name: z.string().trim().min(1, 'cannot be blank').max(255), start_date: isoDate, end_date: isoDate, kind: z.enum(['holiday', 'workday']).default('holiday') });
/** One year of the official calendar, copied into a schedule's own list in one go. */
const officialInput = z.strictObject({ region: z.enum(['CN']).default('CN'), year: z.number().int().min(2000).max(2100) });
const holidaysBody = z
  .object({ holiday: holidayInput.optional(), official_holidays: officialInput.optional() })
  .refine((b) => (b.holiday === undefined) !== (b.official_holidays === undefined), { message: 'give either a holiday or official_holidays', path: ['holiday'] });

type ScheduleRow = { id: number; name: string; time_zone: string; intervals: string; official_calendar: string | null; created_at: number; updated_at: number };

async function coverage(ctx: Ctx, region: string | null) {
  if (!region) {
    return null;
  }
  const row = await ctx.db.selectFrom('official_calendars').selectAll().where('region', '=', region).executeTakeFirst();
  if (!row) {
    return null;
  }
  const year = new Date(ctx.clock.now()).getUTCFullYear();
  return {
    region,
    source: row.source,
    first_year: row.first_year,
    last_year: row.last_year,
    // Days after the covered years are treated as ordinary weeks: admins should know.
    warning: year >= row.last_year ? `The official calendar covers ${row.first_year}–${row.last_year}; SLA times reaching past ${row.last_year} treat its holidays as ordinary days until the data is updated.` : null,
  };
}

async function present(ctx: Ctx, s: ScheduleRow, defaultId: number | null) {
  return {
    url: apiUrl(ctx, `business_hours/schedules/${s.id}`),
    id: s.id,
    name: s.name,
    time_zone: s.time_zone,
    intervals: JSON.parse(s.intervals) as unknown,
    official_calendar: await coverage(ctx, s.official_calendar),
    default: s.id === defaultId,
    created_at: isoTime(s.created_at),
    updated_at: isoTime(s.updated_at),
  };
}

async function getSchedule(ctx: Ctx, id: number): Promise<ScheduleRow> {
  const row = await ctx.db.selectFrom('schedules').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return row;
}

function checkIntervals(intervals: z.infer<typeof interval>[]): void {
  const problems = intervalProblems(intervals);
  if (problems.length > 0) {
    // Each problem on its own, so each is translated (the sentences are the catalogue's schedule.interval_*).
    throw invalidFields({ 'schedule.intervals': problems.map((description) => ({ description, error: 'InvalidInterval' })) });
  }
}

/** Calendar edits re-time the SLA clocks that depend on them. */
async function calendarChanged(ctx: Ctx): Promise<void> {
  await touchRules(ctx);
  await requestSlaRecompute(ctx);
}

export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/v2/business_hours/schedules';
  app.get(base, { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('schedules').selectAll().where('account_id', '=', req.ctx.account.id).orderBy('position').orderBy('id').execute();
    const defaultId = rows[0]?.id ?? null;
    return { schedules: await Promise.all(rows.map((r) => present(req.ctx, r, defaultId))) };
  });
  app.get(`${base}/:id`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ schedule: await present(req.ctx, await getSchedule(req.ctx, req.params.id), await defaultScheduleId(req.ctx)) }));
  app.post(base, { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ schedule: scheduleInput }) } }, async (req, reply) => {
    const s = req.body.schedule;
    const intervals = s.intervals ?? weekdayHours();
    checkIntervals(intervals);
    const row = await inTransaction(req.ctx, async (tx) => {
      const now = tx.clock.now();
      const last = await tx.db.selectFrom('schedules').select((eb) => eb.fn.max('position').as('p')).where('account_id', '=', tx.account.id).executeTakeFirst();
      const created = await tx.db
        .insertInto('schedules')
        .values({ account_id: tx.account.id, name: s.name, time_zone: s.time_zone, intervals: JSON.stringify(intervals), official_calendar: s.official_calendar === undefined ? 'CN' : s.official_calendar, position: Number(last?.p ?? -1) + 1, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (s.default) {
        await makeDefault(tx, created.id);
      }
      await calendarChanged(tx);
      return created;
    });
    return reply.status(201).send({ schedule: await present(req.ctx, row, await defaultScheduleId(req.ctx)) });
  });
  app.put(`${base}/:id`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ schedule: scheduleInput.partial() }) } }, async (req) => {
    await getSchedule(req.ctx, req.params.id);
    const s = req.body.schedule;
    if (s.intervals) {
      checkIntervals(s.intervals);
    }
    await inTransaction(req.ctx, async (tx) => {
      await tx.db
        .updateTable('schedules')
        .set({
          ...(s.name !== undefined ? { name: s.name } : {}),
          ...(s.time_zone !== undefined ? { time_zone: s.time_zone } : {}),
          ...(s.intervals !== undefined ? { intervals: JSON.stringify(s.intervals) } : {}),
          ...(s.official_calendar !== undefined ? { official_calendar: s.official_calendar } : {}),
          updated_at: tx.clock.now(),
        })
        .where('account_id', '=', tx.account.id)
        .where('id', '=', req.params.id)
        .execute();
      if (s.default) {
        await makeDefault(tx, req.params.id);
      }
      await calendarChanged(tx);
    });
    return { schedule: await present(req.ctx, await getSchedule(req.ctx, req.params.id), await defaultScheduleId(req.ctx)) };
  });
  app.put(`${base}/:id/workweek`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ workweek: z.object({ intervals: z.array(interval).max(100) }) }) } }, async (req) => {
    await getSchedule(req.ctx, req.params.id);
    checkIntervals(req.body.workweek.intervals);
    await inTransaction(req.ctx, async (tx) => {
      await tx.db.updateTable('schedules').set({ intervals: JSON.stringify(req.body.workweek.intervals), updated_at: tx.clock.now() }).where('account_id', '=', tx.account.id).where('id', '=', req.params.id).execute();
      await calendarChanged(tx);
    });
    return { workweek: { intervals: req.body.workweek.intervals } };
  });
  app.delete(`${base}/:id`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await getSchedule(req.ctx, req.params.id);
    await inTransaction(req.ctx, async (tx) => {
      await tx.db.deleteFrom('schedules').where('account_id', '=', tx.account.id).where('id', '=', req.params.id).execute();
      await calendarChanged(tx);
    });
    return reply.status(204).send();
  });

  const holidayParams = z.object({ id: idParam, holiday_id: idParam });
  app.get(`${base}/:id/preview`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ preview: await previewSchedule(req.ctx, req.params.id) }));
  app.get('/api/v2/business_hours/official_calendars', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('official_calendars').select(['region', 'source', 'first_year', 'last_year']).orderBy('region').execute();
    return { official_calendars: rows };
  });
  app.get(`${base}/:id/holidays`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    await getSchedule(req.ctx, req.params.id);
    const rows = await req.ctx.db.selectFrom('schedule_holidays').selectAll().where('account_id', '=', req.ctx.account.id).where('schedule_id', '=', req.params.id).orderBy('start_date').execute();
    return { holidays: rows.map(presentHoliday) };
  });
  app.post(`${base}/:id/holidays`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: holidaysBody } }, async (req, reply) => {
    await getSchedule(req.ctx, req.params.id);
    const official = req.body.official_holidays;
    if (official) {
      const result = await importOfficial(req.ctx, req.params.id, official.region, official.year);
      return reply.status(201).send({ holidays: result.created.map(presentHoliday), skipped: result.skipped });
    }
    const h = req.body.holiday;
    if (!h) {
      throw invalidField('holiday', msg('schedule.holiday_required'), 'Required');
    }
    if (h.end_date < h.start_date) {
      throw invalidField('holiday.end_date', msg('schedule.end_before_start'), 'InvalidValue');
    }
    const row = await inTransaction(req.ctx, async (tx) => {
      const created = await tx.db.insertInto('schedule_holidays').values({ account_id: tx.account.id, schedule_id: req.params.id, ...h }).returningAll().executeTakeFirstOrThrow();
      await calendarChanged(tx);
      return created;
    });
    return reply.status(201).send({ holiday: presentHoliday(row) });
  });
  app.delete(`${base}/:id/holidays/:holiday_id`, { config: { access: 'manage_rules' }, schema: { tags, params: holidayParams } }, async (req, reply) => {
    await inTransaction(req.ctx, async (tx) => {
      const gone = await tx.db.deleteFrom('schedule_holidays').where('account_id', '=', tx.account.id).where('schedule_id', '=', req.params.id).where('id', '=', req.params.holiday_id).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) {
        throw notFound();
      }
      await calendarChanged(tx);
    });
    return reply.status(204).send();
  });
};

const presentHoliday = (h: { id: number; name: string; start_date: string; end_date: string; kind: string }) => ({ id: h.id, name: h.name, start_date: h.start_date, end_date: h.end_date, kind: h.kind });

/** The default schedule is the first by position: move this one to the front, the rest keep their order. */
async function makeDefault(ctx: Ctx, id: number): Promise<void> {
  const rows = await ctx.db.selectFrom('schedules').select('id').where('account_id', '=', ctx.account.id).orderBy('position').orderBy('id').execute();
  const order = [id, ...rows.map((r) => r.id).filter((other) => other !== id)];
  for (const [position, scheduleId] of order.entries()) {
    await ctx.db.updateTable('schedules').set({ position }).where('account_id', '=', ctx.account.id).where('id', '=', scheduleId).execute();
  }
}

/**
 * Copies a year of official holidays and make-up workdays into the schedule's own list,
 * where the admin can see and adjust them. Ranges already there are skipped, so a second
 * click adds nothing.
 */
async function importOfficial(ctx: Ctx, scheduleId: number, region: string, year: number) {
  const ranges = await officialRanges(ctx, region, year, 'official_holidays');
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db.selectFrom('schedule_holidays').select(['start_date', 'end_date', 'kind']).where('account_id', '=', tx.account.id).where('schedule_id', '=', scheduleId).execute();
    const have = new Set(existing.map((h) => `${h.start_date}/${h.end_date}/${h.kind}`));
    const fresh = ranges.filter((r) => !have.has(`${r.start_date}/${r.end_date}/${r.kind}`));
    const created = fresh.length ? await tx.db.insertInto('schedule_holidays').values(fresh.map((r) => ({ account_id: tx.account.id, schedule_id: scheduleId, ...r }))).returningAll().execute() : [];
    if (created.length > 0) {
      await calendarChanged(tx);
    }
    return { created: created.sort((a, b) => a.start_date.localeCompare(b.start_date)), skipped: ranges.length - fresh.length };
  });
}

/** Business-time answers for right now: open or not, when it next opens, and where common targets land. */
async function previewSchedule(ctx: Ctx, id: number) {
  await getSchedule(ctx, id);
  const calendar = await loadCalendar(ctx, id);
  const now = ctx.clock.now();
  if (!calendar || calendar.intervals.length === 0) {
    return { now: isoTime(now), open_now: false, next_open: null, targets: [] };
  }
  try {
    const next = addBusinessMinutes(calendar, now, 0);
    return {
      now: isoTime(now),
      open_now: isWithinBusinessHours(calendar, now),
      next_open: isoTime(next.at),
      targets: [60, 240, 480, 1440].map((minutes) => {
        const target = addBusinessMinutes(calendar, now, minutes);
        return { minutes, at: isoTime(target.at), uncertain: target.uncertain };
      }),
    };
  } catch (e) {
    if (e instanceof NoBusinessHoursError) {
      return { now: isoTime(now), open_now: false, next_open: null, targets: [] };
    }
    throw e;
  }
}
