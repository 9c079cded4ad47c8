import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import { intervalProblems, weekdayHours } from '../../rules/business-time.js';
import { touchRules } from '../../rules/rules-version.js';
import { idParam, idParams, timeZone } from '../shared/fields.js';

const tags = ['Business hours'];
const interval = z.strictObject({ start_time: z.number().int(), end_time: z.number().int() });
const scheduleInput = z.object({
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  time_zone: timeZone.default('Asia/Shanghai'),
  intervals: z.array(interval).max(100).optional(),
  /** 'CN' follows the official mainland-China holidays and make-up workdays. */
  official_calendar: z.enum(['CN']).nullable().optional(),
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const holidayInput = z.object({ name: z.string().trim().min(1, 'cannot be blank').max(255), start_date: isoDate, end_date: isoDate, kind: z.enum(['holiday', 'workday']).default('holiday') });

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

async function present(ctx: Ctx, s: ScheduleRow) {
  return {
    url: apiUrl(ctx, `business_hours/schedules/${s.id}`),
    id: s.id,
    name: s.name,
    time_zone: s.time_zone,
    intervals: JSON.parse(s.intervals) as unknown,
    official_calendar: await coverage(ctx, s.official_calendar),
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
    throw invalidField('schedule.intervals', problems.join('; '), 'InvalidInterval');
  }
}

/** Calendar edits re-time the SLA clocks that depend on them. */
async function calendarChanged(ctx: Ctx): Promise<void> {
  await touchRules(ctx);
  await writeOutbox(ctx, { topic: 'sla.recompute', payload: { after_ticket_id: 0 } });
}

export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/v2/business_hours/schedules';
  app.get(base, { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('schedules').selectAll().where('account_id', '=', req.ctx.account.id).orderBy('position').orderBy('id').execute();
    return { schedules: await Promise.all(rows.map((r) => present(req.ctx, r))) };
  });
  app.get(`${base}/:id`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ schedule: await present(req.ctx, await getSchedule(req.ctx, req.params.id)) }));
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
      await calendarChanged(tx);
      return created;
    });
    return reply.status(201).send({ schedule: await present(req.ctx, row) });
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
      await calendarChanged(tx);
    });
    return { schedule: await present(req.ctx, await getSchedule(req.ctx, req.params.id)) };
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
  const presentHoliday = (h: { id: number; name: string; start_date: string; end_date: string; kind: string }) => ({ id: h.id, name: h.name, start_date: h.start_date, end_date: h.end_date, kind: h.kind });
  app.get(`${base}/:id/holidays`, { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    await getSchedule(req.ctx, req.params.id);
    const rows = await req.ctx.db.selectFrom('schedule_holidays').selectAll().where('account_id', '=', req.ctx.account.id).where('schedule_id', '=', req.params.id).orderBy('start_date').execute();
    return { holidays: rows.map(presentHoliday) };
  });
  app.post(`${base}/:id/holidays`, { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ holiday: holidayInput }) } }, async (req, reply) => {
    await getSchedule(req.ctx, req.params.id);
    const h = req.body.holiday;
    if (h.end_date < h.start_date) {
      throw invalidField('holiday.end_date', 'must not be before start_date', 'InvalidValue');
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
