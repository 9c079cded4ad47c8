import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

/** API additions made for the channels and account settings (管理设置 › 渠道, 帐户). */
let t: TestApp;
let desk: Helpdesk;

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'admin-channels');
});
afterAll(async () => {
  await t.close();
});

type Settings = { settings: { allow_anonymous_requests: boolean; allow_portal_sign_up: boolean } };
const anonymousRequest = { request: { requester: { name: '何静', email: 'hejing@customer.example.com' }, subject: '发票没收到', comment: { body: '上周的订单发票没收到' } } };

describe('what the portal allows', () => {
  it('allows anonymous requests and sign-up by default, and says so publicly', async () => {
    const res = await desk.anonymous.get('/api/v2/account/settings');
    expect(res.json<Settings>().settings).toMatchObject({ allow_anonymous_requests: true, allow_portal_sign_up: true });
  });

  it('refuses anonymous requests with a 403 once they are turned off, and takes them again when on', async () => {
    const off = await desk.owner.put('/api/v2/account/settings', { settings: { allow_anonymous_requests: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<Settings>().settings.allow_anonymous_requests).toBe(false);
    expect((await desk.anonymous.get('/api/v2/account/settings')).json<Settings>().settings.allow_anonymous_requests).toBe(false);

    const refused = await desk.anonymous.post('/api/v2/requests', anonymousRequest);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ description: string }>().description).toMatch(/sign in/);
    expect((await desk.owner.get('/api/v2/users/search?query=hejing@customer.example.com')).json<{ users: unknown[] }>().users).toHaveLength(0);

    // A signed-in customer still submits.
    await createUser(desk, { name: '王芳', email: 'wangfang@customer.example.com', role: 'end-user', password: 'customer-password-1' });
    const signedIn = await desk.anonymous.as({ kind: 'basic', email: 'wangfang@customer.example.com', password: 'customer-password-1' }).post('/api/v2/requests', { request: { subject: '退货', comment: { body: '怎么退货？' } } });
    expect(signedIn.statusCode, signedIn.body).toBe(201);

    await desk.owner.put('/api/v2/account/settings', { settings: { allow_anonymous_requests: true } });
    expect((await desk.anonymous.post('/api/v2/requests', anonymousRequest)).statusCode).toBe(201);
  });

  it('refuses portal sign-up with a 403 once it is turned off', async () => {
    await desk.owner.put('/api/v2/account/settings', { settings: { allow_portal_sign_up: false } });
    const refused = await desk.anonymous.post('/api/v2/portal/registrations', { user: { name: '赵磊', email: 'zhaolei@customer.example.com' } });
    expect(refused.statusCode).toBe(403);
    await desk.owner.put('/api/v2/account/settings', { settings: { allow_portal_sign_up: true } });
    expect((await desk.anonymous.post('/api/v2/portal/registrations', { user: { name: '赵磊', email: 'zhaolei@customer.example.com' } })).statusCode).toBe(202);
  });

  it('audits the change and names a bad value', async () => {
    const bad = await desk.owner.put('/api/v2/account/settings', { settings: { allow_portal_sign_up: 'yes' } });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json<{ details: Record<string, unknown> }>().details)).toEqual(['settings.allow_portal_sign_up']);
    const logs = (await desk.owner.get('/api/v2/audit_logs?filter[source_type]=account')).json<{ audit_logs: { changes: Record<string, unknown> }[] }>();
    expect(logs.audit_logs.some((l) => 'allow_anonymous_requests' in l.changes)).toBe(true);
  });

  it('lets only those who manage settings change them', async () => {
    await createUser(desk, { name: '刘客服', email: 'liu.agent@example.com', role: 'agent', password: 'agent-password-1' });
    const agent = desk.anonymous.as({ kind: 'basic', email: 'liu.agent@example.com', password: 'agent-password-1' });
    expect((await agent.put('/api/v2/account/settings', { settings: { allow_anonymous_requests: false } })).statusCode).toBe(403);
  });
});
