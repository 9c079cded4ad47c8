import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { rawMailStorage, receiveMail } from '../src/modules/email/receive.js';
import { systemClock } from '../src/platform/clock.js';
import type { OutgoingMail } from '../src/platform/mail/transport.js';
import { type BrowserHarness, eventually, field, haveChromium, shots, signedIn, startBrowserHarness } from './support/browser.js';
import type { TestDatabase } from './support/database.js';

/**
 * The first run in a real browser: the web app sends a visitor to /setup, creates the
 * helpdesk and owner through the API, signs out and back in, and invites an agent.
 */
let harness: BrowserHarness;
let database: TestDatabase;
let browser: Browser;
let config: Config;
let base: string;
let mails: OutgoingMail[];

beforeAll(async () => {
  if (!haveChromium) {
    return;
  }
  harness = await startBrowserHarness();
  ({ database, browser, config, base, mails } = harness);
});

afterAll(async () => {
  if (haveChromium) {
    await harness.close();
  }
});

/** A fresh Chinese browser window with a member of staff signed in on the home page (the owner unless named). */
async function ownerSignedIn(who?: { email: string; password: string; name: string }): Promise<{ context: BrowserContext; page: Page }> {
  return signedIn(harness, who);
}

describe.skipIf(!haveChromium)('first run in the browser', () => {
  it('sets up the helpdesk, signs out and in, and invites an agent, in Chinese', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce', locale: 'zh-CN' });
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
    await page.getByRole('menuitem', { name: '邮件', exact: true }).click();
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

  it('carries a portal request to the agent and back: live queue, macro, reply, reopen, solve', async () => {
    const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
    const created = await fetch(`${base}/api/v2/macros`, {
      method: 'POST',
      headers: { authorization: owner, 'content-type': 'application/json' },
      body: JSON.stringify({ macro: { title: '退款处理中', actions: [{ field: 'comment_value', value: '{{ticket.requester.name}}，您好：退款已提交，预计 3 个工作日到账。' }, { field: 'assignee_id', value: 'current_user' }, { field: 'status', value: 'pending' }] } }),
    });
    expect(created.status).toBe(201);

    const { context: agentContext, page: agent } = await ownerSignedIn();
    const pageErrors: string[] = [];
    agent.on('pageerror', (e) => pageErrors.push(e.message));
    agent.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await agent.getByRole('menuitem', { name: '工单' }).click();
    const unassigned = agent.getByRole('menuitem', { name: /我所在组未分配的工单/ });
    await unassigned.click();
    const countOf = async () => Number(/(\d+)$/.exec((await unassigned.textContent()) ?? '')?.[1] ?? NaN);
    await eventually(async () => !Number.isNaN(await countOf()));
    const before = await countOf();

    // A customer on a phone writes in without an account.
    const phone = await browser.newContext({ reducedMotion: 'reduce', locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const portal = await phone.newPage();
    portal.setDefaultTimeout(10_000);
    await portal.goto(`${base}/portal`);
    await portal.getByRole('heading', { name: '您好，有什么可以帮您？' }).waitFor();
    await portal.screenshot({ path: path.join(shots, 'portal-home.png'), fullPage: true });
    await portal.getByText('提交请求').first().click();
    await field(portal, '您的姓名', '赵雷');
    await field(portal, '您的邮箱', 'zhaolei@customer.example.com');
    await field(portal, '主题', '会员费重复扣款');
    await field(portal, '问题描述', '这个月的会员费扣了两次，订单号 20261202001。');
    await portal.getByRole('button', { name: '提 交' }).or(portal.getByRole('button', { name: '提交' })).click();
    await portal.getByText('已收到您的请求').waitFor();

    // It shows up in the agent's unassigned queue, count and row, without a reload.
    const row = agent.getByRole('cell', { name: /会员费重复扣款/ });
    await row.waitFor();
    await eventually(async () => (await countOf()) === before + 1);

    // The welcome mail's link verifies the address and signs the customer in, into the portal.
    await eventually(async () => mails.some((m) => m.to === 'zhaolei@customer.example.com' && /password\/set\?token=/.test(m.text)));
    const link = /(http\S+password\/set\?token=\S+)/.exec(mails.find((m) => m.to === 'zhaolei@customer.example.com' && /password\/set/.test(m.text))?.text ?? '')?.[1] ?? '';
    await portal.goto(`${base}${new URL(link).pathname}${new URL(link).search}`);
    await field(portal, '新密码', 'zhaolei-pass-1');
    await field(portal, '确认新密码', 'zhaolei-pass-1');
    await portal.getByRole('button', { name: '保存并登录' }).click();
    await portal.waitForURL(`${base}/portal`);
    await portal.getByRole('link', { name: /会员费重复扣款/ }).click();
    await portal.getByText('这个月的会员费扣了两次').waitFor();

    // The agent applies a macro (previewed first), which takes the ticket and answers; submits as pending.
    await row.click();
    await agent.getByText('这个月的会员费扣了两次').waitFor();
    await agent.getByRole('combobox', { name: '应用宏' }).click();
    await agent.locator('.ant-select-item-option').filter({ hasText: '退款处理中' }).click();
    await agent.getByTestId('macro-preview-comment').getByText('赵雷，您好：退款已提交').waitFor();
    await agent.getByRole('button', { name: '应用到回复' }).click();
    const reply = agent.getByRole('textbox', { name: '公开回复' });
    await agent.getByRole('dialog').waitFor({ state: 'hidden' }).catch(async (e: unknown) => {
      await agent.screenshot({ path: path.join(shots, 'macro-dialog-stuck.png') });
      throw new Error(`the macro dialog stayed open; page errors: ${pageErrors.join(' | ')}`, { cause: e });
    });
    await eventually(async () => (await reply.innerText()).startsWith('赵雷，您好：退款已提交'));
    // The rich-text composer: add a bold line after the macro's text.
    await reply.click();
    await agent.keyboard.press('Control+End');
    await agent.keyboard.press('Enter');
    await agent.getByRole('button', { name: '加粗' }).click();
    await agent.keyboard.type('如有疑问请直接回复。');
    await agent.getByRole('button', { name: '提交为待回复' }).click();
    await agent.getByText('已保存').waitFor();

    // The customer sees the answer arrive, and writes back: the ticket reopens.
    const answer = portal.getByTestId('request-comment').filter({ hasText: '退款已提交' });
    await answer.waitFor();
    await answer.locator('strong', { hasText: '如有疑问请直接回复。' }).waitFor();
    await portal.getByText('待回复').first().waitFor();
    await portal.screenshot({ path: path.join(shots, 'portal-request.png'), fullPage: true });
    await portal.getByRole('textbox', { name: '回复' }).fill('好的，另外能开发票吗？');
    await portal.getByRole('button', { name: '发送回复' }).click();
    await portal.getByText('处理中').first().waitFor();
    await agent.getByText('好的，另外能开发票吗？').waitFor();
    const id = Number(/tickets\/(\d+)/.exec(agent.url())?.[1]);
    const status = async () => ((await (await fetch(`${base}/api/v2/tickets/${id}`, { headers: { authorization: owner } })).json()) as { ticket: { status: string; assignee_id: number } }).ticket;
    expect((await status()).status).toBe('open');

    // The agent solves it; the portal shows it solved.
    await agent.getByRole('textbox', { name: '公开回复' }).fill('可以，发票已开具，请查收邮箱。');
    await agent.locator('.ant-dropdown-trigger').last().click();
    await agent.getByText('提交为已解决').click();
    await portal.getByText('这个请求已解决').waitFor();
    expect((await status()).status).toBe('solved');
    await phone.close();
    await agentContext.close();
  });

  it('shows two agents on one ticket to each other, and who is replying; the language switch turns the console into English', async () => {
    const customer = `Basic ${Buffer.from('sunli@customer.example.com:customer-pass-1').toString('base64')}`;
    const made = await fetch(`${base}/api/v2/requests`, { method: 'POST', headers: { authorization: customer, 'content-type': 'application/json' }, body: JSON.stringify({ request: { subject: '无法登录 App', comment: { body: '输入验证码后一直转圈。' } } }) });
    const id = ((await made.json()) as { request: { id: number } }).request.id;

    const { context: ownerContext, page: owner } = await ownerSignedIn();
    const { context: linaContext, page: lina } = await ownerSignedIn({ email: 'lina@yunfan.example.com', password: 'agent-pass-123', name: '李娜' });
    await owner.goto(`${base}/tickets/${id}`);
    await lina.goto(`${base}/tickets/${id}`);
    await owner.getByTestId('presence').getByText('李娜 正在查看此工单').waitFor();
    await lina.getByTestId('presence').getByText('陈建国 正在查看此工单').waitFor();
    await lina.getByRole('textbox', { name: '公开回复' }).fill('我来处理这个');
    await owner.getByTestId('presence').getByText('李娜 正在回复此工单').waitFor();
    await owner.screenshot({ path: path.join(shots, 'presence.png') });
    // She moves on: the warning goes.
    await lina.getByRole('link', { name: /返回视图/ }).click();
    await eventually(async () => (await owner.getByTestId('presence').count()) === 0);
    await linaContext.close();

    // Availability in the header: automatic assignment only picks agents who are online.
    await owner.getByRole('combobox', { name: '我的状态' }).click();
    await owner.locator('.ant-select-item-option').filter({ hasText: '在线' }).click();
    const ownerAuth = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
    await eventually(async () => ((await (await fetch(`${base}/api/v2/routing/agents/me`, { headers: { authorization: ownerAuth } })).json()) as { agent_routing: { availability: string } }).agent_routing.availability === 'online');

    await owner.getByTestId('user-menu').hover();
    await owner.getByText('English').click();
    await owner.getByRole('menuitem', { name: 'Tickets' }).waitFor();
    await owner.getByRole('button', { name: 'Submit' }).waitFor();
    await owner.getByText('Conversation').waitFor();
    await owner.getByTestId('availability').getByText('Online').waitFor();
    expect(await owner.locator('html').getAttribute('lang')).toBe('en');
    await ownerContext.close();
  });

  it('changes, applies a macro to, merges and deletes several tickets at once from the list, with confirmation', async () => {
    const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
    const customer = `Basic ${Buffer.from('sunli@customer.example.com:customer-pass-1').toString('base64')}`;
    const ids: number[] = [];
    for (const subject of ['批量一：发票', '批量二：发票重复', '批量三：广告']) {
      const res = await fetch(`${base}/api/v2/requests`, { method: 'POST', headers: { authorization: customer, 'content-type': 'application/json' }, body: JSON.stringify({ request: { subject, comment: { body: subject } } }) });
      ids.push(((await res.json()) as { request: { id: number } }).request.id);
    }
    const ticket = async (id: number) => ((await (await fetch(`${base}/api/v2/tickets/${id}`, { headers: { authorization: owner } })).json()) as { ticket: { status: string; assignee_id: number | null } }).ticket;
    const [one, two, three] = ids as [number, number, number];

    const { context, page } = await ownerSignedIn();
    await page.getByRole('menuitem', { name: '工单' }).click();
    await page.getByRole('menuitem', { name: /所有未解决的工单/ }).click();
    const rowOf = (id: number) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^#${id} `) }) });
    for (const id of [one, two]) {
      await rowOf(id).getByRole('checkbox').check();
    }
    await page.getByTestId('bulk-bar').getByText('已选 2 个工单').waitFor();
    expect(page.url()).not.toContain(`/tickets/${one}`);
    await page.getByRole('combobox', { name: '指派给' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '李娜' }).click();
    await page.getByText('已修改 2 个工单').waitFor();
    const lina = (await ticket(one)).assignee_id;
    expect(lina).not.toBeNull();
    expect((await ticket(two)).assignee_id).toBe(lina);

    // A macro on both, after a confirmation that says replies will go out: each ticket gets it.
    for (const id of [one, two]) {
      await rowOf(id).getByRole('checkbox').check();
    }
    await page.getByRole('combobox', { name: '应用宏' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '退款处理中' }).click();
    await page.getByRole('dialog').getByText('对这 2 个工单应用宏「退款处理中」？', { exact: false }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /应\s?用/ }).click();
    await page.getByText('已对 2 个工单应用宏「退款处理中」').waitFor();
    for (const id of [one, two]) {
      expect((await ticket(id)).status).toBe('pending');
      const comments = (await (await fetch(`${base}/api/v2/tickets/${id}/comments`, { headers: { authorization: owner } })).json()) as { comments: { body: string }[] };
      expect(comments.comments.at(-1)?.body).toContain('退款已提交');
    }

    // Merge the two: keep the first.
    for (const id of [one, two]) {
      await rowOf(id).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: '合 并' }).or(page.getByRole('button', { name: '合并' })).first().click();
    await page.getByRole('dialog').getByText(`#${one} 批量一：发票`).click();
    await page.getByRole('dialog').getByRole('button', { name: /合\s?并/ }).click();
    await page.getByText('已合并 1 个工单').waitFor();
    expect((await ticket(two)).status).toBe('closed');

    // Delete asks first.
    await rowOf(three).getByRole('checkbox').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: /删\s?除/ }).click();
    await page.getByText('删除这 1 个工单？').waitFor();
    await page.getByRole('button', { name: /确\s?定|OK/ }).click();
    await page.getByText('已删除 1 个工单').waitFor();
    await eventually(async () => (await rowOf(three).count()) === 0);
    expect((await fetch(`${base}/api/v2/tickets/${three}`, { headers: { authorization: owner } })).status).toBe(404);

    // Keyboard: move down the queue, open, next ticket, internal note, the shortcut list.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const rows = page.locator('tbody tr[data-row-key]');
    const firstTwo = [Number(await rows.nth(0).getAttribute('data-row-key')), Number(await rows.nth(1).getAttribute('data-row-key'))];
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/tickets/${firstTwo[1]}`);
    // The ticket page (a lazy chunk, then its data) must be there to hear the next key.
    await page.getByRole('heading', { name: new RegExp(`^#${firstTwo[1]} `) }).waitFor();
    await page.getByRole('textbox', { name: '公开回复' }).waitFor();
    await page.keyboard.press('k');
    await page.waitForURL(`${base}/tickets/${firstTwo[0]}`);
    await page.getByRole('heading', { name: new RegExp(`^#${firstTwo[0]} `) }).waitFor();
    await page.getByRole('textbox', { name: '公开回复' }).waitFor();
    await page.keyboard.press('n');
    await eventually(async () => (await page.locator(':focus').getAttribute('aria-label')) === '内部备注');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog').getByText('内部备注').waitFor();
    await context.close();
  });

  it('shows an inbound HTML email in a sandboxed frame with remote images held back until asked', async () => {
    // Mail to the support address added above, as the SMTP server would store it.
    const raw = Buffer.from(
      [
        'From: 钱多多 <qian@customer.example.com>',
        'To: help@yunfan.example.com',
        'Subject: =?UTF-8?B?5Y+R56Wo5oqs5aS06ZSZ6K+v?=',
        'Message-ID: <html-mail-1@customer.example.com>',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><style>p.note{color:#c00}</style></head><body><p class="note">发票抬头写错了，请重开。</p><img src="https://tracker.example.net/open.gif" alt="" width="1" height="1"><script>parent.document.title="pwned"</script></body></html>',
      ].join('\r\n'),
    );
    await receiveMail({ db: database.db, clock: systemClock, blobs: rawMailStorage(config) }, { raw, recipients: ['help@yunfan.example.com'], mailFrom: 'qian@customer.example.com' });
    const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
    let id = 0;
    await eventually(async () => {
      const found = ((await (await fetch(`${base}/api/v2/search?query=${encodeURIComponent('发票抬头写错了')}`, { headers: { authorization: owner } })).json()) as { results: { id: number }[] }).results;
      id = found[0]?.id ?? 0;
      return id > 0;
    });

    const { context, page } = await ownerSignedIn();
    // Requests that actually leave the browser for the tracker (a CSP-blocked one never reaches the route).
    const blocked: string[] = [];
    await page.route('**/tracker.example.net/**', (route) => {
      blocked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
    });
    await page.goto(`${base}/tickets/${id}`);
    const mail = page.frameLocator('[data-testid="mail-html"]');
    await mail.getByText('发票抬头写错了，请重开。').waitFor();
    await page.getByText('为保护隐私，已阻止这封邮件中的远程图片。').waitFor();
    expect(blocked).toEqual([]);
    expect(await page.title()).not.toBe('pwned');
    await page.getByRole('button', { name: '显示远程图片' }).click();
    await eventually(async () => blocked.length > 0);
    await context.close();
  });

  it('still lets the agent reply in plain text when the editor cannot be loaded', async () => {
    const customer = `Basic ${Buffer.from('sunli@customer.example.com:customer-pass-1').toString('base64')}`;
    const made = await fetch(`${base}/api/v2/requests`, { method: 'POST', headers: { authorization: customer, 'content-type': 'application/json' }, body: JSON.stringify({ request: { subject: '编辑器坏了也要能回复', comment: { body: '请回复 <我>' } } }) });
    const id = ((await made.json()) as { request: { id: number } }).request.id;
    const { context, page } = await ownerSignedIn();
    // As after a deploy that replaced the chunk: fetching the editor's code fails.
    await page.route('**/assets/RichTextEditor-*.js', (route) => route.abort());
    await page.goto(`${base}/tickets/${id}`);
    await page.getByText('富文本编辑器未能加载').waitFor();
    await page.getByRole('textbox', { name: '公开回复' }).fill('收到 <您的> 消息\n第二行');
    await page.getByRole('button', { name: /提\s?交/ }).first().click();
    await page.getByText('已保存').waitFor();
    const comments = (await (await fetch(`${base}/api/v2/requests/${id}/comments`, { headers: { authorization: customer } })).json()) as { comments: { body: string }[] };
    expect(comments.comments.at(-1)?.body).toBe('收到 <您的> 消息\n第二行');
    await context.close();
  });

  it('opens the requester’s page from a ticket and creates a ticket on their behalf', async () => {
    const { context, page } = await ownerSignedIn();
    await page.goto(`${base}/tickets/1`);
    await page.getByRole('link', { name: '孙丽' }).click();
    await page.getByRole('heading', { name: '孙丽' }).waitFor();
    await page.getByRole('cell', { name: /申请退款/ }).waitFor();
    await page.getByRole('button', { name: '代客户创建工单' }).click();
    await field(page, '主题', '电话来电：修改收货地址');
    await field(page, '问题描述', '客户来电要求把收货地址改为上海市浦东新区。');
    await page.getByRole('dialog').getByRole('button', { name: /创\s?建/ }).click();
    await page.getByRole('heading', { name: /电话来电：修改收货地址/ }).waitFor();
    await page.getByRole('link', { name: '孙丽' }).waitFor();
    await context.close();
  });

  it('speaks English when the browser does', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce', locale: 'en-US' });
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
