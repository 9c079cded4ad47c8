import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, eventually, field, haveChromium, setUpHelpdesk, shots, signedIn, startBrowserHarness } from './support/browser.js';

/**
 * The ticket page in a real browser: a form whose conditional field appears and is required
 * when its parent is answered (the server's refusal shown at the field), CCs, the history,
 * merging from the page and its print view; and the portal's request form with the customer's
 * fields and conditions.
 */
let harness: BrowserHarness;
const ids: Record<string, number> = {};
const owner = `Basic ${Buffer.from('owner@yunfan.example.com:a-long-password').toString('base64')}`;
const customer = `Basic ${Buffer.from('sunli@customer.example.com:customer-pass-1').toString('base64')}`;

async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, auth = owner): Promise<T> {
  const res = await harness.app.inject({ method, url, headers: { authorization: auth }, ...(payload === undefined ? {} : { payload: payload as object }) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json<T>();
}

const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `admin-ticket-${name}.png`), fullPage: true });

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).locator('.ant-select').click();
  await openDropdown(page).locator('.ant-select-item-option', { hasText: option }).click();
}

async function submitAs(page: Page, status: string): Promise<void> {
  await page.locator('.ant-dropdown-trigger').filter({ has: page.locator('.anticon-down, .anticon-ellipsis') }).last().click();
  await page.getByRole('menuitem', { name: `提交为${status}` }).click();
}

beforeAll(async () => {
  if (!haveChromium) {
    return;
  }
  harness = await startBrowserHarness();
  await setUpHelpdesk(harness);
  await call('POST', '/api/v2/users', { user: { name: '孙丽', email: 'sunli@customer.example.com', password: 'customer-pass-1' } });
  ids.cc = (await call<{ user: { id: number } }>('POST', '/api/v2/users', { user: { name: '周杰', email: 'zhoujie@customer.example.com' } })).user.id;
  const newField = async (body: object) => (await call<{ ticket_field: { id: number } }>('POST', '/api/v2/ticket_fields', { ticket_field: body })).ticket_field.id;
  ids.product = await newField({ type: 'tagger', title: '产品类型', titles: { en: 'Product' }, custom_field_options: [{ name: '手机', value: 'phone' }, { name: '电脑', value: 'computer' }], visible_in_portal: true, editable_in_portal: true });
  ids.model = await newField({ type: 'text', title: '手机型号', titles: { en: 'Phone model' }, visible_in_portal: true, editable_in_portal: true });
  ids.order = await newField({ type: 'regexp', title: '订单号', titles: { en: 'Order number' }, regexp_for_validation: '^\\d{8}$', visible_in_portal: true, editable_in_portal: true, description: '8 位数字，见订单详情页' });
  ids.risk = await newField({ type: 'checkbox', title: '高风险客户', titles: { en: 'High-risk customer' } });
  const condition = [{ parent_field_id: ids.product, value: 'phone', child_fields: [{ id: ids.model, is_required: true }] }];
  ids.form = (
    await call<{ ticket_form: { id: number } }>('POST', '/api/v2/ticket_forms', {
      ticket_form: { name: '售后维修', end_user_visible: true, default: true, ticket_field_ids: [ids.product, ids.model, ids.order, ids.risk], agent_conditions: condition, end_user_conditions: condition },
    })
  ).ticket_form.id;
  await call('POST', '/api/v2/ticket_forms', { ticket_form: { name: '账户问题', end_user_visible: true, ticket_field_ids: [ids.order] } });
});

afterAll(async () => {
  if (haveChromium) {
    await harness.close();
  }
});

describe.skipIf(!haveChromium)('the ticket page', () => {
  it('edits the form’s fields (a conditional one required at the field), adds a CC, and shows it all in the history', async () => {
    const made = await call<{ request: { id: number } }>('POST', '/api/v2/requests', { request: { subject: '手机无法开机', comment: { body: '昨天买的手机今天开不了机。' }, ticket_form_id: ids.form, custom_fields: [{ id: ids.product, value: 'computer' }] } }, customer);
    const id = made.request.id;
    const me = (await call<{ user: { id: number } }>('GET', '/api/v2/users/me')).user.id;
    await call('PUT', `/api/v2/tickets/${id}`, { ticket: { assignee_id: me } });
    const { context, page } = await signedIn(harness);
    page.setDefaultTimeout(20_000); // two cores shared with other suites: the first load can be slow
    await page.goto(`${harness.base}/tickets/${id}`);
    await page.getByText('昨天买的手机今天开不了机。').waitFor();
    const panel = page.getByTestId('properties');
    await panel.getByText('售后维修').first().waitFor();
    await page.getByTestId(`field-${ids.product}`).getByText('电脑').waitFor();
    expect(await page.getByTestId(`field-${ids.model}`).count()).toBe(0);

    // The requester's card: who, and their other tickets (none yet).
    await page.getByTestId('requester-link').getByText('孙丽').waitFor();

    // A CC, found by searching.
    await page.getByTestId('properties').getByLabel('抄送').fill('周杰');
    await openDropdown(page).locator('.ant-select-item-option', { hasText: 'zhoujie@customer.example.com' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '提 交' }).or(page.getByRole('button', { name: '提交', exact: true })).click();
    await page.getByText('已保存').first().waitFor();
    await page.getByTestId('cc-summary').getByText('抄送：周杰').waitFor();

    // Answering "手机" shows the model, required; solving without it is refused at the field.
    await choose(page, `field-${ids.product}`, '手机');
    const model = page.getByTestId(`field-${ids.model}`);
    await model.waitFor();
    expect(await model.locator('.ant-form-item-required').count()).toBe(1);
    await submitAs(page, '已解决');
    await model.getByText(/此字段必填|解决工单前必须填写/).waitFor();
    await shot(page, 'required-at-field');
    await page.getByText('请先完善标出的字段再提交。').waitFor();
    let ticket = (await call<{ ticket: { status: string; custom_fields: { id: number; value: unknown }[] } }>('GET', `/api/v2/tickets/${id}`)).ticket;
    expect(ticket.status).not.toBe('solved');

    await model.getByRole('textbox').fill('Mate 70');
    await submitAs(page, '已解决');
    await page.getByText('已保存').first().waitFor();
    await eventually(async () => (await call<{ ticket: { status: string } }>('GET', `/api/v2/tickets/${id}`)).ticket.status === 'solved');
    ticket = (await call<{ ticket: { status: string; custom_fields: { id: number; value: unknown }[] } }>('GET', `/api/v2/tickets/${id}`)).ticket;
    expect(ticket.custom_fields).toEqual(expect.arrayContaining([{ id: ids.product, value: 'phone' }, { id: ids.model, value: 'Mate 70' }]));
    await shot(page, 'properties');

    // The history names each change in words.
    await page.getByRole('tab', { name: '历史记录' }).click();
    const history = page.getByTestId('history');
    await history.getByText('Mate 70').waitFor();
    const lines = await history.getByTestId('audit-change').allInnerTexts();
    expect(lines.join('\n')).toMatch(/产品类型\s*电脑\s*手机/);
    expect(lines.join('\n')).toMatch(/状态\s*处理中\s*已解决/);
    expect(lines.join('\n')).toMatch(/抄送\s*（无）\s*周杰/);
    await history.getByText('通过 网页').first().waitFor();
    await shot(page, 'history');
    await context.close();
  }, 90_000);

  it('merges this ticket into another from the action menu, and prints cleanly', async () => {
    const target = (await call<{ request: { id: number } }>('POST', '/api/v2/requests', { request: { subject: '退款进度', comment: { body: '退款什么时候到账？' } } }, customer)).request.id;
    const source = (await call<{ request: { id: number } }>('POST', '/api/v2/requests', { request: { subject: '退款还没到', comment: { body: '再问一下退款。' } } }, customer)).request.id;
    const { context, page } = await signedIn(harness);
    page.setDefaultTimeout(20_000); // two cores shared with other suites: the first load can be slow
    await page.goto(`${harness.base}/tickets/${source}`);
    await page.getByText('再问一下退款。').waitFor();
    await page.getByTestId('requester-link').waitFor();
    await page.getByText(`#${target} 退款进度`).waitFor(); // the requester's other tickets

    // The print view: the conversation and a table of properties, no console around it.
    await page.emulateMedia({ media: 'print' });
    await page.getByText('打印于').waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-ticket-print.png'), fullPage: true });
    expect(await page.getByTestId('properties').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('ticket-actions').click();
    await page.getByRole('menuitem', { name: '合并到其他工单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('合并到').fill(`#${target}`);
    await openDropdown(page).locator('.ant-select-item-option', { hasText: '退款进度' }).click();
    await eventually(async () => (await dialog.getByLabel('本工单中的备注').inputValue()).includes(`#${target}`));
    await shot(page, 'merge');
    await dialog.getByRole('button', { name: '合 并' }).or(dialog.getByRole('button', { name: '合并', exact: true })).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '确认合并？' }).waitFor();
    await page.getByRole('button', { name: '确认合并' }).click();
    await page.waitForURL(`**/tickets/${target}`);
    await page.getByText(`已将 #${source} 合并到 #${target}`).waitFor();
    await page.getByText(`工单 #${source}「退款还没到」已合并到此工单。`).waitFor();
    const closed = (await call<{ ticket: { status: string } }>('GET', `/api/v2/tickets/${source}`)).ticket;
    expect(closed.status).toBe('closed');
    await context.close();
  }, 90_000);

  it('reads in English too', async () => {
    const id = (await call<{ request: { id: number } }>('POST', '/api/v2/requests', { request: { subject: 'Screen flickers', comment: { body: 'The screen flickers after the update.' }, ticket_form_id: ids.form, custom_fields: [{ id: ids.product, value: 'phone' }, { id: ids.model, value: 'P60' }] } }, customer)).request.id;
    const { context, page } = await signedIn(harness);
    page.setDefaultTimeout(20_000); // two cores shared with other suites: the first load can be slow
    // The owner's own language is Chinese; the switch remembered in the browser wins.
    await page.evaluate("localStorage.setItem('kefu.language', 'en')");
    await page.goto(`${harness.base}/tickets/${id}`);
    await page.getByText('The screen flickers after the update.').waitFor();
    await page.getByTestId(`field-${ids.model}`).getByText('Phone model').waitFor();
    await page.getByTestId('properties').getByText('Ticket form').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history').getByText('P60').first().waitFor();
    await shot(page, 'english');
    await context.close();
  }, 60_000);
});

describe.skipIf(!haveChromium)('the portal’s request form', () => {
  it('asks for the request type’s fields as its conditions show them, errors at the field, and shows the answers on the request', async () => {
    const context = await harness.browser.newContext({ reducedMotion: 'reduce', locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${harness.base}/portal/signin`);
    await field(page, '邮箱', 'sunli@customer.example.com');
    await field(page, '密码', 'customer-pass-1');
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await page.waitForURL('**/portal');
    await page.goto(`${harness.base}/portal/requests/new`);

    // Two forms are offered: the default is chosen; its customer fields show, the agents' do not.
    await page.getByLabel('请求类型').waitFor();
    await page.getByTestId(`field-${ids.product}`).waitFor();
    expect(await page.getByTestId(`field-${ids.risk}`).count()).toBe(0);
    expect(await page.getByTestId(`field-${ids.model}`).count()).toBe(0);
    await field(page, '主题', '手机屏幕碎了');
    await field(page, '问题描述', '摔了一下，屏幕碎了，能修吗？');
    await choose(page, `field-${ids.product}`, '手机');
    const model = page.getByTestId(`field-${ids.model}`);
    await model.waitFor();
    await page.getByTestId(`field-${ids.order}`).getByRole('textbox').fill('A123');
    await page.getByRole('button', { name: '提 交' }).or(page.getByRole('button', { name: '提交', exact: true })).click();
    await model.getByText('此字段必填').waitFor(); // checked before sending
    await model.getByRole('textbox').fill('Mate 60');
    await page.getByRole('button', { name: '提 交' }).or(page.getByRole('button', { name: '提交', exact: true })).click();
    // The server refuses the order number's format; the reason shows at that field.
    await page.getByTestId(`field-${ids.order}`).getByText('格式不正确').waitFor();
    await shot(page, 'portal-form');
    await page.getByTestId(`field-${ids.order}`).getByRole('textbox').fill('20261202');
    await page.getByRole('button', { name: '提 交' }).or(page.getByRole('button', { name: '提交', exact: true })).click();
    await page.waitForURL(/\/portal\/requests\/\d+$/);
    const details = page.getByTestId('request-fields');
    await details.getByText('Mate 60').waitFor();
    await details.getByText('20261202').waitFor();
    await details.getByText('手机').first().waitFor();
    await shot(page, 'portal-request');
    await context.close();
  }, 90_000);
});
