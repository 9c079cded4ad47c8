import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD, type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let liu: { id: number; client: Client };
let wang: { id: number; client: Client };
let customer: { id: number; client: Client };
let port: number;

type Note = { id: number; kind: string; ticket_id: number; excerpt: string; read: boolean; actor_id: number | null };
type Listing = { notifications: Note[]; unread_count: number; has_more: boolean };

async function listen(email: string): Promise<{ ws: WebSocket; messages: { type: string; notification?: Note }[] }> {
  const messages: { type: string; notification?: Note }[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v2/realtime`, { headers: { host: desk.host, authorization: `Basic ${Buffer.from(`${email}:${AGENT_PASSWORD}`).toString('base64')}` } });
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
  await until(() => messages.some((m) => m.type === 'hello'));
  return { ws, messages };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(check()).toBe(true);
}

const bell = async (who: { client: Client }, query = '') => (await who.client.get(`/api/v2/notifications${query}`)).json<Listing>();

/** Mail queued to an address since the last call (not yet sent: the outbox holds it). */
async function mailTo(address: string, sinceId: number): Promise<{ subject: string; text: string }[]> {
  const rows = await t.database.db.selectFrom('outbox').select(['id', 'payload']).where('topic', '=', 'mail.send').where('id', '>', sinceId).execute();
  return rows.map((r) => JSON.parse(r.payload) as { to: string; subject: string; text: string }).filter((m) => m.to === address);
}
const lastOutboxId = async () => Number((await t.database.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'bell');
  liu = await createUser(desk, { name: '刘洋', email: 'liuyang@bell.example.com', role: 'agent' });
  wang = await createUser(desk, { name: '王强', email: 'wangqiang@bell.example.com', role: 'agent' });
  customer = await createUser(desk, { name: '赵敏', email: 'zhaomin@customer.example.com', role: 'end-user' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t.close();
});

describe('agent notifications', () => {
  it('tells the assignee, the mentioned and the followers, each once, never the one who acted, live to them alone', async () => {
    const liuSocket = await listen('liuyang@bell.example.com');
    const wangSocket = await listen('wangqiang@bell.example.com');
    const ticket = (await customer.client.post('/api/v2/requests', { request: { subject: '发票抬头错误', comment: { body: '请帮我改发票抬头' } } })).json<{ request: { id: number } }>().request.id;

    // Wang assigns the ticket to Liu.
    expect((await wang.client.put(`/api/v2/tickets/${ticket}`, { ticket: { assignee_id: liu.id } })).statusCode).toBe(200);
    let liuBell = await bell(liu);
    expect(liuBell.unread_count).toBe(1);
    expect(liuBell.notifications[0]).toMatchObject({ kind: 'assigned', ticket_id: ticket, actor_id: wang.id, read: false });
    expect((await bell(wang)).notifications).toEqual([]);
    await t.drainOutbox();
    await until(() => liuSocket.messages.some((m) => m.type === 'notification.created'));
    expect(wangSocket.messages.some((m) => m.type === 'notification.created')).toBe(false);

    // Wang mentions Liu in an internal note: one mention (not also a "reply"), and a mail.
    const since = await lastOutboxId();
    await wang.client.put(`/api/v2/tickets/${ticket}`, { ticket: { comment: { body: '@刘洋 客户要改抬头，请处理', public: false } } });
    liuBell = await bell(liu);
    expect(liuBell.notifications.map((n) => n.kind)).toEqual(['mention', 'assigned']);
    expect(liuBell.notifications[0]?.excerpt).toBe('@刘洋 客户要改抬头，请处理');
    const mentionMail = await mailTo('liuyang@bell.example.com', since);
    expect(mentionMail).toHaveLength(1);
    expect(mentionMail[0]?.subject).toContain('王强 在工单');
    expect(mentionMail[0]?.text).toContain('客户要改抬头');

    // Wang follows; the customer replies (their "@王强" is just text): Liu (assignee) and Wang (follower) hear of it.
    await wang.client.put(`/api/v2/tickets/${ticket}`, { ticket: { follower_ids: [wang.id] } });
    await customer.client.put(`/api/v2/requests/${ticket}`, { request: { comment: { body: '@王强 抬头是：云帆科技' } } });
    expect((await bell(liu)).notifications[0]).toMatchObject({ kind: 'reply', actor_id: customer.id });
    expect((await bell(wang)).notifications.map((n) => n.kind)).toEqual(['reply']);

    liuSocket.ws.terminate();
    wangSocket.ws.terminate();
  });

  it('follows each agent’s preferences for in-app and email', async () => {
    const prefs = await liu.client.put('/api/v2/notification_preferences', { notification_preferences: { in_app: { reply: false }, email: { assigned: false } } });
    expect(prefs.statusCode, prefs.body).toBe(200);
    expect(prefs.json<{ notification_preferences: object }>().notification_preferences).toEqual({ in_app: { assigned: true, reply: false, mention: true }, email: { assigned: false, reply: true, mention: true } });
    expect((await liu.client.put('/api/v2/notification_preferences', { notification_preferences: { in_app: { everything: false } } })).statusCode).toBe(422);

    const ticket = (await customer.client.post('/api/v2/requests', { request: { subject: '退款进度', comment: { body: '退款到哪了？' } } })).json<{ request: { id: number } }>().request.id;
    const before = (await bell(liu)).notifications.length;
    const since = await lastOutboxId();
    await wang.client.put(`/api/v2/tickets/${ticket}`, { ticket: { assignee_id: liu.id } });
    // Assigned: in the bell, but not mailed (the default assignment trigger skips Liu).
    expect((await bell(liu)).notifications[0]).toMatchObject({ kind: 'assigned', ticket_id: ticket });
    expect(await mailTo('liuyang@bell.example.com', since)).toEqual([]);
    // A customer reply: mailed by the default trigger, but not in Liu's bell.
    const since2 = await lastOutboxId();
    await customer.client.put(`/api/v2/requests/${ticket}`, { request: { comment: { body: '还没收到' } } });
    expect((await bell(liu)).notifications.length).toBe(before + 1);
    expect((await mailTo('liuyang@bell.example.com', since2)).length).toBe(1);
  });

  it('marks read one or all, and nobody can read or mark another agent’s', async () => {
    const liuBell = await bell(liu, '?unread=true');
    expect(liuBell.unread_count).toBeGreaterThan(1);
    const first = liuBell.notifications[0];
    expect((await wang.client.put(`/api/v2/notifications/${first?.id ?? 0}/read`)).statusCode).toBe(404);
    expect((await liu.client.put(`/api/v2/notifications/${first?.id ?? 0}/read`)).statusCode).toBe(204);
    expect((await bell(liu)).unread_count).toBe(liuBell.unread_count - 1);
    expect((await customer.client.get('/api/v2/notifications')).statusCode).toBe(403);
    expect((await liu.client.put('/api/v2/notifications/read_all')).statusCode).toBe(204);
    expect((await bell(liu, '?unread=true')).notifications).toEqual([]);
    const paged = await bell(liu, '?per_page=1');
    expect(paged.has_more).toBe(true);
    expect((await bell(liu, `?per_page=1&before_id=${paged.notifications[0]?.id ?? 0}`)).notifications[0]?.id).toBeLessThan(paged.notifications[0]?.id ?? 0);
  });

  it('tells only people who are staff now: a follower made an end user hears nothing of internal notes', async () => {
    const zhao = await createUser(desk, { name: '赵六', email: 'zhaoliu@bell.example.com', role: 'agent' });
    const ticket = (await customer.client.post('/api/v2/requests', { request: { subject: '内部备注测试', comment: { body: '你好' } } })).json<{ request: { id: number } }>().request.id;
    await wang.client.put(`/api/v2/tickets/${ticket}`, { ticket: { follower_ids: [zhao.id] } });
    expect((await desk.owner.put(`/api/v2/users/${zhao.id}`, { user: { role: 'end-user' } })).statusCode).toBe(200);
    await wang.client.put(`/api/v2/tickets/${ticket}`, { ticket: { comment: { body: '内部：客户是 VIP', public: false } } });
    const rows = await t.database.db.selectFrom('notifications').select('id').where('user_id', '=', zhao.id).execute();
    expect(rows).toEqual([]);
  });
});
