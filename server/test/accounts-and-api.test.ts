import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMigration } from '../src/db/migrate.js';
import { Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;

beforeAll(async () => {
  t = await createTestApp({ KEFU_SIGNUP: 'open' });
  desk = await createHelpdesk(t, 'first');
});
afterAll(async () => {
  await t.close();
});

const signUp = (client: Client, subdomain: string) =>
  client.post('/api/v2/accounts', {
    account: { name: `Desk ${subdomain}`, subdomain, locale: 'en', time_zone: 'Europe/Berlin' },
    owner: { name: 'Owner', email: `owner@${subdomain}.example.com`, password: 'a-long-password' },
  });

describe('helpdesk accounts', () => {
  it('signs up further helpdesks in their own locale, with unique subdomains, rate-limited per IP', async () => {
    const visitor = new Client(t.app, 'kefu.test');
    const res = await signUp(visitor, 'berlin');
    expect(res.statusCode).toBe(201);
    expect(res.json<{ url: string }>().url).toBe('http://berlin.kefu.test');
    const owner = new Client(t.app, 'berlin.kefu.test', { kind: 'basic', email: 'owner@berlin.example.com', password: 'a-long-password' });
    const groups = (await owner.get('/api/v2/groups')).json<{ groups: { name: string }[] }>().groups;
    expect(groups.map((g) => g.name)).toEqual(['Support']);
    expect((await signUp(visitor, 'berlin')).statusCode).toBe(422);
    expect((await signUp(visitor, 'www')).statusCode).toBe(422);
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) {
      status = (await signUp(visitor, `burst${i}`)).statusCode;
    }
    expect(status).toBe(429);
  });

  it('keeps sign-up closed unless the operator opens it', async () => {
    const closed = await createTestApp();
    try {
      await createHelpdesk(closed, 'only');
      const res = await signUp(new Client(closed.app, 'kefu.test'), 'another');
      expect(res.statusCode).toBe(403);
    } finally {
      await closed.close();
    }
  });

  it('shows branding to anyone and lets only settings managers change it, audited', async () => {
    const settings = await desk.anonymous.get('/api/v2/account/settings');
    expect(settings.json<{ settings: { name: string; locale: string } }>().settings).toMatchObject({ name: 'Helpdesk first', locale: 'zh-CN' });
    const agent = await createUser(desk, { name: '张伟', email: 'zw@example.com', role: 'agent' });
    expect((await agent.client.put('/api/v2/account/settings', { settings: { brand_color: '#ff0000' } })).statusCode).toBe(403);
    const bad = await desk.owner.put('/api/v2/account/settings', { settings: { brand_color: 'red', logo_url: 'javascript:alert(1)', time_zone: 'Nowhere' } });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json<{ details: object }>().details).sort()).toEqual(['settings.brand_color', 'settings.logo_url', 'settings.time_zone']);
    const ok = await desk.owner.put('/api/v2/account/settings', { settings: { name: '云帆客服', brand_color: '#1677ff' } });
    expect(ok.statusCode).toBe(200);
    const logs = (await desk.owner.get('/api/v2/audit_logs?filter[source_type]=account')).json<{ audit_logs: { changes: object }[] }>();
    expect(logs.audit_logs[0]?.changes).toEqual({ name: ['Helpdesk first', '云帆客服'], brand_color: [null, '#1677ff'] });
  });
});

describe('API surface', () => {
  it('publishes an OpenAPI document generated from the schemas, and a docs page', async () => {
    const res = await desk.anonymous.get('/api/v2/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v2/users', '/api/v2/users/{id}', '/api/v2/api_tokens', '/api/v2/audit_logs']));
    expect(JSON.stringify(doc.paths['/api/v2/users']?.['post']?.requestBody)).toContain('custom_role_id');
    const docs = await desk.anonymous.get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('reports health with the dialect and migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', dialect: t.database.dialect, migration: latestMigration });
  });

  it('answers 401 to the anonymous and 403 to the signed-in who lack the right', async () => {
    expect((await desk.anonymous.get('/api/v2/audit_logs')).statusCode).toBe(401);
    const customer = await createUser(desk, { name: '客户', email: 'customer@example.com', role: 'end-user' });
    expect((await customer.client.get('/api/v2/audit_logs')).statusCode).toBe(403);
    expect((await desk.anonymous.as({ kind: 'basic', email: 'x', password: '' }).get('/api/v2/users/me')).statusCode).toBe(401);
    expect((await desk.anonymous.request('GET', '/api/v2/users/me', undefined, { authorization: 'Digest abc' })).statusCode).toBe(401);
  });
});
