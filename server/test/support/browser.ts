import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { outboxHandlers } from '../../src/outbox-handlers.js';
import { systemClock } from '../../src/platform/clock.js';
import type { OutgoingMail } from '../../src/platform/mail/transport.js';
import { OutboxDispatcher } from '../../src/platform/outbox/dispatcher.js';
import { InProcessBus } from '../../src/platform/realtime/bus.js';
import { freshDatabase, type TestDatabase } from './database.js';

/**
 * What every browser test file needs: the real server on a fresh database with the built web
 * app and the outbox running, and Debian's Chromium. KEFU_WEB_DIST points at another build
 * (so two people building at once do not overwrite each other's files).
 */
export const root = path.resolve(import.meta.dirname, '../../..');
const chromiumPath = '/usr/bin/chromium';
/** Screenshots to look at after a run (git-ignored). */
export const shots = path.join(root, 'test-results');
mkdirSync(shots, { recursive: true });
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
}

export type BrowserHarness = {
  database: TestDatabase;
  config: Config;
  app: FastifyInstance;
  browser: Browser;
  base: string;
  /** Mail the server sent (welcome and notification mails), to follow their links. */
  mails: OutgoingMail[];
  close(): Promise<void>;
};

export type HarnessOptions = {
  /** KEFU_ALLOW_PRIVATE_CIDRS: webhooks refuse private addresses unless named (a test's local receiver is on 127.0.0.1). */
  allowPrivateCidrs?: string;
};

export async function startBrowserHarness(options: HarnessOptions = {}): Promise<BrowserHarness> {
  const webDist = process.env.KEFU_WEB_DIST ?? path.join(root, 'web/dist');
  if (!existsSync(path.join(webDist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: root, stdio: 'ignore' });
  }
  const database = await freshDatabase();
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    SECRET_KEY: 'browser-test-secret-key-0123456789abcdef',
    LOG_LEVEL: 'silent',
    ...(options.allowPrivateCidrs === undefined ? {} : { KEFU_ALLOW_PRIVATE_CIDRS: options.allowPrivateCidrs }),
  });
  const log = pino({ level: 'silent' });
  const bus = new InProcessBus();
  const mails: OutgoingMail[] = [];
  const app = await buildApp({ config, database, clock: systemClock, log, webDist, bus });
  // As `kefu serve` does: the outbox delivers mail and live events after each commit.
  const dispatcher = new OutboxDispatcher({
    db: database.db,
    clock: systemClock,
    log,
    pollMs: 50,
    handlers: outboxHandlers({ db: database.db, clock: systemClock, log, config, bus, mail: { send: async (m) => void mails.push(m), close: () => undefined } }),
  });
  dispatcher.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    database,
    config,
    app,
    browser,
    base,
    mails,
    async close() {
      await browser.close();
      await dispatcher.stop();
      await app.close();
      await database.cleanup();
    },
  };
}

/** Waits (up to 10 s) for something the page updates by itself, such as a live count. */
export async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await check()).toBe(true);
}

export async function field(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

export type Person = { email: string; password: string; name: string };

export const owner: Person = { email: 'owner@yunfan.example.com', password: 'a-long-password', name: '陈建国' };

/** Creates the helpdesk and its owner through the API, for files that do not test the setup page. */
export async function setUpHelpdesk(harness: BrowserHarness, who: Person = owner): Promise<void> {
  const res = await harness.app.inject({
    method: 'POST',
    url: '/api/v2/setup',
    payload: { account: { name: '云帆科技客服中心', subdomain: 'yunfan' }, owner: { name: who.name, email: who.email, password: who.password } },
  });
  expect(res.statusCode, res.body).toBe(201);
}

// Every window asks for reduced motion, which the app honours by switching off its animations:
// under CI load a click could land on a dialog's button while it was still zooming in, and miss.

/** A fresh Chinese browser window with a member of staff signed in on the home page (the owner unless named). */
export async function signedIn(harness: BrowserHarness, who: Person = owner, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.browser.newContext({ reducedMotion: 'reduce', locale, viewport: { width: 1400, height: 900 } });
  if (locale === 'en') {
    // The browser's language only decides until someone has chosen one; the owner's own
    // profile language (Chinese) would otherwise win after signing in.
    await context.addInitScript({ content: "localStorage.setItem('kefu.language', 'en')" });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${harness.base}/signin`);
  await field(page, locale === 'en' ? 'Email' : '邮箱', who.email);
  await field(page, locale === 'en' ? 'Password' : '密码', who.password);
  await page
    .getByRole('button', { name: locale === 'en' ? 'Sign in' : '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await page.getByText(locale === 'en' ? `Welcome, ${who.name}` : `欢迎，${who.name}`).waitFor();
  return { context, page };
}
