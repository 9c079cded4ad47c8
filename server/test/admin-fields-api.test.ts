import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, createTestApp, type Helpdesk, type TestApp } from './support/app.js';

/** The API gaps the settings pages needed: a field in use is not deleted; default schedule; official holidays; preview. */
let t: TestApp;
let desk: Helpdesk;
let other: Helpdesk;

type Holiday = { id: number; name: string; start_date: string; end_date: string; kind: string };
type Schedule = { id: number; name: string; default: boolean };

beforeAll(async () => {
  t = await createTestApp({ KEFU_SIGNUP: 'open' });
  desk = await createHelpdesk(t, 'fieldsadmin');
  other = await createHelpdesk(t, 'fieldsother', { firstRun: false });
});
afterAll(async () => {
  await t.close();
});

describe('deleting a field in use', () => {
  it('is refused while a form or a rule uses it, naming each, and allowed once they let go', async () => {
    const created = await desk.owner.post('/api/v2/ticket_fields', { ticket_field: { type: 'tagger', title: '产品线', custom_field_options: [{ name: '手机', value: 'phone' }] } });
    expect(created.statusCode, created.body).toBe(201);
    const fieldId = created.json<{ ticket_field: { id: number } }>().ticket_field.id;
    const form = await desk.owner.post('/api/v2/ticket_forms', { ticket_form: { name: '售后表单', ticket_field_ids: [fieldId] } });
    expect(form.statusCode, form.body).toBe(201);
    const formId = form.json<{ ticket_form: { id: number } }>().ticket_form.id;
    const trigger = await desk.owner.post('/api/v2/triggers', {
      trigger: { title: '手机工单加标签', conditions: { all: [{ field: `custom_fields_${fieldId}`, operator: 'is', value: 'phone' }], any: [] }, actions: [{ field: 'current_tags', value: 'phone' }] },
    });
    expect(trigger.statusCode, trigger.body).toBe(201);
    const triggerId = trigger.json<{ trigger: { id: number } }>().trigger.id;

    const refused = await desk.owner.delete(`/api/v2/ticket_fields/${fieldId}`);
    expect(refused.statusCode).toBe(422);
    const body = refused.json<{ description: string; details: Record<string, { description: string; error: string }[]> }>();
    expect(body.details['ticket_field']).toEqual([
      { description: '售后表单', error: `UsedBy:ticket_form:${formId}` },
      { description: '手机工单加标签', error: `UsedBy:trigger:${triggerId}` },
    ]);
    expect(body.description).toContain('售后表单');
    expect((await desk.owner.get(`/api/v2/ticket_fields/${fieldId}`)).statusCode).toBe(200);

    expect((await desk.owner.delete(`/api/v2/ticket_forms/${formId}`)).statusCode).toBe(204);
    expect((await desk.owner.delete(`/api/v2/ticket_fields/${fieldId}`)).statusCode).toBe(422);
    expect((await desk.owner.delete(`/api/v2/triggers/${triggerId}`)).statusCode).toBe(204);
    expect((await desk.owner.delete(`/api/v2/ticket_fields/${fieldId}`)).statusCode).toBe(204);
  });

  it('a field of similar id is not mistaken for it', async () => {
    const ids: number[] = [];
    for (const title of ['a', 'b']) {
      const res = await desk.owner.post('/api/v2/ticket_fields', { ticket_field: { type: 'text', title } });
      ids.push(res.json<{ ticket_field: { id: number } }>().ticket_field.id);
    }
    const [first, second] = ids as [number, number];
    // A view testing custom_fields_<second> must not hold <first> when one id prefixes the other.
    const view = await desk.owner.post('/api/v2/views', { view: { title: '视图', conditions: { all: [{ field: `custom_fields_${second}`, operator: 'is', value: 'x' }], any: [] } } });
    expect(view.statusCode, view.body).toBe(201);
    expect((await desk.owner.delete(`/api/v2/ticket_fields/${first}`)).statusCode).toBe(204);
    const refused = await desk.owner.delete(`/api/v2/ticket_fields/${second}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('UsedBy:view:');
  });
});

describe('schedules', () => {
  it('one is the default, and any can be made the default', async () => {
    const list = async () => (await desk.owner.get('/api/v2/business_hours/schedules')).json<{ schedules: Schedule[] }>().schedules;
    const before = await list();
    const created = await desk.owner.post('/api/v2/business_hours/schedules', { schedule: { name: '夜班', time_zone: 'Asia/Shanghai' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ schedule: Schedule }>().schedule.id;
    expect(created.json<{ schedule: Schedule }>().schedule.default).toBe(before.length === 0);
    const made = await desk.owner.put(`/api/v2/business_hours/schedules/${id}`, { schedule: { default: true } });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json<{ schedule: Schedule }>().schedule.default).toBe(true);
    const after = await list();
    expect(after[0]?.id).toBe(id);
    expect(after.filter((s) => s.default).map((s) => s.id)).toEqual([id]);
    // The rest keep their order behind it.
    expect(after.slice(1).map((s) => s.id)).toEqual(before.map((s) => s.id));
    const bad = await desk.owner.put(`/api/v2/business_hours/schedules/${id}`, { schedule: { default: false } });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json<{ details: object }>().details)).toEqual(['schedule.default']);
  });

  it('copies a year of official holidays and make-up workdays, once', async () => {
    const created = await desk.owner.post('/api/v2/business_hours/schedules', { schedule: { name: '客服中心', official_calendar: null } });
    const id = created.json<{ schedule: Schedule }>().schedule.id;
    const calendars = await desk.owner.get('/api/v2/business_hours/official_calendars');
    expect(calendars.json<{ official_calendars: { region: string; first_year: number; last_year: number }[] }>().official_calendars).toEqual([
      expect.objectContaining({ region: 'CN', first_year: expect.any(Number) as number, last_year: expect.any(Number) as number }),
    ]);

    const added = await desk.owner.post(`/api/v2/business_hours/schedules/${id}/holidays`, { official_holidays: { region: 'CN', year: 2026 } });
    expect(added.statusCode, added.body).toBe(201);
    const { holidays, skipped } = added.json<{ holidays: Holiday[]; skipped: number }>();
    expect(skipped).toBe(0);
    expect(holidays).toContainEqual(expect.objectContaining({ name: '国庆节', start_date: '2026-10-01', end_date: '2026-10-07', kind: 'holiday' }));
    expect(holidays).toContainEqual(expect.objectContaining({ name: '春节', start_date: '2026-02-15', end_date: '2026-02-23', kind: 'holiday' }));
    expect(holidays).toContainEqual(expect.objectContaining({ name: '国庆节', start_date: '2026-10-10', end_date: '2026-10-10', kind: 'workday' }));
    expect(holidays.every((h) => h.start_date.startsWith('2026-'))).toBe(true);

    const again = await desk.owner.post(`/api/v2/business_hours/schedules/${id}/holidays`, { official_holidays: { year: 2026 } });
    expect(again.json<{ holidays: Holiday[]; skipped: number }>()).toEqual({ holidays: [], skipped: holidays.length });
    const stored = (await desk.owner.get(`/api/v2/business_hours/schedules/${id}/holidays`)).json<{ holidays: Holiday[] }>().holidays;
    expect(stored).toHaveLength(holidays.length);

    const outside = await desk.owner.post(`/api/v2/business_hours/schedules/${id}/holidays`, { official_holidays: { year: 1999 } });
    expect(outside.statusCode).toBe(422);
    expect(Object.keys(outside.json<{ details: object }>().details)).toEqual(['official_holidays.year']);
    const uncovered = await desk.owner.post(`/api/v2/business_hours/schedules/${id}/holidays`, { official_holidays: { year: 2099 } });
    expect(uncovered.statusCode).toBe(422);
    expect(Object.keys(uncovered.json<{ details: object }>().details)).toEqual(['official_holidays.year']);
    const neither = await desk.owner.post(`/api/v2/business_hours/schedules/${id}/holidays`, {});
    expect(neither.statusCode).toBe(422);
    // Another helpdesk cannot copy into this schedule.
    expect((await other.owner.post(`/api/v2/business_hours/schedules/${id}/holidays`, { official_holidays: { year: 2026 } })).statusCode).toBe(404);
  });

  it('previews when it next opens and where targets land', async () => {
    // Monday to Friday 09:00–12:00 and 13:30–18:00 (minutes from Sunday 00:00).
    const intervals = [1, 2, 3, 4, 5].flatMap((d) => [
      { start_time: d * 1440 + 540, end_time: d * 1440 + 720 },
      { start_time: d * 1440 + 810, end_time: d * 1440 + 1080 },
    ]);
    const created = await desk.owner.post('/api/v2/business_hours/schedules', { schedule: { name: '午休', time_zone: 'Asia/Shanghai', intervals } });
    const id = created.json<{ schedule: Schedule }>().schedule.id;
    const res = await desk.owner.get(`/api/v2/business_hours/schedules/${id}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{ preview: { open_now: boolean; next_open: string; targets: { minutes: number; at: string }[] } }>().preview;
    expect(preview.targets.map((x) => x.minutes)).toEqual([60, 240, 480, 1440]);
    const times = preview.targets.map((x) => Date.parse(x.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Every target lands inside the hours, never in the lunch break.
    for (const at of times) {
      const local = new Date(at + 8 * 3600_000);
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      expect(minute > 720 && minute < 810).toBe(false);
      expect(minute >= 540 && minute <= 1080).toBe(true);
    }
    expect((await other.owner.get(`/api/v2/business_hours/schedules/${id}/preview`)).statusCode).toBe(404);
  });
});
