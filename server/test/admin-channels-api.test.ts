import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawMailStorage, receiveForAddress } from '../src/modules/email/receive.js';
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

    // Nor does an anonymous request open an account by the back door: no set-password mail.
    await t.drainOutbox();
    const sentBefore = t.sent.length;
    const request = { request: { requester: { name: '孙悦', email: 'sunyue@customer.example.com' }, subject: '咨询', comment: { body: '你们周末上班吗？' } } };
    expect((await desk.anonymous.post('/api/v2/requests', request)).statusCode).toBe(201);
    await t.drainOutbox();
    expect(t.sent.slice(sentBefore).filter((m) => m.to === 'sunyue@customer.example.com' && m.text.includes('password/set'))).toEqual([]);

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

describe('the suspended queue', () => {
  it('shows a held message with what it says and why (as a code the console translates), then recovers it into a ticket', async () => {
    const address = await desk.owner.post('/api/v2/recipient_addresses', { recipient_address: { email: 'help@admin-channels.test', name: '云帆客服' } });
    expect(address.statusCode, address.body).toBe(201);
    const raw = Buffer.from(
      [
        'From: "假期自动回复" <ooo@customer.example.com>',
        'To: help@admin-channels.test',
        'Subject: =?UTF-8?B?' + Buffer.from('自动回复：我在休假').toString('base64') + '?=',
        'Message-ID: <held-1@customer.example.com>',
        'Auto-Submitted: auto-replied',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '我正在休假，10月8日回来。',
      ].join('\r\n'),
    );
    await receiveForAddress({ db: t.database.db, clock: t.clock, blobs: rawMailStorage(t.config) }, { raw, accountId: desk.accountId, addressId: address.json<{ recipient_address: { id: number } }>().recipient_address.id, mailFrom: 'ooo@customer.example.com' });
    await t.drainOutbox();

    type Held = { id: number; subject: string; cause_code: string; author: { email: string; name?: string }; content?: string };
    const list = (await desk.owner.get('/api/v2/suspended_tickets')).json<{ suspended_tickets: Held[] }>().suspended_tickets;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ subject: '自动回复：我在休假', cause_code: 'automatic', author: { email: 'ooo@customer.example.com' } });
    const id = list[0]?.id ?? 0;

    const one = (await desk.owner.get(`/api/v2/suspended_tickets/${id}`)).json<{ suspended_ticket: Held }>().suspended_ticket;
    expect(one.content).toContain('10月8日回来');
    expect(one.author.name).toBe('假期自动回复');

    expect((await desk.owner.put(`/api/v2/suspended_tickets/${id}/recover`)).statusCode).toBe(200);
    await t.drainOutbox();
    expect((await desk.owner.get(`/api/v2/suspended_tickets/${id}`)).statusCode).toBe(404);
    const tickets = (await desk.owner.get('/api/v2/tickets')).json<{ tickets: { subject: string }[] }>().tickets;
    expect(tickets.map((x) => x.subject)).toContain('自动回复：我在休假');
  });

  it('answers 404 for a message that is not held', async () => {
    expect((await desk.owner.get('/api/v2/suspended_tickets/999999')).statusCode).toBe(404);
  });
});

describe('mail layout preview', () => {
  it('renders an unsaved layout around a sample message, escaping values, and names a bad template at its field', async () => {
    const res = await desk.owner.post('/api/v2/mail_template/preview', { mail_template: { html: '<h1>{{ account.name }}</h1>{% if account.logo_url %}logo{% endif %}{{content}}', text: '{{content}}\n-- {{ account.name }}' } });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{ preview: { html: string; text: string } }>().preview;
    expect(preview.html).toMatch(/^<h1>Helpdesk admin-channels<\/h1>/);
    expect(preview.html).toContain('#1024');
    expect(preview.html).not.toContain('logo');
    expect(preview.text).toContain('#1024');

    const bad = await desk.owner.post('/api/v2/mail_template/preview', { mail_template: { html: '<p>no place for the message</p>', text: '{{content}} {% if %}' } });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json<{ details: Record<string, unknown> }>().details).sort()).toEqual(['mail_template.html', 'mail_template.text']);

    // Liquid would read templates from the server's disk: the secret key, the database.
    const sneaky = await desk.owner.post('/api/v2/mail_template/preview', { mail_template: { html: "{% include 'package.json' %}{{content}}", text: "{%- render 'package.json' -%}{{content}}" } });
    expect(sneaky.statusCode).toBe(422);
    expect(sneaky.body).not.toContain('"version"');
    expect(Object.keys(sneaky.json<{ details: Record<string, unknown> }>().details).sort()).toEqual(['mail_template.html', 'mail_template.text']);
  });
});

describe('audit log date range', () => {
  it('keeps entries within the two times given, and names a bad range', async () => {
    const now = t.clock.now();
    const inside = (await desk.owner.get(`/api/v2/audit_logs?filter[created_at][]=${new Date(now - 60_000).toISOString()}&filter[created_at][]=${new Date(now + 60_000).toISOString()}`)).json<{ audit_logs: unknown[] }>();
    expect(inside.audit_logs.length).toBeGreaterThan(0);
    const before = (await desk.owner.get(`/api/v2/audit_logs?filter[created_at][]=2000-01-01T00:00:00Z&filter[created_at][]=2000-01-02T00:00:00Z`)).json<{ audit_logs: unknown[] }>();
    expect(before.audit_logs).toHaveLength(0);
    const bad = await desk.owner.get('/api/v2/audit_logs?filter[created_at][]=yesterday');
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json<{ details: Record<string, unknown> }>().details)).toEqual(['filter[created_at][]']);
  });
});
