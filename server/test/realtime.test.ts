import { type AddressInfo, connect } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD, type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let alice: { id: number; client: Client };
let bob: { id: number; client: Client };
let port: number;

type Message = { type: string; seq: number; ticket?: { id: number }; comment?: { public: boolean } | null };

/** A socket signed in as `email`, collecting what it hears. */
async function listen(email: string, since?: number): Promise<{ ws: WebSocket; messages: Message[] }> {
  const messages: Message[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v2/realtime${since === undefined ? '' : `?since=${since}`}`, {
    headers: { host: desk.host, authorization: `Basic ${Buffer.from(`${email}:${AGENT_PASSWORD}`).toString('base64')}` },
  });
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Message));
  await waitFor(() => messages.some((m) => m.type === 'hello'));
  return { ws, messages };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(check()).toBe(true);
}

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'live');
  agent = await createUser(desk, { name: '王芳', email: 'wang@live.example.com', role: 'agent' });
  alice = await createUser(desk, { name: '孙丽', email: 'alice@live.example.com', role: 'end-user' });
  bob = await createUser(desk, { name: '周强', email: 'bob@live.example.com', role: 'end-user' });
  // A real socket on a real port: the browser's path.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t.close();
});

describe('live events', () => {
  it('tells each socket about the changes its user may see, after commit, numbered', async () => {
    const a = await listen('wang@live.example.com');
    const c = await listen('alice@live.example.com');
    const other = await listen('bob@live.example.com');

    const ticket = (await alice.client.post('/api/v2/requests', { request: { subject: '直播', comment: { body: '你好' } } })).json<{ request: { id: number } }>().request.id;
    await agent.client.put(`/api/v2/tickets/${ticket}`, { ticket: { comment: { body: '内部', public: false } } });
    await agent.client.put(`/api/v2/tickets/${ticket}`, { ticket: { comment: { body: '您好' } } });
    // Nothing is published before the outbox delivers, i.e. after commit.
    expect(a.messages.filter((m) => m.type !== 'hello')).toEqual([]);
    await t.drainOutbox();

    await waitFor(() => a.messages.filter((m) => m.ticket?.id === ticket).length === 3);
    const agentSeqs = a.messages.filter((m) => m.type !== 'hello').map((m) => m.seq);
    expect(agentSeqs).toEqual([...agentSeqs].sort((x, y) => x - y));
    expect(a.messages.filter((m) => m.type !== 'hello').map((m) => m.type)).toEqual(['ticket.created', 'ticket.updated', 'ticket.updated']);
    await waitFor(() => c.messages.filter((m) => m.ticket?.id === ticket).length === 2);
    // The requester never hears of the internal note; another customer hears nothing.
    expect(c.messages.filter((m) => m.comment?.public === false)).toEqual([]);
    expect(other.messages.filter((m) => m.type !== 'hello')).toEqual([]);
    for (const s of [a, c, other]) {
      s.ws.terminate();
    }
  });

  it('replays what a reconnecting socket missed, and asks it to resync when that is too old', async () => {
    const first = await listen('wang@live.example.com');
    const seen = first.messages.find((m) => m.type === 'hello')?.seq ?? 0;
    first.ws.terminate();
    const id = (await agent.client.post('/api/v2/tickets', { ticket: { subject: '断线期间', comment: { body: 'x' }, requester_id: bob.id } })).json<{ ticket: { id: number } }>().ticket.id;
    await t.drainOutbox();
    const again = await listen('wang@live.example.com', seen);
    expect(again.messages.filter((m) => m.type === 'ticket.created').map((m) => m.ticket?.id)).toEqual([id]);
    again.ws.terminate();

    await t.database.db.deleteFrom('realtime_events').where('seq', '<=', seen + 1).execute();
    const stale = await listen('wang@live.example.com', seen);
    expect(stale.messages[0]?.type).toBe('resync');
    stale.ws.terminate();
  });

  it('refuses anonymous and cross-site sockets', async () => {
    const anonymous = new WebSocket(`ws://127.0.0.1:${port}/api/v2/realtime`, { headers: { host: desk.host } });
    const status = await new Promise<number>((resolve) => anonymous.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    const cross = new WebSocket(`ws://127.0.0.1:${port}/api/v2/realtime`, {
      headers: { host: desk.host, origin: 'https://evil.example.com', authorization: `Basic ${Buffer.from(`wang@live.example.com:${AGENT_PASSWORD}`).toString('base64')}` },
    });
    const code = await new Promise<number>((resolve) => cross.on('close', (c) => resolve(c)));
    expect(code).toBe(1008);
  });
});

const redisUrl = process.env.KEFU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port: redisPort } = new URL(redisUrl);
  const probe = connect({ host: hostname, port: Number(redisPort || 6379) }, () => {
    probe.end();
    resolve(true);
  });
  probe.on('error', () => resolve(false));
});
// CI (KEFU_REQUIRE_POSTGRES) has Redis too, so there an absent Redis fails instead of skipping.
if (!redisUp && !process.env.KEFU_REQUIRE_POSTGRES) {
  console.warn(`Skipping the Redis bus test: nothing listens at ${redisUrl}`);
}

describe.skipIf(!redisUp && !process.env.KEFU_REQUIRE_POSTGRES)('Redis bus', () => {
  it('carries an event from one process to another', async () => {
    const url = redisUrl;
    const { RedisBus } = await import('../src/platform/realtime/bus.js');
    const { pino } = await import('pino');
    const log = pino({ level: 'silent' });
    const one = new RedisBus(url, log);
    const two = new RedisBus(url, log);
    try {
      const heard: number[] = [];
      two.subscribe(424242, (e) => heard.push(e.seq));
      // Let the subscription reach Redis before publishing.
      await new Promise((r) => setTimeout(r, 200));
      await one.publish({ accountId: 424242, seq: 7, type: 'ticket.updated', audience: {}, data: {} });
      await one.publish({ accountId: 999999, seq: 8, type: 'ticket.updated', audience: {}, data: {} });
      await waitFor(() => heard.length > 0);
      expect(heard).toEqual([7]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe('presence (collision detection)', () => {
  type Presence = { type: 'presence'; ticket_id: number; user: { id: number; name: string }; state: string };
  const heard = (m: Message[]) => m.filter((x) => x.type === 'presence') as unknown as Presence[];

  it('tells the agents who may see a ticket who is viewing or typing on it, and when they leave; nobody else', async () => {
    const role = (await desk.owner.post('/api/v2/custom_roles', { custom_role: { name: '组内', configuration: { ticket_access: 'within-groups' } } })).json<{ custom_role: { id: number } }>().custom_role.id;
    const elsewhere = (await desk.owner.post('/api/v2/groups', { group: { name: '别的组' } })).json<{ group: { id: number } }>().group.id;
    await createUser(desk, { name: '李雷', email: 'lilei@live.example.com', role: 'agent', custom_role_id: role, group_ids: [elsewhere] });
    await createUser(desk, { name: '韩梅', email: 'hanmei@live.example.com', role: 'agent' });
    const ticket = (await alice.client.post('/api/v2/requests', { request: { subject: '撞车', comment: { body: '两人同时处理' } } })).json<{ request: { id: number } }>().request.id;

    const wang = await listen('wang@live.example.com');
    const han = await listen('hanmei@live.example.com');
    const restricted = await listen('lilei@live.example.com');
    const customer = await listen('alice@live.example.com');

    wang.ws.send(JSON.stringify({ type: 'presence', ticket_id: ticket }));
    await waitFor(() => heard(han.messages).length === 1);
    expect(heard(han.messages)[0]).toMatchObject({ ticket_id: ticket, user: { id: agent.id, name: '王芳' }, state: 'viewing' });
    wang.ws.send(JSON.stringify({ type: 'presence', ticket_id: ticket, typing: true }));
    await waitFor(() => heard(han.messages).at(-1)?.state === 'typing');

    // Restricted to another group, or a customer: hears nothing, and cannot announce either.
    restricted.ws.send(JSON.stringify({ type: 'presence', ticket_id: ticket }));
    customer.ws.send(JSON.stringify({ type: 'presence', ticket_id: ticket }));
    customer.ws.send('not json');
    customer.ws.send(JSON.stringify({ type: 'presence', ticket_id: 'x' }));
    wang.ws.terminate();
    await waitFor(() => heard(han.messages).at(-1)?.state === 'left');
    expect(heard(han.messages).map((p) => p.user.name)).toEqual(['王芳', '王芳', '王芳']);
    expect(heard(restricted.messages)).toEqual([]);
    expect(heard(customer.messages)).toEqual([]);
    // The one who speaks is not told about themselves; presence is never numbered or replayed.
    expect(heard(wang.messages)).toEqual([]);
    const back = await listen('hanmei@live.example.com', 0);
    expect(heard(back.messages)).toEqual([]);
    for (const s of [han, restricted, customer, back]) {
      s.ws.terminate();
    }
  });
});
