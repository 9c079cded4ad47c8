import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, field, haveChromium, setUpHelpdesk, shots, startBrowserHarness } from './support/browser.js';

/**
 * The people settings (管理设置 › 人员) in a real browser: agents, roles, groups, customers,
 * organizations and the CSV import, each driven end to end against the real server.
 */
let harness: BrowserHarness;
const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;

async function call<T = Record<string, { id: number }>>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<T> {
  const res = await harness.app.inject({ method, url, headers: { authorization: owner }, ...(payload === undefined ? {} : { payload: payload as object }) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return (res.body ? res.json() : {}) as T;
}

/** Picks an option in the open antd dropdown (its ARIA options are hidden stand-ins). */
const pick = (page: Page, text: string | RegExp) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();

/** Answers yes in the open confirmation bubble. */
const confirmPop = (page: Page) => page.locator('.ant-popconfirm:visible .ant-btn-primary').click();

/**
 * The owner signed in, as the harness's signedIn does but with a patient default timeout: on a
 * loaded machine the sign-in page or a section's first load can take more than its 10 s.
 */
async function staff(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const context = await harness.browser.newContext({ reducedMotion: 'reduce', locale, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${harness.base}/signin`);
  await field(page, locale === 'en' ? 'Email' : '邮箱', 'owner@yunfan.example.com');
  await field(page, locale === 'en' ? 'Password' : '密码', 'a-long-password');
  await page.locator('button[type=submit]').click();
  await page.getByText(locale === 'en' ? 'Welcome, 陈建国' : '欢迎，陈建国').waitFor();
  return { context, page };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `admin-people-${name}.png`) });

beforeAll(async () => {
  if (!haveChromium) {
    return;
  }
  harness = await startBrowserHarness();
  await setUpHelpdesk(harness);
});

afterAll(async () => {
  if (haveChromium) {
    await harness.close();
  }
});

describe.skipIf(!haveChromium)('people settings in the browser', () => {
  it('invites an agent, shows a taken email at the field, edits their groups and suspends them; the owner is protected', async () => {
    await call('POST', '/api/v2/groups', { group: { name: '售后支持', description: '退款、换货' } });
    const { context, page } = await staff();
    await page.goto(`${harness.base}/admin/agents`);
    await page.getByRole('cell', { name: /陈建国/ }).waitFor();

    await page.getByRole('button', { name: '邀请客服' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('王芳');
    await dialog.getByLabel('邮箱').fill('owner@yunfan.example.com');
    await shot(page, 'invite');
    await dialog.getByRole('button', { name: '发送邀请' }).click();
    // The server refuses the owner's address; its words land under the email field.
    await dialog.locator('.ant-form-item-explain-error').getByText(/已被其他用户使用/).waitFor();
    await dialog.getByLabel('邮箱').fill('wangfang@yunfan.example.com');
    await dialog.getByRole('button', { name: '发送邀请' }).click();
    await page.getByText('已发送邀请给 wangfang@yunfan.example.com').waitFor();
    await page.getByRole('cell', { name: /王芳/ }).waitFor();
    expect(harness.mails.some((m) => m.to.toString().includes('wangfang@yunfan.example.com'))).toBe(true);

    // Edit: add 售后支持 and make it the default group.
    const row = page.getByRole('row', { name: /王芳/ });
    await row.getByRole('button', { name: '编辑' }).click();
    await dialog.getByLabel('所属客服组').click();
    await pick(page, '售后支持');
    await dialog.getByLabel('默认组').click({ force: true });
    await pick(page, '售后支持');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByText('已保存').waitFor();
    await row.getByText('售后支持').waitFor();

    // Suspend, asked first; the row says so.
    await row.getByRole('button', { name: '暂停' }).click();
    await confirmPop(page);
    await page.getByText('已暂停 王芳').waitFor();
    await row.getByText('已暂停').waitFor();
    // The owner's suspend button is disabled, with the reason beside it.
    expect(await page.getByRole('row', { name: /陈建国/ }).getByRole('button', { name: '暂停' }).isDisabled()).toBe(true);
    await shot(page, 'agents');

    const users = await call<{ users: { name: string; suspended: boolean; default_group_id: number }[] }>('GET', '/api/v2/users?role=agent');
    const wang = users.users.find((u) => u.name === '王芳');
    expect(wang?.suspended).toBe(true);
    await context.close();
  }, 150_000);

  it('creates a custom role from grouped permissions, refuses deleting it while in use, and manages a group with members', async () => {
    const { context, page } = await staff();
    await page.goto(`${harness.base}/admin/roles`);
    await page.getByRole('cell', { name: /轻量客服/ }).waitFor();
    await page.getByRole('button', { name: '新建角色' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('角色名称').fill('质检专员');
    await dialog.getByText('所在组的工单').click();
    await dialog.getByText('查看报表').click();
    await dialog.getByText('管理共享宏').click();
    await shot(page, 'role-form');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByRole('cell', { name: '质检专员' }).waitFor();
    const roles = await call<{ custom_roles: { id: number; name: string; configuration: Record<string, unknown> }[] }>('GET', '/api/v2/custom_roles');
    const qa = roles.custom_roles.find((r) => r.name === '质检专员');
    expect(qa?.configuration).toMatchObject({ ticket_access: 'within-groups', view_reports: true, manage_macros: true, manage_users: false });

    // Give the role to an agent; deleting it is refused with the reason, in Chinese.
    await call('POST', '/api/v2/users', { user: { name: '刘洋', email: 'liuyang@yunfan.example.com', role: 'agent', custom_role_id: qa?.id } });
    await page.reload();
    const qaRow = page.getByRole('row', { name: /质检专员/ });
    await qaRow.getByRole('cell', { name: '1', exact: true }).waitFor();
    await qaRow.getByRole('button', { name: '删除' }).click();
    await confirmPop(page);
    await page.getByText('仍有客服在使用这个角色').waitFor();
    await shot(page, 'roles');

    // Groups: create one, add a member from the drawer, then delete it with confirmation.
    await page.goto(`${harness.base}/admin/groups`);
    await page.getByRole('button', { name: '新建客服组' }).click();
    await dialog.getByLabel('组名').fill('大客户组');
    await dialog.getByLabel('分配方式').click();
    await pick(page, '优先分给处理中工单最少的客服');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    const groupRow = page.getByRole('row', { name: /大客户组/ });
    await groupRow.getByRole('button', { name: '0 人' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('选择要加入的客服').click();
    await pick(page, /刘洋/);
    await drawer.getByRole('button', { name: '添 加' }).or(drawer.getByRole('button', { name: '添加' })).click();
    await drawer.getByText('liuyang@yunfan.example.com').waitFor();
    await groupRow.getByRole('button', { name: '1 人' }).waitFor();
    await shot(page, 'group-members');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
    const groups = await call<{ groups: { id: number; name: string }[] }>('GET', '/api/v2/groups');
    const big = groups.groups.find((g) => g.name === '大客户组');
    const routing = await call<{ group_routing: { mode: string } }>('GET', `/api/v2/routing/groups/${big?.id}`);
    expect(routing.group_routing.mode).toBe('least_open');
    await shot(page, 'groups');
    await groupRow.getByRole('button', { name: '删除' }).click();
    await confirmPop(page);
    await page.getByText('已删除', { exact: true }).waitFor();
    await groupRow.waitFor({ state: 'detached' });
    await context.close();
  }, 150_000);

  it('creates an organization and a customer who joins it by domain, edits, merges and deletes customers', async () => {
    await call('POST', '/api/v2/users', { user: { name: '孙丽（旧账号）', email: 'sunli.old@example.net' } });
    await call('POST', '/api/v2/users', { user: { name: '周强', email: 'zhouqiang@example.net' } });
    const { context, page } = await staff();
    await page.goto(`${harness.base}/admin/organizations`);
    await page.getByRole('button', { name: '新建组织' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('组织名称').fill('华创科技');
    const domains = dialog.getByLabel('邮箱域名');
    await domains.fill('huachuang');
    await domains.press('Enter');
    await dialog.locator('.ant-select-selection-item', { hasText: 'huachuang' }).waitFor();
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    // The server names the bad domain; it shows under the field.
    await dialog.locator('.ant-form-item-explain-error').getByText(/不是有效的域名/).waitFor();
    await dialog.locator('.ant-select-selection-item-remove').first().click();
    await domains.fill('huachuang.example.com');
    await domains.press('Enter');
    await dialog.locator('.ant-select-selection-item', { hasText: 'huachuang.example.com' }).waitFor();
    await dialog.getByRole('switch', { name: '共享工单' }).click();
    await shot(page, 'org-form');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByRole('link', { name: '华创科技' }).waitFor();
    await shot(page, 'organizations');

    await page.goto(`${harness.base}/admin/customers`);
    await page.getByRole('link', { name: '周强' }).waitFor();
    await page.getByRole('button', { name: '新建客户' }).click();
    await dialog.getByLabel('姓名').fill('孙丽');
    await dialog.getByLabel('邮箱').fill('sunli@huachuang.example.com');
    await dialog.getByLabel('电话').fill('abc');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await dialog.locator('.ant-form-item-explain-error').getByText(/只能包含数字/).waitFor();
    await dialog.getByLabel('电话').fill('138 0013 8000');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    const sunli = page.getByRole('row', { name: /sunli@huachuang/ });
    await sunli.getByRole('link', { name: '华创科技' }).waitFor();

    // Search finds customers only.
    await page.getByLabel('搜索姓名、邮箱、电话').fill('孙丽');
    await page.getByLabel('搜索姓名、邮箱、电话').press('Enter');
    await page.getByText('共 2 位客户').waitFor();
    await shot(page, 'customers');

    // Merge the old account into the new one, confirming in the dialog.
    await page.getByRole('row', { name: /sunli.old/ }).getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '合并到其他客户…' }).click();
    await dialog.getByLabel('合并到').fill('huachuang');
    await pick(page, /sunli@huachuang/);
    await shot(page, 'merge');
    await dialog.getByRole('button', { name: '合 并' }).or(dialog.getByRole('button', { name: '合并' })).click();
    await page.getByText('已合并到 孙丽').waitFor();
    await page.getByText('共 1 位客户').waitFor();
    const identities = await call<{ identities: { value: string }[] }>('GET', `/api/v2/users/${(await call<{ users: { id: number }[] }>('GET', '/api/v2/users/search?query=sunli@huachuang.example.com')).users[0]?.id}/identities`);
    expect(identities.identities.map((i) => i.value).sort()).toEqual(['sunli.old@example.net', 'sunli@huachuang.example.com']);

    // Delete 周强, asked first.
    await page.getByLabel('搜索姓名、邮箱、电话').fill('');
    await page.getByLabel('搜索姓名、邮箱、电话').press('Enter');
    await page.getByRole('row', { name: /周强/ }).getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '删除', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删 除' }).or(page.getByRole('dialog').getByRole('button', { name: '删除' })).click();
    await page.getByRole('row', { name: /周强/ }).waitFor({ state: 'detached' });
    await context.close();
  }, 150_000);

  it('imports users from CSV: a bad file lists every problem by row and column, a fixed one imports', async () => {
    await call('POST', '/api/v2/organizations', { organization: { name: '远景物流' } });
    const { context, page } = await staff();
    await page.goto(`${harness.base}/admin/import`);
    const bad = ['姓名,邮箱,角色,组织', '赵敏,zhaomin@example.org,客户,', ',nobody@example.org,客户,', '钱进,not-an-email,客户,', '吴越,wuyue@example.org,客户,不存在的公司'].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByText('有 3 行数据有误').waitFor();
    await page.getByRole('row', { name: /第 3 行.*姓名（name）/ }).waitFor();
    await page.getByRole('row', { name: /第 4 行.*邮箱（email）/ }).waitFor();
    await page.getByRole('row', { name: /第 5 行.*组织（organization）/ }).waitFor();
    await shot(page, 'import-errors');
    expect((await call<{ users: unknown[] }>('GET', '/api/v2/users/search?query=zhaomin@example.org')).users).toEqual([]);

    const good = ['姓名,邮箱,角色,组织', '赵敏,zhaomin@example.org,客户,远景物流', '钱进,qianjin@example.org,客户,'].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByText('已导入 2 位用户').waitFor();
    await page.getByRole('link', { name: '赵敏' }).waitFor();
    await shot(page, 'import-done');
    await context.close();

    // Once in English, to see the settings read naturally there too (the owner's own language wins over the browser's).
    const me = await call<{ user: { id: number } }>('GET', '/api/v2/users/me');
    await call('PUT', `/api/v2/users/${me.user.id}`, { user: { locale: 'en' } });
    const en = await staff('en');
    await en.page.goto(`${harness.base}/admin/agents`);
    await en.page.getByRole('button', { name: 'Invite agent' }).waitFor();
    await en.page.getByRole('cell', { name: /陈建国/ }).waitFor();
    await shot(en.page, 'agents-en');
    await en.context.close();
    await call('PUT', `/api/v2/users/${me.user.id}`, { user: { locale: 'zh-CN' } });
  }, 150_000);
});
