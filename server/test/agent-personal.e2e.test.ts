import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, eventually, field, haveChromium, owner, type Person, setUpHelpdesk, shots, signedIn, startBrowserHarness } from './support/browser.js';

/**
 * An agent who is not an admin keeps views and macros of their own in settings: only those two
 * sections are open to them, shared items are read-only, the audience is fixed to "only me", the
 * server's refusal shows at the field, and the new view is in the console's list with its count.
 */
let harness: BrowserHarness;
const agent: Person = { email: 'wangfang@yunfan.example.com', password: 'agent-password-1', name: '王芳' };
const basic = (who: Person) => `Basic ${Buffer.from(`${who.email}:${who.password}`).toString('base64')}`;

async function call<T>(method: 'GET' | 'POST', url: string, body?: object, who: Person = owner): Promise<T> {
  const res = await harness.app.inject({ method, url, headers: { authorization: basic(who) }, ...(body ? { payload: body } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<T>();
}

async function pick(page: Page, scope: Locator, index: number, option: string): Promise<void> {
  await scope.locator('.ant-select').nth(index).click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).first().click();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `agent-personal-${name}.png`) });
const save = /保\s?存/;

beforeAll(async () => {
  harness = await startBrowserHarness();
  await setUpHelpdesk(harness);
  await call('POST', '/api/v2/users', { user: { name: agent.name, email: agent.email, role: 'agent', password: agent.password } });
  // A shared view and macro the admin keeps: the agent sees them, read-only.
  await call('POST', '/api/v2/views', { view: { title: '全部未解决', conditions: { all: [{ field: 'status', operator: 'less_than', value: 'solved' }], any: [] } } });
  await call('POST', '/api/v2/macros', { macro: { title: '共享::结束语', actions: [{ field: 'status', value: 'solved' }] } });
  // One VIP ticket among others, for the agent's own view to count.
  await call('POST', '/api/v2/tickets', { ticket: { subject: '大客户的发票', comment: { body: '请补开发票' }, tags: ['vip'], requester: { name: '孙丽', email: 'sunli@customer.example.com' } } });
  await call('POST', '/api/v2/tickets', { ticket: { subject: '普通咨询', comment: { body: '营业时间？' }, requester: { name: '孙丽', email: 'sunli@customer.example.com' } } });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe.skipIf(!haveChromium)('an agent’s own views and macros', () => {
  it('opens only views and macros, creates a personal view that counts in the console and a personal macro; the server’s refusal shows at its condition', async () => {
    const { context, page } = await signedIn(harness, agent);
    page.setDefaultTimeout(30_000);
    const drawer = page.getByRole('dialog');

    // Other sections are not theirs: the agents' list sends them to their views.
    await page.goto(`${harness.base}/admin/agents`);
    await page.waitForURL(/\/admin\/views$/);
    const menu = page.getByRole('menu', { name: '管理设置' });
    await menu.getByRole('menuitem', { name: '视图', exact: true }).waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['视图', '宏']);

    // The shared view is listed but not theirs to change.
    const shared = page.getByRole('row', { name: /全部未解决/ });
    await shared.waitFor();
    expect(await shared.getByRole('button', { name: /编\s?辑/ }).count()).toBe(0);
    expect(await shared.getByRole('button', { name: /删\s?除/ }).count()).toBe(0);
    expect(await shared.getByRole('switch').isDisabled()).toBe(true);

    // A view of VIP tickets, for them alone.
    await page.getByRole('button', { name: '新建视图' }).click();
    await field(page, '名称', '我的 VIP 工单');
    await expect.poll(() => drawer.getByRole('radio', { name: '仅我自己' }).isChecked()).toBe(true);
    expect(await drawer.getByRole('radio', { name: '所有客服' }).isDisabled()).toBe(true);
    await drawer.getByTestId('conditions-all').getByRole('button', { name: '添加条件' }).click();
    await pick(page, drawer.getByTestId('condition-all-1'), 0, '标签');
    // Saved without the tag: the server refuses, and says so at that condition.
    await drawer.getByRole('button', { name: save }).click();
    await drawer.getByTestId('condition-all-1').getByRole('alert').waitFor();
    await shot(page, 'view-refused');
    await drawer.getByTestId('condition-all-1').locator('.ant-select input').last().fill('vip');
    await page.keyboard.press('Enter');
    await shot(page, 'view-editor');
    await drawer.getByRole('button', { name: save }).click();
    await drawer.waitFor({ state: 'hidden' });
    const mine = (await call<{ views: { id: number; title: string; restriction: unknown }[] }>('GET', '/api/v2/views', undefined, agent)).views.find((v) => v.title === '我的 VIP 工单');
    const me = (await call<{ user: { id: number } }>('GET', '/api/v2/users/me', undefined, agent)).user;
    expect(mine?.restriction).toEqual({ type: 'User', id: me.id });
    await page.getByRole('row', { name: /我的 VIP 工单/ }).getByRole('button', { name: /编\s?辑/ }).waitFor();

    // In the console's list of views, with its count.
    await page.goto(`${harness.base}/tickets`);
    const item = page.getByTestId(`view-${mine?.id}`);
    await item.waitFor();
    await eventually(async () => (await item.getAttribute('data-count')) === '1');
    await shot(page, 'console-views');

    // A macro of their own, with a reply and a status.
    await page.goto(`${harness.base}/admin/macros`);
    await page.getByRole('row', { name: /共享::结束语/ }).waitFor();
    await page.getByRole('button', { name: '新建宏' }).click();
    await drawer.getByRole('textbox', { name: '名称' }).fill('我的问候');
    await drawer.getByRole('textbox').last().fill('您好，{{ticket.requester.name}}，感谢您的耐心等待。');
    await expect.poll(() => drawer.getByRole('radio', { name: '仅我自己' }).isChecked()).toBe(true);
    await drawer.getByTestId('actions').getByRole('button', { name: '添加动作' }).click();
    await pick(page, drawer.getByTestId('action-0'), 0, '设置状态');
    await pick(page, drawer.getByTestId('action-0'), 1, '待回复');
    await drawer.getByRole('button', { name: save }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /我的问候/ }).waitFor();
    const macro = (await call<{ macros: { title: string; restriction: unknown; actions: { field: string; value: string }[] }[] }>('GET', '/api/v2/macros', undefined, agent)).macros.find((m) => m.title === '我的问候');
    expect(macro?.restriction).toEqual({ type: 'User', id: me.id });
    expect(macro?.actions).toContainEqual({ field: 'status', value: 'pending' });
    await shot(page, 'macros');
    await context.close();
  }, 240_000);
});
