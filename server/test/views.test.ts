import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { forReading, systemCtx } from '../src/context.js';
import { findAccountById } from '../src/modules/accounts/repo.js';
import { countViewsCached } from '../src/modules/views/count-cache.js';
import { HOUR } from '../src/platform/clock.js';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let wang: { id: number; client: Client };
let li: { id: number; client: Client };
let customer: { id: number; client: Client };
let techGroup: number;
type View = { id: number; title: string; default: boolean };

async function views(client: Client): Promise<View[]> {
  return (await client.get('/api/v2/views')).json<{ views: View[] }>().views;
}

async function viewTicketIds(client: Client, title: string): Promise<number[]> {
  const view = (await views(client)).find((v) => v.title === title);
  if (!view) {
    throw new Error(`no view ${title}`);
  }
  const res = await client.get(`/api/v2/views/${view.id}/tickets?page[size]=100`);
  return res.json<{ tickets: { id: number }[] }>().tickets.map((x) => x.id).sort((a, b) => a - b);
}

async function newTicket(subject: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await desk.owner.post('/api/v2/tickets', { ticket: { subject, comment: { body: subject }, requester_id: customer.id, ...extra } });
  if (res.statusCode !== 201) {
    throw new Error(res.body);
  }
  return res.json<{ ticket: { id: number } }>().ticket.id;
}

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'views');
  techGroup = (await desk.owner.post('/api/v2/groups', { group: { name: '技术支持' } })).json<{ group: { id: number } }>().group.id;
  wang = await createUser(desk, { name: '王芳', email: 'wang@views.example.com', role: 'agent' });
  li = await createUser(desk, { name: '李娜', email: 'li@views.example.com', role: 'agent', group_ids: [techGroup] });
  customer = await createUser(desk, { name: '客户', email: 'customer@views.example.com', role: 'end-user' });
});
afterAll(async () => {
  await t.close();
});

describe('default views', () => {
  it('gives a new helpdesk the views a support team expects, in order', async () => {
    expect((await views(wang.client)).map((v) => v.title)).toEqual([
      '我的未解决工单',
      '我所在组未分配的工单',
      '我所在组的未解决工单',
      '我关注或抄送的工单',
      '等待回复的工单',
      '最近更新的工单',
      '最近解决的工单',
      '所有未解决的工单',
      '已删除的工单',
    ]);
  });

  it('fills each view with the right tickets for the agent looking', async () => {
    const mine = await newTicket('王芳的', { assignee_id: wang.id });
    const unassignedTech = await newTicket('技术未分配', { group_id: techGroup });
    const pending = await newTicket('等待中', { assignee_id: wang.id, status: 'pending' });
    const followed = await newTicket('关注的', { follower_ids: [li.id], assignee_id: wang.id });
    const solved = await newTicket('已解决', { assignee_id: li.id, status: 'solved' });

    expect(await viewTicketIds(wang.client, '我的未解决工单')).toEqual([mine, pending, followed].sort((a, b) => a - b));
    expect(await viewTicketIds(li.client, '我的未解决工单')).toEqual([]);
    expect(await viewTicketIds(li.client, '我所在组未分配的工单')).toEqual([unassignedTech]);
    expect(await viewTicketIds(wang.client, '我所在组未分配的工单')).toEqual([]);
    expect(await viewTicketIds(li.client, '我关注或抄送的工单')).toEqual([followed]);
    expect(await viewTicketIds(wang.client, '等待回复的工单')).toEqual([pending]);
    expect(await viewTicketIds(wang.client, '最近解决的工单')).toEqual([solved]);
    expect(await viewTicketIds(wang.client, '所有未解决的工单')).toEqual([mine, unassignedTech, pending, followed].sort((a, b) => a - b));

    // Time moves on: a week later nothing is "recent".
    expect((await viewTicketIds(wang.client, '最近更新的工单')).length).toBe(5);
    t.clock.advance(8 * 24 * HOUR);
    expect(await viewTicketIds(wang.client, '最近更新的工单')).toEqual([]);
    expect(await viewTicketIds(wang.client, '最近解决的工单')).toEqual([]);
  });

  it('counts many views at once, only those the agent may see', async () => {
    const all = await views(wang.client);
    const ids = all.slice(0, 8).map((v) => v.id);
    const res = await wang.client.get(`/api/v2/views/count_many?ids=${ids.join(',')}`);
    const counts = res.json<{ view_counts: { view_id: number; value: number; pretty: string; fresh: boolean }[] }>().view_counts;
    expect(counts).toHaveLength(8);
    const byTitle = new Map(all.map((v) => [v.id, v.title]));
    const value = (title: string) => counts.find((c) => byTitle.get(c.view_id) === title)?.value;
    expect(value('我的未解决工单')).toBe(3);
    expect(value('所有未解决的工单')).toBe(4);
    expect(counts.every((c) => c.fresh && c.pretty === String(c.value))).toBe(true);
  });

  it('counts again as soon as any ticket changes (counts are remembered only between changes), and each agent has their own', async () => {
    const all = await views(wang.client);
    const unsolved = all.find((v) => v.title === '所有未解决的工单');
    const count = async (client: Client) => (await client.get(`/api/v2/views/count_many?ids=${unsolved?.id ?? 0}`)).json<{ view_counts: { value: number }[] }>().view_counts[0]?.value;
    const before = await count(wang.client);
    expect(await count(wang.client)).toBe(before); // remembered
    const id = await newTicket('计数缓存测试');
    expect(await count(wang.client)).toBe((before ?? 0) + 1);
    expect((await desk.owner.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved', assignee_id: wang.id } })).statusCode).toBe(200);
    expect(await count(wang.client)).toBe(before);
  });
  it('answers a slow view\'s remembered count at once, marked not fresh, while it is counted again', async () => {
    const account = await findAccountById(t.database.db, desk.accountId);
    if (!account) {
      throw new Error('no account');
    }
    const ctx = forReading(systemCtx({ db: t.database.db, clock: t.clock, log: pino({ level: 'silent' }), config: t.config, request: { ip: null, userAgent: null, origin: null } }, account));
    const view = { id: -1, updatedAt: 0, defaultKey: null, conditions: { all: [{ field: 'status', operator: 'less_than', value: 'solved' } as const], any: [] } };
    // slowMs 0: every count counts as slow, so a recount is never waited for.
    const count = async (slowMs?: number) => (await countViewsCached(ctx, [view], slowMs === undefined ? {} : { slowMs })).get(-1);
    const first = await count(0);
    expect(first?.fresh).toBe(true); // nothing remembered yet: the caller waits
    await newTicket('慢计数测试');
    expect(await count(0)).toEqual({ ...first, fresh: false });
    let next = await count(0);
    for (let i = 0; i < 100 && !next?.fresh; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      next = await count(0);
    }
    expect(next).toEqual({ value: (first?.value ?? 0) + 1, capped: false, fresh: true });
    await newTicket('快计数测试');
    // A quick view is always counted before the answer.
    expect(await count()).toEqual({ value: (first?.value ?? 0) + 2, capped: false, fresh: true });
  });
});

describe('custom views', () => {
  it('keeps personal views private, shares group views with the group, and needs the right for shared ones', async () => {
    const personal = await wang.client.post('/api/v2/views', {
      view: { title: '我的紧急', restriction: { type: 'User', id: wang.id }, conditions: { all: [{ field: 'priority', operator: 'is', value: 'urgent' }] } },
    });
    expect(personal.statusCode).toBe(201);
    const shared = await wang.client.post('/api/v2/views', { view: { title: '全员', conditions: { all: [] } } });
    expect(shared.statusCode).toBe(403);
    const group = await desk.owner.post('/api/v2/views', {
      view: { title: '技术组 VIP', restriction: { type: 'Group', ids: [techGroup] }, conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'vip' }] } },
    });
    expect(group.statusCode).toBe(201);
    const titles = async (c: Client) => (await views(c)).map((v) => v.title);
    expect(await titles(wang.client)).toContain('我的紧急');
    expect(await titles(li.client)).not.toContain('我的紧急');
    expect(await titles(li.client)).toContain('技术组 VIP');
    expect(await titles(wang.client)).not.toContain('技术组 VIP');
    const personalId = personal.json<{ view: { id: number } }>().view.id;
    expect((await li.client.get(`/api/v2/views/${personalId}/tickets`)).statusCode).toBe(404);
    expect((await li.client.put(`/api/v2/views/${personalId}`, { view: { title: 'x' } })).statusCode).toBe(404);
    expect((await customer.client.get('/api/v2/views')).statusCode).toBe(403);
  });

  it('validates conditions and names the bad one', async () => {
    const res = await desk.owner.post('/api/v2/views', { view: { title: 'bad', conditions: { all: [{ field: 'status', operator: 'is', value: 'sideways' }] } } });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json<{ details: object }>().details)[0]).toMatch(/^view\.conditions\.all\.0/);
  });

  it('pages a view by keyset without gaps or repeats while tickets change', async () => {
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      made.push(await newTicket(`分页 ${i}`, { tags: ['paging'] }));
    }
    const view = (await desk.owner.post('/api/v2/views', {
      view: { title: '分页', conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'paging' }] }, execution: { sort_by: 'updated_at', sort_order: 'desc' } },
    })).json<{ view: { id: number } }>().view.id;
    const seen: number[] = [];
    let url: string | null = `/api/v2/views/${view}/tickets?page[size]=3`;
    let first = true;
    while (url) {
      const page: { tickets: { id: number }[]; meta: { has_more: boolean }; links: { next: string | null } } = (await desk.owner.get(url)).json();
      seen.push(...page.tickets.map((x) => x.id));
      if (first) {
        // A ticket already shown is updated: it moves to the front, not into the next page.
        t.clock.advance(1000);
        await desk.owner.put(`/api/v2/tickets/${page.tickets[0]?.id}`, { ticket: { priority: 'low' } });
        first = false;
      }
      url = page.links.next ? new URL(page.links.next).pathname + new URL(page.links.next).search : null;
    }
    expect(seen).toEqual([...made].reverse());
    const preview = await desk.owner.post('/api/v2/views/preview?page[size]=2', { view: { conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'paging' }] } } });
    expect(preview.json<{ rows: unknown[]; meta: { has_more: boolean } }>().meta.has_more).toBe(true);
  });
});

describe('views respect ticket access', () => {
  it('shows and counts only the tickets a group-restricted agent may see', async () => {
    const roles = (await desk.owner.get('/api/v2/custom_roles')).json<{ custom_roles: { id: number; name: string }[] }>().custom_roles;
    const light = await createUser(desk, { name: '轻量', email: 'light@views.example.com', role: 'agent', custom_role_id: roles.find((r) => r.name === '轻量客服')?.id, group_ids: [techGroup] });
    const inTech = await newTicket('技术组的', { group_id: techGroup });
    await newTicket('别组的');
    const all = (await views(light.client)).find((v) => v.title === '所有未解决的工单');
    const ids = (await light.client.get(`/api/v2/views/${all?.id}/tickets?page[size]=100`)).json<{ tickets: { id: number; group_id: number }[] }>().tickets;
    expect(ids.map((x) => x.id)).toContain(inTech);
    expect(ids.every((x) => x.group_id === techGroup)).toBe(true);
    const mine = (await light.client.get(`/api/v2/views/count_many?ids=${all?.id}`)).json<{ view_counts: { value: number }[] }>().view_counts[0]?.value;
    const owners = (await desk.owner.get(`/api/v2/views/count_many?ids=${all?.id}`)).json<{ view_counts: { value: number }[] }>().view_counts[0]?.value;
    expect(mine).toBe(ids.length);
    expect(owners).toBeGreaterThan(mine ?? 0);
  });
});
