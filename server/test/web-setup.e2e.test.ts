import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { outboxHandlers } from '../src/outbox-handlers.js';
import { systemClock } from '../src/platform/clock.js';
import { OutboxDispatcher } from '../src/platform/outbox/dispatcher.js';
import { InProcessBus } from '../src/platform/realtime/bus.js';
import { freshDatabase, type TestDatabase } from './support/database.js';

/**
 * The first run in a real browser: the web app sends a visitor to /setup, creates the
 * helpdesk and owner through the API, signs out and back in, and invites an agent.
 */
const root = path.resolve(import.meta.dirname, '../..');
const webDist = path.join(root, 'web/dist');
const chromiumPath = '/usr/bin/chromium';
// Screenshots to look at after a run (git-ignored).
const shots = path.join(root, 'test-results');
mkdirSync(shots, { recursive: true });
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
}

let database: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let dispatcher: OutboxDispatcher;
let base: string;

beforeAll(async () => {
  if (!haveChromium) {
    return;
  }
  if (!existsSync(path.join(webDist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: root, stdio: 'ignore' });
  }
  database = await freshDatabase();
  const config = loadConfig({ DATA_DIR: database.dataDir, SECRET_KEY: 'browser-test-secret-key-0123456789abcdef', LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const bus = new InProcessBus();
  app = await buildApp({ config, database, clock: systemClock, log, webDist, bus });
  // As `kefu serve` does: the outbox delivers mail and live events after each commit.
  dispatcher = new OutboxDispatcher({
    db: database.db,
    clock: systemClock,
    log,
    pollMs: 50,
    handlers: outboxHandlers({ db: database.db, clock: systemClock, log, config, bus, mail: { send: async () => undefined, close: () => undefined } }),
  });
  dispatcher.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  if (!haveChromium) {
    return;
  }
  await browser.close();
  await dispatcher.stop();
  await app.close();
  await database.cleanup();
});

/** Waits (up to 10 s) for something the page updates by itself, such as a live count. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await check()).toBe(true);
}

async function field(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

/** A fresh Chinese browser window with the owner signed in on the home page. */
async function ownerSignedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/signin`);
  await field(page, '邮箱', 'owner@yunfan.example.com');
  await field(page, '密码', 'a-long-password');
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
  await page.getByText('欢迎，陈建国').waitFor();
  return { context, page };
}

describe.skipIf(!haveChromium)('first run in the browser', () => {
  it('sets up the helpdesk, signs out and in, and invites an agent, in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') {
        consoleErrors.push(m.text());
      }
    });
    await page.goto(`${base}/`);
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: '创建你的帮助台' }).waitFor();

    // The server's field errors land on the form's fields.
    await field(page, '帮助台名称', '云帆科技客服中心');
    await field(page, '子域名', 'yunfan');
    await field(page, '姓名', '陈建国');
    await field(page, '邮箱', 'owner@yunfan.example.com');
    await field(page, '密码', 'a-long-password');
    await field(page, '确认密码', 'a-long-password');
    await page.getByRole('button', { name: '创建帮助台' }).click();
    await page.getByText('欢迎，陈建国').waitFor();
    expect(page.url()).toBe(`${base}/`);

    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'kefu_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // Sign out, then a wrong password, then the right one.
    await page.getByTestId('user-menu').hover();
    await page.getByText('退出登录').click();
    await page.waitForURL('**/signin');
    await field(page, '邮箱', 'owner@yunfan.example.com');
    await field(page, '密码', 'wrong-password');
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await page.getByText('邮箱或密码不正确').waitFor();
    await field(page, '密码', 'a-long-password');
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await page.getByText('欢迎，陈建国').waitFor();

    // Invite an agent: the cookie session's write carries the CSRF token.
    await page.getByRole('link', { name: '邀请客服同事' }).click();
    await page.getByRole('button', { name: '邀请客服' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('王芳');
    await dialog.getByLabel('邮箱').fill('wangfang@yunfan.example.com');
    await dialog.getByRole('button', { name: '发送邀请' }).click();
    await page.getByText('已发送邀请给 wangfang@yunfan.example.com').waitFor();
    await page.getByRole('cell', { name: '王芳' }).waitFor();
    // The browser logs the refused wrong password (401) itself; nothing else may fail.
    expect(consoleErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await context.close();
  });

  it('shows the queue live and lets the agent answer a new request', async () => {
    const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
    const call = async (method: string, url: string, body: unknown, auth = owner) => {
      const res = await fetch(`${base}${url}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, `${method} ${url}`).toBeLessThan(300);
      return (await res.json()) as Record<string, { id: number }>;
    };
    await call('POST', '/api/v2/users', { user: { name: '孙丽', email: 'sunli@customer.example.com', password: 'customer-pass-1' } });

    const { context, page } = await ownerSignedIn();
    await page.getByRole('menuitem', { name: '工单' }).click();
    const unsolved = page.getByRole('menuitem', { name: /所有未解决的工单/ });
    await unsolved.click();
    await eventually(async () => (await unsolved.textContent())?.endsWith('0') === true);

    // A customer writes in; the open queue updates without a reload.
    const customer = `Basic ${Buffer.from('sunli@customer.example.com:customer-pass-1').toString('base64')}`;
    const made = await call('POST', '/api/v2/requests', { request: { subject: '申请退款', comment: { body: '订单重复扣费，请帮忙退款。' } } }, customer);
    const id = made['request']?.id ?? 0;
    await page.getByRole('cell', { name: `#${id} 申请退款` }).waitFor();
    await eventually(async () => (await unsolved.textContent())?.endsWith('1') === true);
    await page.screenshot({ path: path.join(shots, 'console.png') });

    // Open it, reply publicly, and submit as pending.
    await page.getByRole('cell', { name: `#${id} 申请退款` }).click();
    await page.getByText('订单重复扣费，请帮忙退款。').waitFor();
    await page.getByRole('textbox', { name: '公开回复' }).fill('您好，已为您提交退款。');
    await page.locator('.ant-dropdown-trigger').last().click();
    await page.getByText('提交为待回复').click();
    await page.getByText('已保存').waitFor();
    await page.getByText('您好，已为您提交退款。').waitFor();
    await page.screenshot({ path: path.join(shots, 'ticket.png') });
    const after = await fetch(`${base}/api/v2/tickets/${id}`, { headers: { authorization: owner } });
    expect(((await after.json()) as { ticket: { status: string } }).ticket.status).toBe('pending');
    await context.close();
  });

  it('rings the agent’s bell live when a colleague assigns them a ticket and mentions them', async () => {
    const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
    const call = async (method: string, url: string, body: unknown, auth = owner) => {
      const res = await fetch(`${base}${url}`, { method, headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(res.status, `${method} ${url}`).toBeLessThan(300);
      return (res.status === 204 ? {} : await res.json()) as Record<string, { id: number }>;
    };
    const me = (await call('GET', '/api/v2/users/me', undefined))['user']?.id ?? 0;
    await call('POST', '/api/v2/users', { user: { name: '李娜', email: 'lina@yunfan.example.com', role: 'agent', password: 'agent-pass-123' } });
    const colleague = `Basic ${Buffer.from('lina@yunfan.example.com:agent-pass-123').toString('base64')}`;
    const customer = `Basic ${Buffer.from('sunli@customer.example.com:customer-pass-1').toString('base64')}`;

    const { context, page } = await ownerSignedIn();
    const badge = page.locator('.ant-badge').filter({ has: page.getByTestId('notification-bell') });
    await call('PUT', '/api/v2/notifications/read_all', undefined);

    const id = (await call('POST', '/api/v2/requests', { request: { subject: '发票重开', comment: { body: '请把发票抬头改为云帆科技。' } } }, customer))['request']?.id ?? 0;
    await call('PUT', `/api/v2/tickets/${id}`, { ticket: { assignee_id: me } }, colleague);
    await eventually(async () => ((await badge.textContent()) ?? '').includes('1'));
    await call('PUT', `/api/v2/tickets/${id}`, { ticket: { comment: { body: '@陈建国 客户催了，请今天处理', public: false } } }, colleague);
    await eventually(async () => ((await badge.textContent()) ?? '').includes('2'));

    await page.getByTestId('notification-bell').click();
    const list = page.getByTestId('notification-list');
    await list.getByText('李娜 在工单中提到了您').waitFor();
    await list.getByText('李娜 把工单分配给了您').waitFor();
    await page.screenshot({ path: path.join(shots, 'bell.png') });
    await list.getByText('李娜 在工单中提到了您').click();
    await page.waitForURL(`${base}/tickets/${id}`);
    await page.getByText('客户催了，请今天处理').first().waitFor();
    // The agent's own settings: no more bell for comments.
    await page.getByTestId('notification-bell').click();
    await page.getByRole('button', { name: '通知设置' }).click();
    // Click only once the agent's stored settings are shown, and see the switch turn off before asking the server.
    const replySwitch = page.getByRole('switch', { name: '我负责或关注的工单有新回复 站内' });
    await eventually(async () => (await replySwitch.getAttribute('aria-checked')) === 'true' && (await replySwitch.isEnabled()));
    await replySwitch.click();
    await eventually(async () => (await replySwitch.getAttribute('aria-checked')) === 'false');
    await eventually(async () => {
      const prefs = (await call('GET', '/api/v2/notification_preferences', undefined)) as unknown as { notification_preferences: { in_app: { reply: boolean } } };
      return prefs.notification_preferences.in_app.reply === false;
    });
    await page.keyboard.press('Escape');
    await eventually(async () => ((await badge.textContent()) ?? '').includes('1') && !((await badge.textContent()) ?? '').includes('2'));
    await context.close();
  });

  it('lets an admin add a support address and explains, on the field, why a mailbox cannot be connected', async () => {
    const { context, page } = await ownerSignedIn();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByText('还没有支持邮箱').waitFor();

    await page.getByRole('button', { name: '添加支持邮箱' }).click();
    await field(page, '邮箱地址', 'help@yunfan.example.com');
    await field(page, '显示名称', '云帆客服');
    await page.getByRole('button', { name: /确\s?定|OK/ }).click();
    await page.getByRole('cell', { name: 'help@yunfan.example.com' }).waitFor();

    await page.getByRole('button', { name: '连接邮箱' }).click();
    await field(page, 'IMAP 服务器', 'imap.nowhere.invalid');
    await field(page, '用户名', 'help@yunfan.example.com');
    await field(page, '密码 / 授权码', 'app-code-123');
    await page.getByRole('button', { name: '验证并保存' }).click();
    // The server tried to resolve the host and says so under that field; nothing was saved.
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'imap.nowhere.invalid' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'email-settings.png') });
    await page.getByRole('button', { name: /取\s?消|Cancel/ }).click();
    await page.getByText('还没有连接邮箱').waitFor();
    await context.close();
  });

  it('speaks English when the browser does', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/signin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${base}/password/reset`);
    await field(page, 'Email', 'nobody@example.com');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('If that address has an account').waitFor();
    await context.close();
  });
});
