import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/platform/clock.js';
import { freshDatabase, type TestDatabase } from './support/database.js';

/**
 * The first run in a real browser: the web app sends a visitor to /setup, creates the
 * helpdesk and owner through the API, signs out and back in, and invites an agent.
 */
const root = path.resolve(import.meta.dirname, '../..');
const webDist = path.join(root, 'web/dist');
const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
}

let database: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
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
  app = await buildApp({ config, database, clock: systemClock, log: pino({ level: 'silent' }), webDist });
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
  await app.close();
  await database.cleanup();
});

async function field(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
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
