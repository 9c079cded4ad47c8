import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleAutomationRuns } from '../src/modules/automations/run-automations.js';
import { recordDueBreaches } from '../src/modules/sla/breaches.js';
import { recomputeSlas } from '../src/modules/sla/recompute.js';
import { runDueRecurring } from '../src/modules/recurring/service.js';
import { HOUR, MINUTE } from '../src/platform/clock.js';
import { pino } from 'pino';

const silent = pino({ level: 'silent' });
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let customer: { id: number; client: Client };
let groupId: number;

type Ticket = { id: number; status: string; priority: string | null; tags: string[]; assignee_id: number | null; group_id: number | null };
type Audit = { metadata: { rules?: { kind: string; id: number; title: string; actions: { field: string; result: string }[] }[] }; events: { type: string; field?: string; via?: { channel: string; source: { from: { id: number } } } }[] };

beforeAll(async () => {
  t = await createTestApp({ KEFU_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32' });
  desk = await createHelpdesk(t, 'rules');
  const group = await desk.owner.post('/api/v2/groups', { group: { name: '售后组' } });
  groupId = group.json<{ group: { id: number } }>().group.id;
  agent = await createUser(desk, { name: '李娜', email: 'lina@rules.example.com', role: 'agent', group_ids: [groupId] });
  customer = await createUser(desk, { name: '赵敏', email: 'zhaomin@customer.example.com', role: 'end-user' });
});
afterAll(async () => {
  await t.close();
});

async function createTrigger(body: object): Promise<number> {
  const res = await desk.owner.post('/api/v2/triggers', { trigger: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ trigger: { id: number } }>().trigger.id;
}

async function audits(id: number): Promise<Audit[]> {
  return (await desk.owner.get(`/api/v2/tickets/${id}/audits`)).json<{ audits: Audit[] }>().audits;
}

async function setActive(table: string, active: boolean): Promise<void> {
  const list = (await desk.owner.get(`/api/v2/${table}`)).json<Record<string, { id: number }[]>>()[table] ?? [];
  for (const r of list) {
    await desk.owner.put(`/api/v2/${table}/${r.id}`, { [table.slice(0, -1)]: { active } });
  }
}

describe('triggers', () => {
  it('ship as defaults: a customer’s request is acknowledged by mail', async () => {
    const sentBefore = t.sent.length;
    const res = await customer.client.post('/api/v2/requests', { request: { subject: '发票抬头错了', comment: { body: '请帮我重开发票。' } } });
    expect(res.statusCode).toBe(201);
    await t.deliverOutbox();
    const mail = t.sent.slice(sentBefore).find((m) => m.to === 'zhaomin@customer.example.com');
    expect(mail?.subject).toBe('我们已收到您的请求：发票抬头错了');
    expect(mail?.text).toContain('您好 赵敏');
    expect(mail?.headers?.['Auto-Submitted']).toBe('auto-generated');
  });

  it('run in order to a fixed point: a later trigger’s action makes an earlier one match, and a loop of two stops', async () => {
    await setActive('triggers', false);
    // Position 0 matches only once the trigger after it has raised the priority.
    const escalate = await createTrigger({ title: 'Tag urgent tickets', conditions: { all: [{ field: 'priority', operator: 'is', value: 'urgent' }] }, actions: [{ field: 'current_tags', value: 'escalated' }] });
    const refunds = await createTrigger({ title: '退款加急', conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'comment_includes_word', operator: 'includes', value: '退款' }] }, actions: [{ field: 'priority', value: 'urgent' }] });
    const ping = await createTrigger({ title: 'ping', conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'ping' }] }, actions: [{ field: 'remove_tags', value: 'ping' }, { field: 'current_tags', value: 'pong' }] });
    const pong = await createTrigger({ title: 'pong', conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'pong' }] }, actions: [{ field: 'remove_tags', value: 'pong' }, { field: 'current_tags', value: 'ping' }] });

    const res = await agent.client.post('/api/v2/tickets', { ticket: { subject: '申请退款', comment: { body: '客户要求退款' }, requester_id: customer.id, tags: ['ping'] } });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json<{ ticket: Ticket }>().ticket;
    expect(ticket.priority).toBe('urgent');
    expect(ticket.tags).toEqual(expect.arrayContaining(['escalated', 'ping']));
    expect(ticket.tags).not.toContain('pong');

    // The audit answers "why did this happen to my ticket?".
    const [audit] = await audits(ticket.id);
    expect(audit?.metadata.rules?.map((r) => r.id)).toEqual([refunds, escalate, ping, pong]);
    const priority = audit?.events.find((e) => e.field === 'priority');
    expect(priority?.via).toMatchObject({ channel: 'rule', source: { from: { id: refunds } } });

    // Later changes run them again (conditions hold, as in Zendesk) but never the Create-only one.
    const again = await agent.client.put(`/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: '已处理', public: false } } });
    expect(again.statusCode).toBe(200);
    expect((await audits(ticket.id)).at(-1)?.metadata.rules?.map((r) => r.id)).not.toContain(refunds);
    for (const id of [escalate, refunds, ping, pong]) {
      expect((await desk.owner.delete(`/api/v2/triggers/${id}`)).statusCode).toBe(204);
    }
  });

  it('can be dry-run against a ticket before saving, changing nothing', async () => {
    const created = await agent.client.post('/api/v2/tickets', { ticket: { subject: '登录不了', comment: { body: '密码错误' }, requester_id: customer.id, priority: 'low' } });
    const id = created.json<{ ticket: Ticket }>().ticket.id;
    const res = await desk.owner.post('/api/v2/triggers/dry_run', {
      ticket_id: id,
      trigger: { title: 'try', conditions: { all: [{ field: 'priority', operator: 'is', value: 'low' }, { field: 'status', operator: 'is', value: 'new' }] }, actions: [{ field: 'priority', value: 'high' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const dry = res.json<{ dry_run: { matches: boolean; conditions: { holds: boolean }[]; ticket_after: { priority: string } } }>().dry_run;
    expect(dry.matches).toBe(true);
    expect(dry.ticket_after.priority).toBe('high');
    expect((await agent.client.get(`/api/v2/tickets/${id}`)).json<{ ticket: Ticket }>().ticket.priority).toBe('low');
  });

  it('refuse unknown fields, operators and values, naming the part, and save nothing', async () => {
    const before = (await desk.owner.get('/api/v2/triggers')).json<{ count: number }>().count;
    const bad = await desk.owner.post('/api/v2/triggers', {
      trigger: {
        title: 'bad',
        conditions: { all: [{ field: 'colour', operator: 'is', value: 'red' }, { field: 'status', operator: 'sounds_like', value: 'open' }], any: [{ field: 'priority', operator: 'is', value: 'huge' }] },
        actions: [{ field: 'status', value: 'gone' }],
      },
    });
    expect(bad.statusCode).toBe(422);
    const details = Object.keys(bad.json<{ details: Record<string, unknown> }>().details);
    expect(details).toEqual(expect.arrayContaining(['trigger.conditions.all[0].field', 'trigger.conditions.all[1].operator', 'trigger.conditions.any[0].value', 'trigger.actions[0].value']));
    expect((await desk.owner.get('/api/v2/triggers')).json<{ count: number }>().count).toBe(before);
    const hook = await desk.owner.post('/api/v2/webhooks', { webhook: { name: 'ftp', endpoint: 'ftp://files.example.com/' } });
    expect(hook.statusCode).toBe(422);
    expect(hook.body).toContain('endpoint');
    const schedule = await desk.owner.post('/api/v2/business_hours/schedules', { schedule: { name: 'overlap', intervals: [{ start_time: 2000, end_time: 2500 }, { start_time: 2400, end_time: 2600 }] } });
    expect(schedule.statusCode).toBe(422);
    // In the helpdesk's language (zh-CN), as the console shows it.
    expect(schedule.body).toContain('重叠');
  });
});

describe('automations', () => {
  it('refuse a rule whose actions never make its conditions false', async () => {
    const res = await desk.owner.post('/api/v2/automations', { automation: { title: 'spam', conditions: { all: [{ field: 'PENDING', operator: 'greater_than', value: '24' }] }, actions: [{ field: 'priority', value: 'high' }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ details: Record<string, { error: string }[]> }>().details['automation.conditions.all']?.map((e) => e.error)).toContain('MissingNullifyingCondition');
  });

  it('close a solved ticket after four days and remind a pending requester once, on a test clock', async () => {
    await setActive('triggers', false);
    const solved = (await agent.client.post('/api/v2/tickets', { ticket: { subject: '快递丢了', comment: { body: '包裹三天没动' }, requester_id: customer.id, assignee_id: agent.id, status: 'solved' } })).json<{ ticket: Ticket }>().ticket;
    const pending = (await agent.client.post('/api/v2/tickets', { ticket: { subject: '等待照片', comment: { body: '请发送照片' }, requester_id: customer.id, assignee_id: agent.id, status: 'pending' } })).json<{ ticket: Ticket }>().ticket;
    expect(solved.status).toBe('solved');

    const runHour = async () => {
      await scheduleAutomationRuns({ db: t.database.db, clock: t.clock });
      await t.drainOutbox();
    };
    t.clock.advance(25 * HOUR);
    const mailBefore = t.sent.length;
    await runHour();
    const reminders = t.sent.slice(mailBefore).filter((m) => m.subject.includes(`[#${pending.id}]`));
    expect(reminders).toHaveLength(1);
    expect((await agent.client.get(`/api/v2/tickets/${solved.id}`)).json<{ ticket: Ticket }>().ticket.status).toBe('solved');

    t.clock.advance(72 * HOUR); // 97 hours after solving
    const mailBefore2 = t.sent.length;
    await runHour();
    expect((await agent.client.get(`/api/v2/tickets/${solved.id}`)).json<{ ticket: Ticket }>().ticket.status).toBe('closed');
    // The reminder's tag nullified it: no second reminder.
    expect(t.sent.slice(mailBefore2).filter((m) => m.subject.includes(`[#${pending.id}]`))).toHaveLength(0);
    const closing = (await audits(solved.id)).at(-1);
    expect(closing?.metadata.rules?.[0]).toMatchObject({ kind: 'automation' });

    // The same hour is claimed once: running the scheduler again queues nothing.
    expect(await scheduleAutomationRuns({ db: t.database.db, clock: t.clock })).toBe(0);
  });
});

describe('SLA policies', () => {
  it('time first reply in business hours across the National Day holiday, pause requester wait while pending, and record the breach', async () => {
    const policy = await desk.owner.post('/api/v2/slas/policies', {
      sla_policy: {
        title: '紧急工单',
        filter: { all: [{ field: 'priority', operator: 'is', value: 'urgent' }] },
        policy_metrics: [
          { priority: 'urgent', metric: 'first_reply_time', target: 120, business_hours: true },
          { priority: 'urgent', metric: 'requester_wait_time', target: 600, business_hours: false },
        ],
      },
    });
    expect(policy.statusCode, policy.body).toBe(201);
    await t.deliverOutbox();
    // Wednesday Sep 30, 17:00 in Shanghai: one business hour left before the holiday week.
    t.clock.set('2026-09-30T09:00:00Z');
    const created = await customer.client.post('/api/v2/requests', { request: { subject: '服务器宕机', comment: { body: '全部用户无法登录' } } });
    const id = created.json<{ request: { id: number } }>().request.id;
    await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { priority: 'urgent', comment: { body: '排查中', public: false } } });
    const slas = async () => (await agent.client.get(`/api/v2/tickets/${id}?include=slas`)).json<{ ticket: { slas: { policy_metrics: { metric: string; stage: string; breach_at: string | null; breached: boolean }[] } } }>().ticket.slas.policy_metrics;
    const first = (await slas()).find((m) => m.metric === 'first_reply_time');
    // 60 minutes on Sep 30, nothing Oct 1–7, the other 60 on Thursday Oct 8: 10:00 Shanghai.
    expect(first).toMatchObject({ stage: 'active', breach_at: '2026-10-08T02:00:00.000Z', breached: false });

    // Pending pauses requester wait time; the timeline explains it.
    t.clock.set('2026-09-30T09:30:00Z');
    await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { group_id: groupId, assignee_id: agent.id, status: 'pending' } });
    const wait = (await slas()).find((m) => m.metric === 'requester_wait_time');
    expect(wait).toMatchObject({ stage: 'paused', breach_at: null });

    // The breach is recorded at its instant, not before.
    t.clock.set('2026-10-08T01:59:00Z');
    await recordDueBreaches({ db: t.database.db, clock: t.clock, log: silent, config: t.config });
    expect((await slas()).find((m) => m.metric === 'first_reply_time')?.breached).toBe(false);
    // Views find tickets about to breach, before they do.
    const preview = async (conditions: object) =>
      (await agent.client.post('/api/v2/views/preview', { view: { conditions: { all: [conditions] } } })).json<{ rows: { id: number }[] }>().rows.map((r) => r.id);
    expect(await preview({ field: 'until_sla_next_breach_at', operator: 'less_than', value: 1 })).toContain(id);
    expect(await preview({ field: 'sla_breached', operator: 'is', value: 'true' })).not.toContain(id);
    const escalate = await createTrigger({ title: '首次响应超时升级', conditions: { all: [{ field: 'sla_metric_breached', operator: 'is', value: 'first_reply_time' }] }, actions: [{ field: 'current_tags', value: 'sla_missed' }] });

    t.clock.set('2026-10-08T02:00:00Z');
    expect(await recordDueBreaches({ db: t.database.db, clock: t.clock, log: silent, config: t.config })).toBeGreaterThanOrEqual(1);
    expect((await slas()).find((m) => m.metric === 'first_reply_time')?.breached).toBe(true);
    expect(await preview({ field: 'sla_breached', operator: 'is', value: 'true' })).toContain(id);
    // The breach is in the ticket's audit, and the trigger reacted to it once.
    const breachAudit = (await audits(id)).at(-1);
    expect(breachAudit?.events.map((e) => e.type)).toContain('SlaBreach');
    expect(breachAudit?.metadata.rules?.map((r) => r.id)).toEqual([escalate]);
    expect((await agent.client.get(`/api/v2/tickets/${id}`)).json<{ ticket: Ticket }>().ticket.tags).toContain('sla_missed');
    expect(await recordDueBreaches({ db: t.database.db, clock: t.clock, log: silent, config: t.config })).toBe(0);
    await desk.owner.delete(`/api/v2/triggers/${escalate}`);

    // A calendar edit re-times open clocks in the background: make Oct 8 a company holiday too.
    const schedule = (await desk.owner.get('/api/v2/business_hours/schedules')).json<{ schedules: { id: number }[] }>().schedules[0]?.id;
    const second = await customer.client.post('/api/v2/requests', { request: { subject: '又宕机了', comment: { body: '再次无法登录' } } });
    const secondId = second.json<{ request: { id: number } }>().request.id;
    t.clock.set('2026-10-08T02:00:00Z');
    await agent.client.put(`/api/v2/tickets/${secondId}`, { ticket: { priority: 'urgent' } });
    const secondFirst = async () =>
      (await agent.client.get(`/api/v2/tickets/${secondId}?include=slas`)).json<{ ticket: { slas: { policy_metrics: { metric: string; breach_at: string | null }[] } } }>().ticket.slas.policy_metrics.find((m) => m.metric === 'first_reply_time');
    expect((await secondFirst())?.breach_at).toBe('2026-10-08T04:00:00.000Z'); // 10:00 + 120 business minutes: 12:00 Shanghai
    expect((await desk.owner.post(`/api/v2/business_hours/schedules/${schedule}/holidays`, { holiday: { name: '公司活动', start_date: '2026-10-08', end_date: '2026-10-08' } })).statusCode).toBe(201);
    await t.drainOutbox();
    // Friday Oct 9, 09:00 + 120 minutes.
    expect((await secondFirst())?.breach_at).toBe('2026-10-09T03:00:00.000Z');
    // A re-timing asked for before the latest edit stops: the latest one re-times everything.
    expect((await desk.owner.post(`/api/v2/business_hours/schedules/${schedule}/holidays`, { holiday: { name: '公司活动二', start_date: '2026-10-09', end_date: '2026-10-09' } })).statusCode).toBe(201);
    await recomputeSlas({ db: t.database.db, clock: t.clock, log: silent, config: t.config }, desk.accountId, 0, 1);
    expect((await secondFirst())?.breach_at).toBe('2026-10-09T03:00:00.000Z');
    await t.drainOutbox();
    expect((await secondFirst())?.breach_at).not.toBe('2026-10-09T03:00:00.000Z');

    // The first public reply fulfils it.
    t.clock.advance(10 * MINUTE);
    await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { comment: { body: '已恢复' } } });
    expect((await slas()).find((m) => m.metric === 'first_reply_time')).toMatchObject({ stage: 'achieved', breached: true });
  });
});

describe('routing', () => {
  it('spreads 100 new tickets evenly over the online agents of a group and skips the offline one', async () => {
    const agents = [];
    for (let i = 0; i < 5; i++) {
      const a = await createUser(desk, { name: `坐席${i}`, email: `seat${i}@rules.example.com`, role: 'agent', group_ids: [groupId] });
      agents.push(a);
      const availability = i === 4 ? 'offline' : 'online';
      expect((await a.client.put('/api/v2/routing/agents/me', { agent_routing: { availability } })).statusCode).toBe(200);
    }
    const route = await createTrigger({ title: '自动分配', conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'group_id', operator: 'is', value: String(groupId) }] }, actions: [{ field: 'route', value: 'group' }] });
    const counts = new Map<number | null, number>();
    for (let i = 0; i < 100; i++) {
      const res = await desk.owner.post('/api/v2/tickets', { ticket: { subject: `咨询 ${i}`, comment: { body: '你好' }, requester_id: customer.id, group_id: groupId } });
      expect(res.statusCode).toBe(201);
      const tk = res.json<{ ticket: Ticket }>().ticket;
      counts.set(tk.assignee_id, (counts.get(tk.assignee_id) ?? 0) + 1);
    }
    await desk.owner.delete(`/api/v2/triggers/${route}`);
    const online = agents.slice(0, 4).map((a) => counts.get(a.id) ?? 0);
    expect(online).toEqual([25, 25, 25, 25]);
    expect(counts.get(agents[4]?.id ?? 0) ?? 0).toBe(0);
    expect(counts.get(null) ?? 0).toBe(0);

    // Least open: an agent with fewer open tickets gets the next one; a cap stops an agent.
    expect((await desk.owner.put(`/api/v2/routing/groups/${groupId}`, { group_routing: { mode: 'least_open', max_open: 26 } })).statusCode).toBe(200);
    const route2 = await createTrigger({ title: '自动分配 2', conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'group_id', operator: 'is', value: String(groupId) }] }, actions: [{ field: 'route', value: 'group' }] });
    const extra = new Map<number | null, number>();
    for (let i = 0; i < 8; i++) {
      const res = await desk.owner.post('/api/v2/tickets', { ticket: { subject: `加塞 ${i}`, comment: { body: '你好' }, requester_id: customer.id, group_id: groupId } });
      const tk = res.json<{ ticket: Ticket }>().ticket;
      extra.set(tk.assignee_id, (extra.get(tk.assignee_id) ?? 0) + 1);
    }
    // Four agents at 25 with a cap of 26 take one each; the other four wait unassigned.
    expect(agents.slice(0, 4).map((a) => extra.get(a.id) ?? 0)).toEqual([1, 1, 1, 1]);
    expect(extra.get(null)).toBe(4);
    await desk.owner.delete(`/api/v2/triggers/${route2}`);
  });
});

describe('webhooks', () => {
  it('deliver signed calls to a real receiver, retried after it first answers 500', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = received.length === 1 ? 500 : 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const hook = await desk.owner.post('/api/v2/webhooks', { webhook: { name: '工单同步', endpoint: `http://127.0.0.1:${port}/kefu` } });
      expect(hook.statusCode, hook.body).toBe(201);
      const hookId = hook.json<{ webhook: { id: string } }>().webhook.id;
      const secret = (await desk.owner.get(`/api/v2/webhooks/${hookId}/signing_secret`)).json<{ signing_secret: { secret: string } }>().signing_secret.secret;
      const trig = await createTrigger({
        title: '同步到 ERP',
        conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] },
        actions: [{ field: 'notification_webhook', value: [hookId, '{"ticket": {{ticket.id}}, "title": {{ticket.title | json}}}'] }],
      });
      const created = await agent.client.post('/api/v2/tickets', { ticket: { subject: '发票 "加急"', comment: { body: '需要专票' }, requester_id: customer.id } });
      const id = created.json<{ ticket: Ticket }>().ticket.id;
      const drain = t.drainOutbox;
      await drain();
      expect(received).toHaveLength(1);
      // The outbox retries after its backoff.
      t.clock.advance(10 * MINUTE);
      await drain();
      expect(received).toHaveLength(2);
      const last = received[1];
      expect(JSON.parse(last?.body ?? '{}')).toEqual({ ticket: id, title: '发票 "加急"' });
      const timestamp = String(last?.headers['x-zendesk-webhook-signature-timestamp']);
      const expected = createHmac('sha256', secret).update(timestamp + (last?.body ?? '')).digest('base64');
      expect(last?.headers['x-zendesk-webhook-signature']).toBe(expected);
      const log = (await desk.owner.get(`/api/v2/webhooks/${hookId}/invocations`)).json<{ invocations: { status: string; status_code: number }[] }>().invocations;
      expect(log.map((l) => l.status_code)).toEqual([200, 500]);
      await desk.owner.delete(`/api/v2/triggers/${trig}`);
    } finally {
      server.close();
    }
  });

  it('speak DingTalk’s and Feishu’s robot formats with their signatures', async () => {
    const received: { url: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body });
        res.end('{"errcode":0}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const ding = await desk.owner.post('/api/v2/webhooks', { webhook: { name: '钉钉群', kind: 'dingtalk', endpoint: `http://127.0.0.1:${port}/robot/send?access_token=abc`, signing_secret: 'SECdingtalk' } });
      const feishu = await desk.owner.post('/api/v2/webhooks', { webhook: { name: '飞书群', kind: 'feishu', endpoint: `http://127.0.0.1:${port}/open-apis/bot/v2/hook/xyz`, signing_secret: 'feishu-secret' } });
      expect(ding.statusCode, ding.body).toBe(201);
      expect((await desk.owner.post('/api/v2/webhooks', { webhook: { name: 'no secret', kind: 'feishu', endpoint: 'https://open.feishu.cn/x' } })).statusCode).toBe(422);
      for (const hook of [ding, feishu]) {
        await desk.owner.post(`/api/v2/webhooks/${hook.json<{ webhook: { id: string } }>().webhook.id}/test`, { request: { payload: '新工单 #1：服务器宕机' } });
      }
      await t.drainOutbox();
      const dingCall = received.find((r) => r.url.startsWith('/robot/send'));
      const url = new URL(`http://x${dingCall?.url ?? ''}`);
      const ts = url.searchParams.get('timestamp') ?? '';
      expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECdingtalk').update(`${ts}\nSECdingtalk`).digest('base64'));
      expect(JSON.parse(dingCall?.body ?? '{}')).toEqual({ msgtype: 'text', text: { content: '新工单 #1：服务器宕机' } });
      const feishuBody = JSON.parse(received.find((r) => r.url.startsWith('/open-apis'))?.body ?? '{}') as { timestamp: string; sign: string; content: { text: string } };
      expect(feishuBody.sign).toBe(createHmac('sha256', `${feishuBody.timestamp}\nfeishu-secret`).update('').digest('base64'));
      expect(feishuBody.content.text).toBe('新工单 #1：服务器宕机');
    } finally {
      server.close();
    }
  });

  it('refuse to call private addresses unless the operator allows the range', async () => {
    const { createTestApp: make } = await import('./support/app.js');
    const strict = await make();
    try {
      const d = await createHelpdesk(strict, 'strict');
      const hook = await d.owner.post('/api/v2/webhooks', { webhook: { name: 'internal', endpoint: 'http://127.0.0.1:9/metadata' } });
      const hookId = hook.json<{ webhook: { id: string } }>().webhook.id;
      await d.owner.post(`/api/v2/webhooks/${hookId}/test`, {});
      await strict.deliverOutbox();
      const log = (await d.owner.get(`/api/v2/webhooks/${hookId}/invocations`)).json<{ invocations: { error: string | null }[] }>().invocations;
      expect(log[0]?.error).toMatch(/127\.0\.0\.1|private|not allowed/i);
    } finally {
      await strict.close();
    }
  });
});

describe('recurring tickets', () => {
  it('create the template’s ticket at each run in the account’s time zone, once, even when run twice', async () => {
    t.clock.set('2026-11-22T09:00:00Z'); // Sunday 17:00 in Shanghai
    const res = await desk.owner.post('/api/v2/recurring_tickets', {
      recurring_ticket: {
        title: '每周一巡检',
        recurrence: { kind: 'weekly', time: '09:00', weekdays: [1] },
        ticket: { subject: '服务器周检', comment: { body: '检查磁盘、备份和证书有效期', public: false }, requester_id: agent.id, group_id: groupId, tags: ['巡检'] },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const recurring = res.json<{ recurring_ticket: { id: number; next_run_at: string } }>().recurring_ticket;
    expect(recurring.next_run_at).toBe('2026-11-23T01:00:00Z');
    const deps = { db: t.database.db, clock: t.clock, log: silent, config: t.config };
    expect(await runDueRecurring(deps)).toBe(0);
    t.clock.set('2026-11-23T01:00:30Z');
    expect(await runDueRecurring(deps)).toBe(1);
    expect(await runDueRecurring(deps)).toBe(0);
    const after = (await desk.owner.get(`/api/v2/recurring_tickets/${recurring.id}`)).json<{ recurring_ticket: { next_run_at: string; last_ticket_id: number } }>().recurring_ticket;
    expect(after.next_run_at).toBe('2026-11-30T01:00:00Z');
    const made = (await agent.client.get(`/api/v2/tickets/${after.last_ticket_id}`)).json<{ ticket: Ticket & { subject: string; via: { channel: string } } }>().ticket;
    expect(made).toMatchObject({ subject: '服务器周检', group_id: groupId, tags: ['巡检'] });
    expect(made.via.channel).toBe('recurring');

    const bad = await desk.owner.post('/api/v2/recurring_tickets', { recurring_ticket: { title: 'bad', recurrence: { kind: 'cron', cron: '61 9 * * *' }, ticket: { subject: 'x', comment: { body: 'x' } } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('recurrence');
  });
});

describe('transfer', () => {
  it('moves a ticket to another group with the reason as an internal note in the same audit', async () => {
    const other = (await desk.owner.post('/api/v2/groups', { group: { name: '技术支持' } })).json<{ group: { id: number } }>().group.id;
    const created = await agent.client.post('/api/v2/tickets', { ticket: { subject: '接口报错', comment: { body: '500' }, requester_id: customer.id, assignee_id: agent.id } });
    const id = created.json<{ ticket: Ticket }>().ticket.id;
    const moved = await agent.client.post(`/api/v2/tickets/${id}/transfer`, { transfer: { group_id: other, reason: '需要技术支持排查接口' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<{ ticket: Ticket }>().ticket).toMatchObject({ group_id: other, assignee_id: null });
    const audit = (await audits(id)).at(-1);
    expect(audit?.events.map((e) => e.type)).toEqual(expect.arrayContaining(['Comment', 'Change']));
    const noReason = await agent.client.post(`/api/v2/tickets/${id}/transfer`, { transfer: { group_id: groupId, reason: ' ' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('transfer.reason');
  });
});
