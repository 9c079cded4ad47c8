import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { basic, Client, createTestApp, type TestApp } from './support/app.js';

const root = path.resolve(import.meta.dirname, '../..');
let t: TestApp;

function kefu(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: t.database.dataDir,
      SECRET_KEY: t.config.secretKey,
      LOG_LEVEL: 'silent',
      ...(t.database.databaseUrl ? { DATABASE_URL: t.database.databaseUrl } : {}),
      ...env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('kefu CLI', () => {
  it('creates an account with its owner, naming each bad flag first', () => {
    const bad = kefu(['account', 'create', '--name', '', '--subdomain', 'Not Valid', '--owner-email', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--name');
    expect(bad.stderr).toContain('--subdomain');
    expect(bad.stderr).toContain('--owner-email');
    expect(bad.stderr).toContain('--owner-name');

    const ok = kefu(['account', 'create', '--name', '明德贸易', '--subdomain', 'mingde', '--owner-name', '吴静', '--owner-email', 'wujing@mingde.example.com']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const password = /shown once\): (\S+)/.exec(ok.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThan(10);

    const again = kefu(['account', 'create', '--name', 'x', '--subdomain', 'mingde', '--owner-name', 'x', '--owner-email', 'x@example.com']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('account.subdomain: is already taken');
  });

  it('seeds a Chinese demo helpdesk whose agents can sign in', async () => {
    const res = kefu(['seed', '--demo']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const password = /with password: (\S+)/.exec(res.stdout)?.[1] ?? '';
    const agent = new Client(t.app, 'demo.kefu.test', basic('zhangwei@demo.kefu.test', password));
    const me = await agent.get('/api/v2/users/me');
    expect(me.json<{ user: { name: string } }>().user.name).toBe('张伟');
    const orgs = (await agent.get('/api/v2/organizations')).json<{ organizations: { name: string }[] }>().organizations;
    expect(orgs.map((o) => o.name)).toContain('北京华信科技有限公司');
    const customers = (await agent.get('/api/v2/users?role=end-user')).json<{ users: { organization_id: number | null }[] }>().users;
    expect(customers.filter((c) => c.organization_id !== null).length).toBeGreaterThanOrEqual(8);
    const tickets = (await agent.get('/api/v2/tickets')).json<{ tickets: { subject: string; status: string }[] }>().tickets;
    expect(tickets.length).toBeGreaterThanOrEqual(8);
    expect(tickets.find((x) => x.subject === '申请退款：重复扣费')?.status).toBe('pending');
    const found = (await agent.get(`/api/v2/search?query=${encodeURIComponent('发票')}`)).json<{ count: number }>();
    expect(found.count).toBeGreaterThanOrEqual(2);
    expect(kefu(['seed', '--demo']).status).toBe(2);
  });

  it('explains unknown commands and bad configuration', () => {
    const unknown = kefu(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badEnv = kefu(['migrate'], { PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toContain('PORT');
    expect(badEnv.stderr).toContain('DATABASE_URL');
    expect(kefu(['migrate']).stdout).toMatch(/latest version/);
  });
});

describe('configuration', () => {
  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '99999', LOG_LEVEL: 'loud', KEFU_SIGNUP: 'maybe', SECRET_KEY: 'short', DATA_DIR: t.database.dataDir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'LOG_LEVEL', 'KEFU_SIGNUP', 'SECRET_KEY']) {
      expect((error as Error).message).toContain(name);
    }
  });

  it('defaults to port 8080, ./data and a generated secret kept in the data folder', () => {
    const config = loadConfig({ DATA_DIR: path.join(t.database.dataDir, 'fresh') });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeNull();
    expect(config.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: path.join(t.database.dataDir, 'fresh') }).secretKey).toBe(config.secretKey);
  });
});
