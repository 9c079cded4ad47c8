import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/platform/clock.js';
import { AGENT_PASSWORD, basic, Client, createHelpdesk, createTestApp, createUser, type Helpdesk, OWNER_PASSWORD, type TestApp } from './support/app.js';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const cookieOf = (setCookie: string | string[] | undefined, name: string): string =>
  new RegExp(`${name}=([^;]*)`).exec([setCookie ?? []].flat().join('\n'))?.[1] ?? '';

describe('first-run setup', () => {
  it('creates the first helpdesk and its owner once, then refuses', async () => {
    const visitor = new Client(t.app, 'localhost:8080');
    expect((await visitor.get('/api/v2/setup')).json()).toEqual({ setup_required: true });
    expect((await visitor.get('/api/v2/users/me')).statusCode).toBe(503);

    const res = await visitor.post('/api/v2/setup.json', {
      account: { name: '云帆科技', subdomain: 'yunfan' },
      owner: { name: '陈建国', email: 'Owner@Yunfan.example.com', password: 'a-long-password' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ account: { locale: string; time_zone: string }; user: { role: string; owner: boolean; email: string } }>();
    expect(body.account).toMatchObject({ locale: 'zh-CN', time_zone: 'Asia/Shanghai' });
    expect(body.user).toMatchObject({ role: 'admin', owner: true, email: 'owner@yunfan.example.com' });
    const session = cookieOf(res.headers['set-cookie'], 'kefu_session');
    expect(String(res.headers['set-cookie'])).toMatch(/kefu_session=[^;]+;.*HttpOnly; SameSite=Lax/);
    expect(session).not.toBe('');

    expect((await visitor.get('/api/v2/setup')).json()).toEqual({ setup_required: false });
    const again = await visitor.post('/api/v2/setup', {
      account: { name: 'Other', subdomain: 'other' },
      owner: { name: 'Eve', email: 'eve@example.com', password: 'a-long-password' },
    });
    expect(again.statusCode).toBe(403);

    // The default account answers on any host; the new owner starts with roles and a default group.
    const owner = visitor.as(basic('owner@yunfan.example.com', 'a-long-password'));
    const me = await owner.get('/api/v2/users/me.json');
    expect(me.json<{ user: { name: string } }>().user.name).toBe('陈建国');
    const roles = (await owner.get('/api/v2/custom_roles')).json<{ custom_roles: { name: string }[] }>();
    expect(roles.custom_roles.map((r) => r.name)).toEqual(['客服', '客服组长', '轻量客服']);
    const groups = (await owner.get('/api/v2/groups')).json<{ groups: { name: string; default: boolean }[] }>();
    expect(groups.groups).toMatchObject([{ name: '客服组', default: true }]);
  });

  it('names every bad field and writes nothing', async () => {
    const visitor = new Client(t.app, 'localhost');
    const res = await visitor.post('/api/v2/setup', {
      account: { name: '', subdomain: '-bad-', extra: 1 },
      owner: { name: 'x', email: 'not-an-email', password: 'short' },
    });
    expect(res.statusCode).toBe(422);
    const details = res.json<{ error: string; details: Record<string, unknown> }>();
    expect(details.error).toBe('RecordInvalid');
    expect(Object.keys(details.details).sort()).toEqual(['account.extra', 'account.name', 'account.subdomain', 'owner.email', 'owner.password']);
    expect((await visitor.get('/api/v2/setup')).json()).toEqual({ setup_required: true });
  });

  it('answers malformed JSON with 400 and an unknown endpoint with 404', async () => {
    const visitor = new Client(t.app, 'localhost');
    const bad = await visitor.request('POST', '/api/v2/setup', '{"account":', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string }>().error).toBe('BadRequest');
    const missing = await visitor.get('/api/v2/no_such_thing.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'InvalidEndpoint' });
  });
});

describe('signing in', () => {
  let desk: Helpdesk;
  beforeEach(async () => {
    desk = await createHelpdesk(t, 'acme');
  });

  it('lets the owner invite an agent who then reads /users/me with email/token', async () => {
    const invited = await desk.owner.post('/api/v2/users', { user: { name: '王芳', email: 'wangfang@acme.example.com', role: 'agent' } });
    expect(invited.statusCode).toBe(201);
    expect(await t.deliverOutbox()).toBe(1);
    const mail = t.sent.at(-1);
    expect(mail?.to).toBe('wangfang@acme.example.com');
    expect(mail?.subject).toContain('邀请');
    const link = /https?:\/\/\S+\/password\/set\?token=(\S+)/.exec(mail?.text ?? '');
    expect(link?.[0]).toContain('acme.kefu.test');
    // In the helpdesk's layout, the link clickable in the HTML part.
    expect(mail?.html).toContain(`<a href="${link?.[0] ?? ''}">`);
    expect(mail?.text).toContain('客服中心');

    // The invitation link sets the password and signs the agent in.
    const done = await desk.anonymous.post('/api/v2/password_resets/complete', { token: link?.[1], password: 'wangfang-password' });
    expect(done.statusCode).toBe(200);
    const reused = await desk.anonymous.post('/api/v2/password_resets/complete', { token: link?.[1], password: 'another-password' });
    expect(reused.statusCode).toBe(422);

    const made = await desk.owner.post('/api/v2/api_tokens', { api_token: { description: '工单同步' } });
    expect(made.statusCode).toBe(201);
    const token = made.json<{ api_token: { id: number; token: string; token_last_four: string } }>().api_token;
    expect(token.token.slice(-4)).toBe(token.token_last_four);
    const listed = await desk.owner.get('/api/v2/api_tokens');
    expect(listed.body).not.toContain(token.token);

    const agent = desk.anonymous.as({ kind: 'token', email: 'wangfang@acme.example.com', token: token.token });
    const me = await agent.get('/api/v2/users/me.json');
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { name: string; role: string } }>().user).toMatchObject({ name: '王芳', role: 'agent' });

    // Revocation takes effect on the very next request.
    expect((await desk.owner.delete(`/api/v2/api_tokens/${token.id}`)).statusCode).toBe(204);
    expect((await agent.get('/api/v2/users/me.json')).statusCode).toBe(401);
  });

  it('accepts a bearer token as the admin who made it', async () => {
    const token = (await desk.owner.post('/api/v2/api_tokens', { api_token: {} })).json<{ api_token: { token: string } }>().api_token.token;
    const me = await desk.anonymous.as({ kind: 'bearer', token }).get('/api/v2/users/me');
    expect(me.json<{ user: { id: number } }>().user.id).toBe(desk.ownerId);
    expect((await desk.anonymous.as({ kind: 'bearer', token: `${token}x` }).get('/api/v2/users/me')).statusCode).toBe(401);
    // An address guessing tokens is locked out; a valid token from it still works.
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) {
      status = (await desk.anonymous.as({ kind: 'bearer', token: `guess-${i}` }).get('/api/v2/users/me')).statusCode;
    }
    expect(status).toBe(429);
    expect((await desk.anonymous.as({ kind: 'bearer', token }).get('/api/v2/users/me')).statusCode).toBe(200);
    t.clock.advance(16 * MINUTE);
    expect((await desk.anonymous.as({ kind: 'bearer', token: 'one-more-guess' }).get('/api/v2/users/me')).statusCode).toBe(401);
  });

  it('keeps a cookie session, demands the CSRF token on writes, and ends it on sign-out', async () => {
    const res = await desk.anonymous.post('/api/v2/sessions', { email: desk.ownerEmail.toUpperCase(), password: OWNER_PASSWORD });
    expect(res.statusCode).toBe(201);
    const cookie = cookieOf(res.headers['set-cookie'], 'kefu_session');
    const csrf = res.json<{ csrf_token: string }>().csrf_token;
    expect(cookieOf(res.headers['set-cookie'], 'kefu_csrf')).toBe(csrf);
    const session = desk.anonymous.as({ kind: 'session', cookie, csrf });

    expect((await session.get('/api/v2/users/me')).json<{ user: { id: number } }>().user.id).toBe(desk.ownerId);
    const noCsrf = await desk.anonymous.request('POST', '/api/v2/groups', { group: { name: 'x' } }, { cookie: `kefu_session=${cookie}` });
    expect(noCsrf.statusCode).toBe(403);
    const wrongCsrf = await desk.anonymous.as({ kind: 'session', cookie, csrf: 'forged' }).post('/api/v2/groups', { group: { name: 'x' } });
    expect(wrongCsrf.statusCode).toBe(403);
    expect((await session.post('/api/v2/groups', { group: { name: '售后' } })).statusCode).toBe(201);

    expect((await session.delete('/api/v2/sessions/current')).statusCode).toBe(204);
    expect((await session.get('/api/v2/users/me')).json<{ user: { id: number | null } }>().user.id).toBeNull();
    expect((await session.post('/api/v2/groups', { group: { name: 'y' } })).statusCode).toBe(401);
  });

  it('expires a session after two weeks without use', async () => {
    const res = await desk.anonymous.post('/api/v2/sessions', { email: desk.ownerEmail, password: OWNER_PASSWORD });
    const session = desk.anonymous.as({ kind: 'session', cookie: cookieOf(res.headers['set-cookie'], 'kefu_session'), csrf: '' });
    t.clock.advance(13 * 24 * 60 * MINUTE);
    expect((await session.get('/api/v2/users/me')).json<{ user: { id: number | null } }>().user.id).toBe(desk.ownerId);
    t.clock.advance(13 * 24 * 60 * MINUTE); // used a day ago, so the expiry slid forward
    expect((await session.get('/api/v2/users/me')).json<{ user: { id: number | null } }>().user.id).toBe(desk.ownerId);
    t.clock.advance(15 * 24 * 60 * MINUTE);
    expect((await session.get('/api/v2/users/me')).json<{ user: { id: number | null } }>().user.id).toBeNull();
  });

  it('locks an address after five wrong passwords, even against the right one, for 15 minutes', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await desk.anonymous.post('/api/v2/sessions', { email: desk.ownerEmail, password: `wrong-${i}` });
      expect(res.statusCode).toBe(401);
    }
    const locked = await desk.anonymous.post('/api/v2/sessions', { email: desk.ownerEmail, password: OWNER_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Basic email:password on the API is throttled by the same counter.
    expect((await desk.owner.get('/api/v2/users/me')).statusCode).toBe(429);
    t.clock.advance(16 * MINUTE);
    expect((await desk.anonymous.post('/api/v2/sessions', { email: desk.ownerEmail, password: OWNER_PASSWORD })).statusCode).toBe(201);
  });

  it('answers an unknown address like a wrong password', async () => {
    const unknown = await desk.anonymous.post('/api/v2/sessions', { email: 'nobody@acme.example.com', password: 'whatever-1' });
    const wrong = await desk.anonymous.post('/api/v2/sessions', { email: desk.ownerEmail, password: 'whatever-1' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
  });

  it('refuses a suspended user at once', async () => {
    const agent = await createUser(desk, { name: '李娜', email: 'lina@acme.example.com', role: 'agent' });
    expect((await agent.client.get('/api/v2/users/me')).statusCode).toBe(200);
    expect((await desk.owner.put(`/api/v2/users/${agent.id}`, { user: { suspended: true } })).statusCode).toBe(200);
    expect((await agent.client.get('/api/v2/users/me')).statusCode).toBe(401);
  });

  it('resets a forgotten password by emailed token, answering the same whether the address exists or not', async () => {
    await createUser(desk, { name: '周强', email: 'zhou@acme.example.com', role: 'end-user' });
    const known = await desk.anonymous.post('/api/v2/password_resets', { email: 'zhou@acme.example.com' });
    const unknown = await desk.anonymous.post('/api/v2/password_resets', { email: 'ghost@acme.example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(await t.deliverOutbox()).toBe(1);
    const token = /password\/reset\?token=(\S+)/.exec(t.sent[0]?.text ?? '')?.[1];
    expect(token).toBeTruthy();

    t.clock.advance(61 * MINUTE);
    const late = await desk.anonymous.post('/api/v2/password_resets/complete', { token, password: 'a-brand-new-password' });
    expect(late.statusCode).toBe(422);

    await desk.anonymous.post('/api/v2/password_resets', { email: 'zhou@acme.example.com' });
    await t.deliverOutbox();
    const fresh = /password\/reset\?token=(\S+)/.exec(t.sent[1]?.text ?? '')?.[1];
    const ok = await desk.anonymous.post('/api/v2/password_resets/complete', { token: fresh, password: 'a-brand-new-password' });
    expect(ok.statusCode).toBe(200);
    expect((await desk.anonymous.as(basic('zhou@acme.example.com', AGENT_PASSWORD)).get('/api/v2/users/me')).statusCode).toBe(401);
    expect((await desk.anonymous.as(basic('zhou@acme.example.com', 'a-brand-new-password')).get('/api/v2/users/me')).statusCode).toBe(200);
  });

  it('lets a user change their own password only with the previous one, and an admin set it', async () => {
    const agent = await createUser(desk, { name: '刘洋', email: 'liuyang@acme.example.com', role: 'agent' });
    const wrong = await agent.client.put(`/api/v2/users/${agent.id}/password`, { previous_password: 'nope-nope-nope', password: 'liuyang-new-pass' });
    expect(wrong.statusCode).toBe(422);
    const ok = await agent.client.put(`/api/v2/users/${agent.id}/password`, { previous_password: AGENT_PASSWORD, password: 'liuyang-new-pass' });
    expect(ok.statusCode).toBe(200);
    const changed = desk.anonymous.as(basic('liuyang@acme.example.com', 'liuyang-new-pass'));
    expect((await changed.get('/api/v2/users/me')).statusCode).toBe(200);
    expect((await changed.post(`/api/v2/users/${desk.ownerId}/password`, { password: 'hijacked-pass' })).statusCode).toBe(403);
    expect((await desk.owner.post(`/api/v2/users/${agent.id}/password`, { password: 'set-by-admin-1' })).statusCode).toBe(200);
    expect((await desk.anonymous.as(basic('liuyang@acme.example.com', 'set-by-admin-1')).get('/api/v2/users/me')).statusCode).toBe(200);
  });
});
