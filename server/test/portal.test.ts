import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let other: Helpdesk;

type Request = { id: number; status: string; requester_id: number; can_be_solved_by_me: boolean; via: { channel: string } };

beforeAll(async () => {
  t = await createTestApp({ KEFU_SIGNUP: 'open' });
  desk = await createHelpdesk(t, 'portal');
  other = await createHelpdesk(t, 'elsewhere', { firstRun: false });
});
afterAll(async () => {
  await t.close();
});

const linkIn = (text: string | undefined, path: string) => new RegExp(`${path}\\?token=(\\S+)`).exec(text ?? '')?.[1];

describe('customer portal', () => {
  it('takes an anonymous request: makes the end user, mails a link that verifies the address, and keeps nothing when refused', async () => {
    const sentBefore = t.sent.length;
    const bad = await desk.anonymous.post('/api/v2/requests', { request: { requester: { name: '何静', email: 'hejing@customer.example.com' }, subject: '', comment: { body: '发票没收到' } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ details: Record<string, unknown> }>().details).toHaveProperty('request.subject');
    const nobody = await desk.anonymous.post('/api/v2/requests', { request: { subject: '发票', comment: { body: '发票没收到' } } });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json<{ details: Record<string, unknown> }>().details).toHaveProperty('request.requester');
    await t.drainOutbox();
    expect(t.sent.length).toBe(sentBefore);
    expect((await desk.owner.get('/api/v2/users/search?query=hejing@customer.example.com')).json<{ users: unknown[] }>().users).toHaveLength(0);

    const made = await desk.anonymous.post('/api/v2/requests', { request: { requester: { name: '何静', email: 'HeJing@customer.example.com', locale: 'zh-CN' }, subject: '发票没收到', comment: { body: '上周的订单发票没收到' } } });
    expect(made.statusCode, made.body).toBe(201);
    const request = made.json<{ request: Request }>().request;
    expect(request.via.channel).toBe('web');
    // Into the default group, so it shows in the agents' "unassigned in my groups" queue.
    expect((await desk.owner.get(`/api/v2/tickets/${request.id}`)).json<{ ticket: { group_id: number | null } }>().ticket.group_id).toBe(
      (await desk.owner.get('/api/v2/groups')).json<{ groups: { id: number; default: boolean }[] }>().groups.find((g) => g.default)?.id,
    );
    const user = (await desk.owner.get(`/api/v2/users/${request.requester_id}`)).json<{ user: { email: string; role: string; verified: boolean } }>().user;
    expect(user).toMatchObject({ email: 'hejing@customer.example.com', role: 'end-user', verified: false });

    await t.drainOutbox();
    const welcome = t.sent.slice(sentBefore).find((m) => m.to === 'hejing@customer.example.com' && linkIn(m.text, 'password/set'));
    expect(welcome, 'a welcome mail with a set-password link').toBeTruthy();
    const done = await desk.anonymous.post('/api/v2/password_resets/complete', { token: linkIn(welcome?.text, 'password/set'), password: 'hejing-password-1' });
    expect(done.statusCode).toBe(200);
    const hejing = desk.anonymous.as(basic('hejing@customer.example.com', 'hejing-password-1'));
    expect((await hejing.get('/api/v2/users/me')).json<{ user: { verified: boolean } }>().user.verified).toBe(true);
    expect((await hejing.get('/api/v2/requests')).json<{ requests: Request[] }>().requests.map((r) => r.id)).toEqual([request.id]);

    // A second anonymous request with the same address joins that user; no second welcome.
    const again = await desk.anonymous.post('/api/v2/requests', { request: { requester: { name: '何静', email: 'hejing@customer.example.com' }, subject: '还有一个问题', comment: { body: '再问一下' } } });
    expect(again.json<{ request: Request }>().request.requester_id).toBe(request.requester_id);
  });

  it('never lets the anonymous form post as staff, attach files, or run unthrottled', async () => {
    const staff = await desk.anonymous.post('/api/v2/requests', { request: { requester: { name: 'x', email: desk.ownerEmail }, subject: '冒充', comment: { body: '我是管理员' } } });
    expect(staff.statusCode).toBe(422);
    expect(staff.json<{ details: Record<string, unknown> }>().details).toHaveProperty('request.requester.email');
    const files = await desk.anonymous.post('/api/v2/requests', { request: { requester: { name: '钱多', email: 'qian@customer.example.com' }, subject: '附件', comment: { body: '见附件', uploads: ['abcdefghijklmnop'] } } });
    expect(files.json<{ details: Record<string, unknown> }>().details).toHaveProperty('request.comment.uploads');
    const signedIn = await createUser(desk, { name: '孙丽', email: 'sunli@customer.example.com', role: 'end-user' });
    const mixed = await signedIn.client.post('/api/v2/requests', { request: { requester: { name: 'x', email: 'x@customer.example.com' }, subject: '代提', comment: { body: 'x' } } });
    expect(mixed.statusCode).toBe(422);

    const crowd = other.anonymous;
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      codes.push((await crowd.post('/api/v2/requests', { request: { requester: { name: `客户${i}`, email: `c${i}@flood.example.com` }, subject: `第${i}个`, comment: { body: '刷单' } } })).statusCode);
    }
    expect(codes.filter((c) => c === 201).length).toBe(20);
    expect(codes.at(-1)).toBe(429);
  });

  it('signs up end users without telling who already has an account', async () => {
    const sentBefore = t.sent.length;
    const fresh = await desk.anonymous.post('/api/v2/portal/registrations', { user: { name: '郑爽', email: 'zhengshuang@customer.example.com' } });
    const known = await desk.anonymous.post('/api/v2/portal/registrations', { user: { name: '孙丽', email: 'sunli@customer.example.com' } });
    expect(fresh.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(fresh.body).toBe(known.body);
    const bad = await desk.anonymous.post('/api/v2/portal/registrations', { user: { name: '', email: 'not-an-address' } });
    expect(bad.statusCode).toBe(422);
    await t.drainOutbox();
    const mails = t.sent.slice(sentBefore);
    expect(linkIn(mails.find((m) => m.to === 'zhengshuang@customer.example.com')?.text, 'password/set')).toBeTruthy();
    expect(linkIn(mails.find((m) => m.to === 'sunli@customer.example.com')?.text, 'password/reset')).toBeTruthy();
    const user = (await desk.owner.get('/api/v2/users/search?query=zhengshuang@customer.example.com')).json<{ users: { role: string }[] }>().users;
    expect(user.map((u) => u.role)).toEqual(['end-user']);
  });

  it('lets the requester, and nobody else, mark an assigned request solved, and names who answered', async () => {
    const customer = await createUser(desk, { name: '林峰', email: 'linfeng@customer.example.com', role: 'end-user' });
    const stranger = await createUser(desk, { name: '路人', email: 'luren@customer.example.com', role: 'end-user' });
    const agent = await createUser(desk, { name: '王芳', email: 'wangfang@portal.example.com', role: 'agent' });
    const id = (await customer.client.post('/api/v2/requests', { request: { subject: '快递没到', comment: { body: '单号 SF123' } } })).json<{ request: Request }>().request.id;
    expect((await customer.client.get(`/api/v2/requests/${id}`)).json<{ request: Request }>().request.can_be_solved_by_me).toBe(false);
    expect((await customer.client.put(`/api/v2/requests/${id}`, { request: { solved: true } })).statusCode).toBe(403);

    await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { assignee_id: agent.id, status: 'pending', comment: { body: '已催促快递，明天送达' } } });
    expect((await customer.client.get(`/api/v2/requests/${id}`)).json<{ request: Request }>().request.can_be_solved_by_me).toBe(true);
    expect((await stranger.client.put(`/api/v2/requests/${id}`, { request: { solved: true } })).statusCode).toBe(404);
    const comments = (await customer.client.get(`/api/v2/requests/${id}/comments`)).json<{ comments: { author_id: number }[]; users: { id: number; name: string; agent: boolean }[] }>();
    expect(comments.users).toEqual(expect.arrayContaining([{ id: agent.id, name: '王芳', agent: true }, { id: customer.id, name: '林峰', agent: false }]));
    expect((await customer.client.put(`/api/v2/requests/${id}`, { request: {} })).statusCode).toBe(422);

    const solved = await customer.client.put(`/api/v2/requests/${id}`, { request: { solved: true } });
    expect(solved.statusCode, solved.body).toBe(200);
    expect(solved.json<{ request: Request }>().request).toMatchObject({ status: 'solved', can_be_solved_by_me: false });
    // Replying afterwards reopens it, as any requester reply to a solved ticket does.
    const reply = await customer.client.put(`/api/v2/requests/${id}`, { request: { comment: { body: '又没到，还在路上' } } });
    expect(reply.json<{ request: Request }>().request.status).toBe('open');
  });
});

describe('portal request lists', () => {
  it('splits my requests from my organization’s shared ones', async () => {
    const org = (await desk.owner.post('/api/v2/organizations', { organization: { name: '星河贸易', domain_names: ['xinghe.example.com'], shared_tickets: true } })).json<{ organization: { id: number } }>().organization.id;
    const a = await createUser(desk, { name: '赵敏', email: 'zhaomin@xinghe.example.com', role: 'end-user', organization_id: org });
    const b = await createUser(desk, { name: '周芷', email: 'zhouzhi@xinghe.example.com', role: 'end-user', organization_id: org });
    const mine = (await a.client.post('/api/v2/requests', { request: { subject: '合同续签', comment: { body: '请发合同' } } })).json<{ request: Request }>().request.id;
    const theirs = (await b.client.post('/api/v2/requests', { request: { subject: '发票抬头', comment: { body: '改抬头' } } })).json<{ request: Request }>().request.id;
    const ids = async (scope: string) => (await a.client.get(`/api/v2/requests${scope}`)).json<{ requests: Request[] }>().requests.map((r) => r.id);
    expect(await ids('?scope=mine')).toEqual([mine]);
    expect(await ids('?scope=organization')).toEqual([theirs]);
    expect((await ids('')).sort()).toEqual([mine, theirs].sort());
    expect((await a.client.get('/api/v2/requests?scope=all')).statusCode).toBe(422);

    // The agent's side: the same tickets by person and by organization; customers may not ask.
    const byPerson = (await desk.owner.get(`/api/v2/users/${a.id}/tickets/requested`)).json<{ tickets: { id: number }[]; count: number }>();
    expect(byPerson.tickets.map((x) => x.id)).toEqual([mine]);
    const byOrg = (await desk.owner.get(`/api/v2/organizations/${org}/tickets`)).json<{ tickets: { id: number }[] }>().tickets.map((x) => x.id);
    expect(byOrg.sort()).toEqual([mine, theirs].sort());
    expect((await a.client.get(`/api/v2/organizations/${org}/tickets`)).statusCode).toBe(403);
    expect((await other.owner.get(`/api/v2/organizations/${org}/tickets`)).statusCode).toBe(404);
    expect((await other.owner.get(`/api/v2/users/${a.id}/tickets/requested`)).statusCode).toBe(404);
  });
});
