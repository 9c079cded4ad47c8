import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawMailStorage, receiveForAddress } from '../src/modules/email/receive.js';
import { systemClock } from '../src/platform/clock.js';
import { type BrowserHarness, eventually, field, haveChromium, setUpHelpdesk, shots, signedIn, startBrowserHarness } from './support/browser.js';

/**
 * 管理设置 › 渠道 and 帐户 in a real browser: branding reaching the console and the portal, API
 * tokens used and revoked, a webhook tested against a local server, suspended mail recovered.
 */
let harness: BrowserHarness;
let hook: Server;
let hookUrl: string;
const hookCalls: { method: string; headers: IncomingHttpHeaders; body: string }[] = [];
const ownerAuth = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;

async function call(method: string, url: string, body?: unknown, authorization = ownerAuth): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${harness.base}${url}`, { method, headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: res.status === 204 ? null : await res.json().catch(() => null) };
}

async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

/** The owner signed in, patient: on a loaded machine a section's first load can take more than 10 s. */
async function ownerIn(): ReturnType<typeof signedIn> {
  const session = await signedIn(harness);
  session.page.setDefaultTimeout(30_000);
  return session;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `admin-channels-${name}.png`) });
const save = /保\s?存/;

beforeAll(async () => {
  if (!haveChromium) {
    return;
  }
  // The webhook test's receiver is local: webhooks refuse private addresses unless allowed.
  harness = await startBrowserHarness({ allowPrivateCidrs: '127.0.0.1/32' });
  await setUpHelpdesk(harness);
  hook = createServer((req, res) => {
    if (req.url === '/logo.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="32"><rect width="32" height="32" rx="6" fill="#d4380d"/><text x="40" y="22" font-size="16" font-family="sans-serif">云帆</text></svg>');
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hookCalls.push({ method: req.method ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/kefu-hook`;
});

afterAll(async () => {
  if (haveChromium) {
    await new Promise<void>((r) => hook.close(() => r()));
    await harness.close();
  }
});

describe.skipIf(!haveChromium)('channels and account settings in the browser', { timeout: 120_000 }, () => {
  it('brands the helpdesk (the console takes the colour at once) and, with anonymous requests off, the portal asks people to sign in and the API refuses', async () => {
    const { context, page } = await ownerIn();
    await openSection(page, '品牌与帮助中心');
    await page.getByLabel('帮助台名称').waitFor();
    await expect.poll(() => page.getByLabel('帮助台名称').inputValue()).toBe('云帆科技客服中心');

    // A bad logo address: the server's words under the field, nothing saved.
    await field(page, 'Logo 地址', 'logo.png');
    await page.getByRole('button', { name: save }).click();
    await page.locator('.ant-form-item', { has: page.getByLabel('Logo 地址') }).locator('.ant-form-item-explain-error').waitFor();

    await field(page, 'Logo 地址', hookUrl.replace('/kefu-hook', '/logo.svg'));
    await page.locator('.ant-color-picker-trigger').click();
    const hex = page.locator('.ant-color-picker-hex-input input');
    await hex.fill('D4380D');
    await hex.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByLabel('允许未登录提交请求').click();
    await page.getByRole('button', { name: save }).click();
    await page.getByText('已保存，帮助中心和控制台已更新').waitFor();
    await page.mouse.move(0, 0); // off the button, so its colour is not the hover shade
    // The console's primary colour is the brand colour, without a reload.
    await expect.poll(() => page.getByRole('button', { name: save }).evaluate((b) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundColor: string } }).getComputedStyle(b).backgroundColor)).toBe('rgb(212, 56, 13)');
    await shot(page, 'branding');

    const settings = (await call('GET', '/api/v2/account/settings')).json as { settings: { brand_color: string; allow_anonymous_requests: boolean } };
    expect(settings.settings).toMatchObject({ brand_color: '#d4380d', allow_anonymous_requests: false });

    // A visitor to the portal: no anonymous form, an invitation to sign in instead.
    const visitor = await harness.browser.newContext({ reducedMotion: 'reduce', locale: 'zh-CN', viewport: { width: 1200, height: 800 } });
    const portal = await visitor.newPage();
    await portal.goto(`${harness.base}/portal/requests/new`);
    await portal.getByText('请先登录再提交请求').waitFor();
    expect(await portal.getByLabel('您的邮箱').count()).toBe(0);
    await shot(portal, 'portal-sign-in-to-submit');
    const refused = await fetch(`${harness.base}/api/v2/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ request: { requester: { name: '何静', email: 'hejing@customer.example.com' }, subject: '发票', comment: { body: '发票没收到' } } }) });
    expect(refused.status).toBe(403);
    await visitor.close();
    await context.close();
  });

  it('makes an API token shown once, which works with basic auth until it is revoked', async () => {
    const { context, page } = await ownerIn();
    await openSection(page, 'API 令牌');
    await page.getByText('还没有 API 令牌').waitFor();
    await page.getByRole('button', { name: '新建令牌' }).click();
    await page.getByLabel('用途说明').fill('CRM 同步');
    await page.getByRole('button', { name: /新\s?建/ }).last().click();
    const shown = page.getByTestId('new-api-token');
    await shown.waitFor();
    const token = (await shown.innerText()).trim();
    expect(token.length).toBeGreaterThan(20);
    await shot(page, 'api-token-created');
    await page.getByRole('button', { name: '我已保存' }).click();
    await page.getByRole('cell', { name: 'CRM 同步' }).waitFor();
    await expect.poll(() => page.getByText(token).count()).toBe(0); // shown once, never again

    const tokenAuth = `Basic ${Buffer.from(`owner@yunfan.example.com/token:${token}`).toString('base64')}`;
    expect((await call('GET', '/api/v2/users/me', undefined, tokenAuth)).status).toBe(200);
    await page.reload();
    await page.getByRole('cell', { name: 'CRM 同步' }).waitFor();
    await expect.poll(() => page.getByText('从未使用').count()).toBe(0);

    await page.getByRole('button', { name: /撤\s?销/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /撤\s?销/ }).click();
    await page.getByText('令牌已撤销').waitFor();
    await page.getByText('还没有 API 令牌').waitFor();
    expect((await call('GET', '/api/v2/users/me', undefined, tokenAuth)).status).toBe(401);
    await context.close();
  });

  it('creates a webhook (the server names a bad endpoint at its field), tests it against a local server and shows the call in its log', async () => {
    const { context, page } = await ownerIn();
    await openSection(page, 'Webhook');
    await page.getByText('还没有 Webhook').waitFor();
    await page.getByRole('button', { name: '新建 Webhook' }).click();
    await field(page, '名称', '工单同步到 CRM');
    await field(page, '地址', 'ftp://crm.example.com/hook');
    await page.getByText('Bearer 令牌').click();
    await field(page, '令牌', 'crm-secret-token');
    await page.getByRole('button', { name: '添加请求头' }).click();
    await page.getByLabel('请求头名称').fill('X-Source');
    await page.getByLabel('值').fill('kefu');
    await page.getByRole('dialog').getByRole('button', { name: save }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'http:// 或 https://' }).waitFor();
    await shot(page, 'webhook-error');

    await field(page, '地址', hookUrl);
    await page.getByRole('dialog').getByRole('button', { name: save }).click();
    // A new webhook opens its details: reveal the secret, send a test.
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('工单同步到 CRM').waitFor();
    await drawer.getByRole('button', { name: '显示密钥' }).click();
    await expect.poll(async () => (await drawer.getByTestId('webhook-secret').innerText()).length).toBeGreaterThan(20);
    await drawer.getByRole('button', { name: '发送测试' }).click();
    await eventually(async () => hookCalls.length > 0);
    expect(hookCalls[0]?.headers.authorization).toBe('Bearer crm-secret-token');
    expect(hookCalls[0]?.headers['x-source']).toBe('kefu');
    expect(hookCalls[0]?.headers['x-zendesk-webhook-signature']).toBeTruthy();
    expect(JSON.parse(hookCalls[0]?.body ?? '{}')).toMatchObject({ test: true });
    await drawer.getByRole('cell', { name: /成功/ }).waitFor();
    await drawer.getByText('200', { exact: true }).waitFor();
    await shot(page, 'webhook-log');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /删\s?除/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /删\s?除/ }).click();
    await page.getByText('还没有 Webhook').waitFor();
    await context.close();
  });

  it('recovers a suspended auto-reply as a ticket after viewing why it was held', async () => {
    const address = await call('POST', '/api/v2/recipient_addresses', { recipient_address: { email: 'help@yunfan.example.com', name: '云帆客服' } });
    expect(address.status).toBe(201);
    const addressId = (address.json as { recipient_address: { id: number } }).recipient_address.id;
    const raw = Buffer.from(
      ['From: 周敏 <zhoumin@customer.example.com>', 'To: help@yunfan.example.com', `Subject: =?UTF-8?B?${Buffer.from('自动回复：订单 8812 的退款').toString('base64')}?=`, 'Message-ID: <held-e2e-1@customer.example.com>', 'Auto-Submitted: auto-replied', 'Content-Type: text/plain; charset=utf-8', '', '您好，我在外出，退款的事请直接处理。'].join('\r\n'),
    );
    const accountId = (await harness.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id;
    await receiveForAddress({ db: harness.database.db, clock: systemClock, blobs: rawMailStorage(harness.config) }, { raw, accountId, addressId, mailFrom: 'zhoumin@customer.example.com' });

    const { context, page } = await ownerIn();
    await openSection(page, '挂起的工单');
    await page.getByText('自动回复：订单 8812 的退款').waitFor();
    await page.getByText('自动发送的邮件（自动回复、退信等）').first().waitFor();
    await page.getByRole('button', { name: /查\s?看/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('退款的事请直接处理').waitFor();
    await shot(page, 'suspended-view');
    await drawer.getByRole('button', { name: '恢复为工单' }).click();
    await page.getByText('没有挂起的邮件').waitFor();
    await eventually(async () => {
      const tickets = (await call('GET', '/api/v2/tickets')).json as { tickets: { subject: string }[] };
      return tickets.tickets.some((x) => x.subject === '自动回复：订单 8812 的退款');
    });
    await context.close();
  });

  it('shows the mail layout with its preview, names a layout without {{content}} at its field, and reads in English', async () => {
    const { context, page } = await ownerIn();
    await openSection(page, '邮件模板');
    const preview = page.frameLocator('[data-testid="mail-preview"]');
    await preview.getByText('#1024').first().waitFor();
    await page.getByLabel('HTML 版式').fill('<p>{{ account.name }}</p>');
    await page.getByRole('button', { name: save }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '{{content}}' }).first().waitFor();
    await shot(page, 'mail-template-error');
    await page.getByLabel('HTML 版式').fill('<div style="border-top:4px solid {{ account.brand_color }}"><h2>{{ account.name }}</h2>{{content}}</div>');
    await preview.getByRole('heading', { name: '云帆科技客服中心' }).waitFor();
    await page.getByRole('button', { name: save }).click();
    await page.getByText('已自定义').waitFor();
    await shot(page, 'mail-template');
    await context.close();

    // Once in English, chosen as the language menu chooses it (the owner's own language is Chinese).
    const english = await ownerIn();
    await english.page.evaluate("localStorage.setItem('kefu.language', 'en')");
    await english.page.goto(`${harness.base}/admin/audit-log`);
    await english.page.getByRole('cell', { name: 'Helpdesk settings 云帆科技客服中心' }).first().waitFor();
    await shot(english.page, 'audit-log-en');
    await english.context.close();
  });
});
