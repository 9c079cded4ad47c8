import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let customer: { id: number; client: Client };

type Ticket = { id: number; status: string; assignee_id: number | null; group_id: number | null; tags: string[]; requester_id: number; organization_id: number | null; followup_source_id: number | null; subject: string };
type Audit = { author_id: number | null; via: { channel: string }; metadata: { system: { ip_address: string } }; events: { type: string; field?: string; value?: unknown; previous_value?: unknown; public?: boolean }[] };

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'tickets');
  agent = await createUser(desk, { name: '王芳', email: 'wangfang@tickets.example.com', role: 'agent' });
  customer = await createUser(desk, { name: '孙丽', email: 'sunli@customer.example.com', role: 'end-user' });
});
afterAll(async () => {
  await t.close();
});

describe('a ticket’s life through the API', () => {
  it('is created, assigned, answered, noted, set pending, reopened by the requester, solved, closed — all audited', async () => {
    // The customer writes in.
    const created = await customer.client.post('/api/v2/requests', { request: { subject: '申请退款', comment: { body: '我想申请退款，订单号 20261122001。' } } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ request: { id: number; status: string } }>().request.id;
    expect(created.json<{ request: { status: string } }>().request.status).toBe('new');

    // The agent takes it: new → open on assignment; the group follows the agent's default.
    const assigned = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { assignee_id: agent.id, priority: 'high', additional_tags: ['退款', 'VIP'] } });
    expect(assigned.statusCode).toBe(200);
    const a1 = assigned.json<{ ticket: Ticket }>().ticket;
    expect(a1).toMatchObject({ status: 'open', assignee_id: agent.id, tags: ['退款', 'vip'] });
    expect(a1.group_id).not.toBeNull();

    // A public answer and an internal note.
    expect((await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { comment: { html_body: '<p>您好，已为您提交退款<script>x</script></p>' } } })).statusCode).toBe(200);
    expect((await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { comment: { body: '财务确认中', public: false } } })).statusCode).toBe(200);

    // Waiting on the customer.
    const pending = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'pending' } });
    expect(pending.json<{ ticket: Ticket }>().ticket.status).toBe('pending');

    // The requester's reply reopens it; they never see the internal note.
    const reply = await customer.client.put(`/api/v2/requests/${id}`, { request: { comment: { body: '请问什么时候到账？' } } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json<{ request: { status: string } }>().request.status).toBe('open');
    const theirComments = (await customer.client.get(`/api/v2/requests/${id}/comments`)).json<{ comments: { body: string }[] }>().comments;
    expect(theirComments.map((c) => c.body)).toEqual(['我想申请退款，订单号 20261122001。', '您好，已为您提交退款', '请问什么时候到账？']);

    // Solved, then closed.
    expect((await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved', comment: { body: '已到账，请查收。' } } })).json<{ ticket: Ticket }>().ticket.status).toBe('solved');
    expect((await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'closed' } })).json<{ ticket: Ticket }>().ticket.status).toBe('closed');

    const audits = (await agent.client.get(`/api/v2/tickets/${id}/audits`)).json<{ audits: Audit[] }>().audits;
    expect(audits).toHaveLength(8);
    const changesOf = (a: Audit | undefined) => (a?.events ?? []).filter((e) => e.type === 'Change').map((e) => [e.field, e.previous_value, e.value]);
    expect(audits[0]?.events.map((e) => e.type)).toEqual(expect.arrayContaining(['Comment', 'Create']));
    expect(audits[0]?.author_id).toBe(customer.id);
    expect(changesOf(audits[1])).toEqual(
      expect.arrayContaining([
        ['status', 'new', 'open'],
        ['assignee_id', null, agent.id],
        ['priority', null, 'high'],
        ['tags', [], ['退款', 'vip']],
      ]),
    );
    expect(audits[3]?.events[0]).toMatchObject({ type: 'Comment', public: false });
    expect(changesOf(audits[4])).toEqual([['status', 'open', 'pending']]);
    expect(changesOf(audits[5])).toEqual([['status', 'pending', 'open']]);
    expect(audits[5]?.author_id).toBe(customer.id);
    expect(changesOf(audits[7])).toEqual([['status', 'solved', 'closed']]);
    expect(audits[1]?.metadata.system.ip_address).toBe('127.0.0.1');
    expect(audits.every((a) => a.via.channel === 'api')).toBe(true);

    // A closed ticket is final; the requester's reply makes a follow-up that links back.
    const edit = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { priority: 'low' } });
    expect(edit.statusCode).toBe(422);
    const again = await customer.client.put(`/api/v2/requests/${id}`, { request: { comment: { body: '又出问题了' } } });
    expect(again.statusCode).toBe(200);
    const follow = again.json<{ request: { id: number; followup_source_id: number; subject: string } }>().request;
    expect(follow.id).not.toBe(id);
    expect(follow).toMatchObject({ followup_source_id: id, subject: 'Re: 申请退款' });
  });

  it('refuses bad changes with the field named and writes nothing', async () => {
    const made = await agent.client.post('/api/v2/tickets', { ticket: { subject: '发票问题', comment: { body: '需要开增值税专用发票' }, requester_id: customer.id } });
    expect(made.statusCode).toBe(201);
    const id = made.json<{ ticket: { id: number } }>().ticket.id;
    const before = (await agent.client.get(`/api/v2/tickets/${id}/audits`)).json<{ audits: unknown[] }>().audits.length;
    const cases: [unknown, string][] = [
      [{ status: 'solved' }, 'ticket.status'],
      [{ status: 'sideways' }, 'ticket.status'],
      [{ assignee_id: customer.id }, 'ticket.assignee_id'],
      [{ group_id: 999999 }, 'ticket.group_id'],
      [{ problem_id: 1 }, 'ticket.problem_id'],
      [{ due_at: '2026-12-01T10:00:00+08:00' }, 'ticket.due_at'],
      [{ subject: 'x'.repeat(300) }, 'ticket.subject'],
      [{ priority: 'urgent', colour: 'red' }, 'ticket.colour'],
    ];
    for (const [ticket, field] of cases) {
      const res = await agent.client.put(`/api/v2/tickets/${id}`, { ticket });
      expect(res.statusCode, JSON.stringify(ticket)).toBe(422);
      expect(Object.keys(res.json<{ details: object }>().details), JSON.stringify(ticket)).toContain(field);
    }
    expect((await agent.client.get(`/api/v2/tickets/${id}/audits`)).json<{ audits: unknown[] }>().audits).toHaveLength(before);
    expect((await agent.client.get('/api/v2/tickets/999999')).statusCode).toBe(404);
  });

  it('creates a requester by email and a task with a due date', async () => {
    const res = await agent.client.post('/api/v2/tickets', {
      ticket: { subject: '上门安装', type: 'task', due_at: '2026-12-01T10:00:00+08:00', requester: { name: '新客户', email: 'new.customer@example.com' }, comment: { body: '请安排上门安装' } },
    });
    expect(res.statusCode).toBe(201);
    const ticket = res.json<{ ticket: { requester_id: number; due_at: string } }>().ticket;
    expect(ticket.due_at).toBe('2026-12-01T02:00:00Z');
    const user = (await agent.client.get(`/api/v2/users/${ticket.requester_id}`)).json<{ user: { name: string; role: string } }>().user;
    expect(user).toMatchObject({ name: '新客户', role: 'end-user' });
  });

  it('creates once per Idempotency-Key', async () => {
    const body = { ticket: { subject: '重复提交', comment: { body: '网络超时后重试' }, requester_id: customer.id } };
    const headers = { 'idempotency-key': 'retry-123', 'content-type': 'application/json' };
    const first = await agent.client.request('POST', '/api/v2/tickets', JSON.stringify(body), headers);
    const second = await agent.client.request('POST', '/api/v2/tickets', JSON.stringify(body), headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['x-idempotent-replay']).toBe('true');
    expect(second.json<{ ticket: { id: number } }>().ticket.id).toBe(first.json<{ ticket: { id: number } }>().ticket.id);
    const other = await agent.client.request('POST', '/api/v2/tickets', JSON.stringify({ ticket: { ...body.ticket, subject: '别的' } }), headers);
    expect(other.statusCode).toBe(422);
  });

  it('links incidents to a problem', async () => {
    const problem = (await agent.client.post('/api/v2/tickets', { ticket: { subject: '登录服务故障', type: 'problem', comment: { body: '大面积无法登录' }, requester_id: agent.id } })).json<{ ticket: { id: number } }>().ticket.id;
    const incident = await agent.client.post('/api/v2/tickets', { ticket: { subject: '无法登录', type: 'incident', problem_id: problem, comment: { body: '我无法登录' }, requester_id: customer.id } });
    expect(incident.statusCode).toBe(201);
    expect((await agent.client.get(`/api/v2/tickets/${problem}`)).json<{ ticket: { has_incidents: boolean } }>().ticket.has_incidents).toBe(true);
  });
});

describe('who may see tickets', () => {
  it('applies end-user, organization-sharing, group and assigned-only rules to tickets, comments and audits', async () => {
    const org = (await desk.owner.post('/api/v2/organizations', { organization: { name: '华信', domain_names: ['huaxin.example.com'], shared_tickets: true } })).json<{ organization: { id: number } }>().organization.id;
    const alice = await createUser(desk, { name: '冯雪', email: 'fengxue@huaxin.example.com', role: 'end-user' });
    const bob = await createUser(desk, { name: '何磊', email: 'helei@huaxin.example.com', role: 'end-user' });
    const stranger = await createUser(desk, { name: '外人', email: 'stranger@example.net', role: 'end-user' });
    const aliceTicket = (await alice.client.post('/api/v2/requests', { request: { subject: '无法登录', comment: { body: '账号无法登录' } } })).json<{ request: { id: number } }>().request.id;
    expect((await bob.client.get(`/api/v2/requests/${aliceTicket}`)).statusCode).toBe(200);
    expect((await stranger.client.get(`/api/v2/requests/${aliceTicket}`)).statusCode).toBe(404);
    expect((await stranger.client.get(`/api/v2/tickets/${aliceTicket}/comments`)).statusCode).toBe(404);
    expect((await bob.client.get(`/api/v2/tickets/${aliceTicket}/audits`)).statusCode).toBe(403);
    expect((await bob.client.get('/api/v2/tickets')).statusCode).toBe(403);
    expect((await stranger.client.put(`/api/v2/requests/${aliceTicket}`, { request: { comment: { body: '我也要' } } })).statusCode).toBe(404);
    await desk.owner.put(`/api/v2/organizations/${org}`, { organization: { shared_tickets: false } });
    expect((await bob.client.get(`/api/v2/requests/${aliceTicket}`)).statusCode).toBe(404);
    expect((await bob.client.get('/api/v2/requests')).json<{ requests: unknown[] }>().requests).toHaveLength(0);

    // A light agent sees only their groups' tickets and may add internal notes only.
    const roles = (await desk.owner.get('/api/v2/custom_roles')).json<{ custom_roles: { id: number; name: string }[] }>().custom_roles;
    const light = roles.find((r) => r.name === '轻量客服')?.id;
    const tech = (await desk.owner.post('/api/v2/groups', { group: { name: '技术支持' } })).json<{ group: { id: number } }>().group.id;
    const lightAgent = await createUser(desk, { name: '轻量', email: 'light@tickets.example.com', role: 'agent', custom_role_id: light, group_ids: [tech] });
    expect((await lightAgent.client.get(`/api/v2/tickets/${aliceTicket}`)).statusCode).toBe(404);
    await desk.owner.put(`/api/v2/tickets/${aliceTicket}`, { ticket: { group_id: tech } });
    expect((await lightAgent.client.get(`/api/v2/tickets/${aliceTicket}`)).statusCode).toBe(200);
    expect((await lightAgent.client.put(`/api/v2/tickets/${aliceTicket}`, { ticket: { comment: { body: '内部备注', public: false } } })).statusCode).toBe(200);
    expect((await lightAgent.client.put(`/api/v2/tickets/${aliceTicket}`, { ticket: { comment: { body: '公开回复' } } })).statusCode).toBe(403);
    expect((await lightAgent.client.put(`/api/v2/tickets/${aliceTicket}`, { ticket: { priority: 'low' } })).statusCode).toBe(403);
    const list = (await lightAgent.client.get('/api/v2/tickets')).json<{ tickets: { id: number }[] }>().tickets;
    expect(list.map((x) => x.id)).toEqual([aliceTicket]);
    // End users never set agent-only fields.
    expect((await alice.client.put(`/api/v2/requests/${aliceTicket}`, { request: { comment: { body: 'x', public: false } } })).statusCode).toBe(422);
  });

  it('moves a merged user’s tickets to the survivor', async () => {
    const keep = await createUser(desk, { name: '许婷', email: 'xuting@example.com', role: 'end-user' });
    const dup = await createUser(desk, { name: '许婷2', email: 'xuting2@example.com', role: 'end-user' });
    const ticket = (await dup.client.post('/api/v2/requests', { request: { subject: '合并测试', comment: { body: '你好' } } })).json<{ request: { id: number } }>().request.id;
    expect((await desk.owner.put(`/api/v2/users/${dup.id}/merge`, { user: { id: keep.id } })).statusCode).toBe(200);
    expect((await desk.owner.get(`/api/v2/tickets/${ticket}`)).json<{ ticket: { requester_id: number } }>().ticket.requester_id).toBe(keep.id);
    expect((await keep.client.get(`/api/v2/requests/${ticket}`)).statusCode).toBe(200);
  });
});

describe('incremental export', () => {
  it('walks every ticket changed since a time with a cursor, deleted ones included', async () => {
    // Start after everything earlier tests made.
    t.clock.advance(2000);
    const start = Math.ceil(t.clock.now() / 1000);
    t.clock.advance(1000);
    const made: number[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      made.push((await desk.owner.post('/api/v2/tickets', { ticket: { subject: `导出 ${i}`, comment: { body: '导出' }, requester_id: customer.id } })).json<{ ticket: { id: number } }>().ticket.id);
    }
    t.clock.advance(1000);
    await desk.owner.delete(`/api/v2/tickets/${made[1]}`);
    const seen: { id: number; status: string }[] = [];
    let url = `/api/v2/incremental/tickets/cursor.json?start_time=${start}&per_page=2`;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await desk.owner.get(url)).json<{ tickets: { id: number; status: string }[]; after_url: string; end_of_stream: boolean }>();
      seen.push(...page.tickets);
      if (page.end_of_stream) {
        break;
      }
      url = new URL(page.after_url).pathname + new URL(page.after_url).search;
    }
    expect(seen.map((x) => x.id)).toEqual([made[0], made[2], made[3], made[4], made[1]]);
    expect(seen.at(-1)?.status).toBe('deleted');
    expect((await agent.client.get(`/api/v2/incremental/tickets/cursor.json?start_time=${start}`)).statusCode).toBe(403);
    expect((await desk.owner.get('/api/v2/incremental/tickets/cursor.json')).statusCode).toBe(422);
  });
});

describe('redaction', () => {
  it('removes text from the comment, its audit and search, and records that it happened', async () => {
    const made = await customer.client.post('/api/v2/requests', { request: { subject: '支付问题', comment: { body: '我的卡号是 6222021234567890，请帮忙查询' } } });
    const id = made.json<{ request: { id: number } }>().request.id;
    const comment = (await agent.client.get(`/api/v2/tickets/${id}/comments`)).json<{ comments: { id: number }[] }>().comments[0]?.id;
    const res = await agent.client.put(`/api/v2/tickets/${id}/comments/${comment}/redact`, { text: '6222021234567890' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ comment: { body: string } }>().comment.body).toBe('我的卡号是 ▇▇▇，请帮忙查询');
    const audits = await agent.client.get(`/api/v2/tickets/${id}/audits`);
    expect(audits.body).not.toContain('6222021234567890');
    expect(audits.json<{ audits: { events: { type: string }[] }[] }>().audits.at(-1)?.events[0]?.type).toBe('CommentRedactionEvent');
    const found = (await agent.client.get('/api/v2/search?query=6222021234567890')).json<{ count: number }>();
    expect(found.count).toBe(0);
    expect((await agent.client.put(`/api/v2/tickets/${id}/comments/${comment}/redact`, { text: '不存在的' })).statusCode).toBe(422);
    expect((await customer.client.put(`/api/v2/tickets/${id}/comments/${comment}/redact`, { text: '卡号' })).statusCode).toBe(403);
  });
});
