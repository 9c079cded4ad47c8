import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, eventually, field, haveChromium, owner, setUpHelpdesk, shots, signedIn, startBrowserHarness } from './support/browser.js';

/**
 * The business-rules settings in a real browser: an administrator who writes no code builds
 * a trigger with the condition and action builders, sees the server's refusal at the row it
 * concerns, orders triggers, and is told why an automation that would repeat is refused.
 */
let harness: BrowserHarness;
const auth = { authorization: `Basic ${Buffer.from(`${owner.email}:${owner.password}`).toString('base64')}` };

async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object): Promise<T> {
  const res = await harness.app.inject({ method, url, headers: auth, ...(body ? { payload: body } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return (res.body ? res.json() : undefined) as T;
}

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

/** A signed-in window; the CI machine is shared, so actions get more time than the harness's 10 s. */
async function opened() {
  const { context, page } = await signedIn(harness);
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** Waits for a part of the page to show a text (the page updates after the server answers). */
async function see(part: Locator, text: string): Promise<void> {
  await eventually(async () => ((await part.textContent()) ?? '').includes(text));
}

/** Picks an option in the n-th dropdown of a row by typing part of its name, as a person would. */
async function pick(page: Page, scope: Locator, index: number, option: string): Promise<void> {
  await scope.locator('.ant-select').nth(index).click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).first().click();
}

describe.skipIf(!haveChromium)('business rules in the browser', () => {
  it('builds a trigger with the builder; the server’s refusal shows at its row; a new ticket gets its changes', async () => {
    const finance = (await call<{ group: { id: number } }>('POST', '/api/v2/groups', { group: { name: '财务组' } })).group.id;
    const { context, page } = await opened();
    await page.goto(`${harness.base}/admin/triggers`);
    await page.getByRole('button', { name: '新建触发器' }).click();
    const drawer = page.getByRole('dialog');
    await field(page, '名称', '退款申请转财务组');

    // Condition 1 starts as "工单是 新建的"; add "工单标题 包含以下任一词 退款".
    await see(drawer.getByTestId('condition-all-0'), '新建的');
    await drawer.getByTestId('conditions-all').getByRole('button', { name: '添加条件' }).click();
    const subject = drawer.getByTestId('condition-all-1');
    await pick(page, subject, 0, '工单标题');
    await see(subject, '包含以下任一词');
    await subject.locator('input.ant-input').fill('退款');

    // Actions: group, priority, tag, and an email to an address typed wrong.
    const actions = drawer.getByTestId('actions');
    await pick(page, drawer.getByTestId('action-0'), 0, '分配给客服组');
    await pick(page, drawer.getByTestId('action-0'), 1, '财务组');
    await actions.getByRole('button', { name: '添加动作' }).click();
    await pick(page, drawer.getByTestId('action-1'), 0, '设置优先级');
    await pick(page, drawer.getByTestId('action-1'), 1, '高');
    await actions.getByRole('button', { name: '添加动作' }).click();
    await pick(page, drawer.getByTestId('action-2'), 0, '添加标签');
    await drawer.getByTestId('action-2').locator('.ant-select input').last().fill('refund');
    await page.keyboard.press('Enter');
    await actions.getByRole('button', { name: '添加动作' }).click();
    await pick(page, drawer.getByTestId('action-3'), 0, '邮件通知地址');
    const mail = drawer.getByTestId('action-3');
    await mail.getByPlaceholder('name@example.com').fill('finance-at-yunfan');
    await mail.getByPlaceholder('邮件主题').fill('新的退款申请 #{{ticket.id}}');
    await mail.getByRole('textbox').last().fill('');
    await mail.getByText('请求者姓名').click();
    expect(await mail.getByRole('textbox').last().inputValue()).toBe('{{ticket.requester.name}}');

    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    // The server words it in the reader's language.
    await see(mail.getByRole('alert'), '收件人必须是邮箱地址');
    await see(drawer.getByTestId('editor-alert'), '请修正下方标红的内容');
    await page.screenshot({ path: path.join(shots, 'admin-rules-trigger-error.png') });

    await mail.getByPlaceholder('name@example.com').fill('finance@yunfan.example.com');
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByText('退款申请转财务组', { exact: true }).waitFor();

    const { triggers } = await call<{ triggers: { title: string; conditions: { all: object[] }; actions: { field: string; value: unknown }[] }[] }>('GET', '/api/v2/triggers');
    const saved = triggers.find((x) => x.title === '退款申请转财务组');
    expect(saved?.conditions.all).toEqual([{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'subject_includes_word', operator: 'includes', value: '退款' }]);
    expect(saved?.actions.map((a) => a.field)).toEqual(['group_id', 'priority', 'current_tags', 'notification_email']);

    // A ticket made through the API gets the trigger's changes.
    const made = await call<{ ticket: { id: number; group_id: number; priority: string; tags: string[] } }>('POST', '/api/v2/tickets', { ticket: { subject: '申请退款：订单 2026120188', comment: { body: '商品有质量问题，申请退款。' }, requester: { name: '王芳', email: 'wangfang@customer.example.com' } } });
    expect(made.ticket).toMatchObject({ group_id: finance, priority: 'high' });
    expect(made.ticket.tags).toContain('refund');
    await eventually(async () => harness.mails.some((m) => m.to === 'finance@yunfan.example.com' && m.subject.includes(String(made.ticket.id))));

    // The dry run on that ticket: a created-ticket trigger does not hold for an edit.
    await page.getByText('退款申请转财务组', { exact: true }).click();
    await drawer.getByPlaceholder('工单号').fill(String(made.ticket.id));
    await drawer.getByRole('button', { name: '测 试' }).or(drawer.getByRole('button', { name: '测试' })).click();
    await drawer.getByText(`工单 #${made.ticket.id} 当前不符合条件`).waitFor();
    await see(drawer.getByTestId('dry-run'), '工单标题 包含以下任一词 退款成立');
    await page.screenshot({ path: path.join(shots, 'admin-rules-trigger-dry-run.png') });
    await context.close();
  }, 240_000);

  it('reorders triggers with the arrows, switches one off and deletes one after asking', async () => {
    for (const title of ['VIP 客户优先', '夜间工单提醒']) {
      await call('POST', '/api/v2/triggers', { trigger: { title, conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'vip' }] }, actions: [{ field: 'priority', value: 'urgent' }] } });
    }
    const titles = async () => (await call<{ triggers: { title: string; active: boolean }[] }>('GET', '/api/v2/triggers')).triggers;
    const before = (await titles()).map((x) => x.title);
    const { context, page } = await opened();
    await page.goto(`${harness.base}/admin/triggers`);
    const row = page.getByRole('row', { name: /夜间工单提醒/ });
    await row.getByRole('button', { name: '上移' }).click();
    await eventually(async () => (await titles()).map((x) => x.title).indexOf('夜间工单提醒') === before.indexOf('夜间工单提醒') - 1);
    await see(page.getByRole('row').nth(before.indexOf('夜间工单提醒')), '夜间工单提醒');

    await row.getByRole('switch').click();
    await eventually(async () => (await titles()).find((x) => x.title === '夜间工单提醒')?.active === false);
    await page.screenshot({ path: path.join(shots, 'admin-rules-triggers.png') });

    await page.getByRole('row', { name: /VIP 客户优先/ }).getByRole('button', { name: '删 除' }).or(page.getByRole('row', { name: /VIP 客户优先/ }).getByRole('button', { name: '删除' })).click();
    await page.getByText('删除触发器“VIP 客户优先”？此操作无法撤销。').waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s?除/ }).click();
    await eventually(async () => !(await titles()).some((x) => x.title === 'VIP 客户优先'));
    await context.close();
  }, 240_000);

  it('says why an automation that would act every hour is refused, at its conditions', async () => {
    const { context, page } = await opened();
    await page.goto(`${harness.base}/admin/automations`);
    await page.getByRole('button', { name: '新建自动化' }).click();
    const drawer = page.getByRole('dialog');
    await field(page, '名称', '待回复 72 小时提醒客户');
    const hours = drawer.getByTestId('condition-all-0');
    await pick(page, hours, 0, '处于“待回复”的小时数');
    await pick(page, hours, 1, '多于');
    await hours.locator('input').last().fill('72');
    await pick(page, drawer.getByTestId('action-0'), 0, '添加标签');
    await drawer.getByTestId('action-0').locator('.ant-select input').last().fill('reminded');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    await see(drawer.getByTestId('conditions-all-error'), '必须有一个条件会被自身的动作改为不成立');
    await page.screenshot({ path: path.join(shots, 'admin-rules-automation-refused.png') });

    // The fix the message suggests: tags do not include "reminded".
    await drawer.getByTestId('conditions-all').getByRole('button', { name: '添加条件' }).click();
    const tags = drawer.getByTestId('condition-all-1');
    await pick(page, tags, 0, '标签');
    await pick(page, tags, 1, '不包含以下任何');
    await tags.locator('.ant-select input').last().fill('reminded');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    await drawer.waitFor({ state: 'hidden' });
    const { automations } = await call<{ automations: { title: string }[] }>('GET', '/api/v2/automations');
    expect(automations.map((a) => a.title)).toContain('待回复 72 小时提醒客户');
    await context.close();
  }, 240_000);
  it('builds a view with a live count, a macro with its reply, and an SLA policy with targets per priority', async () => {
    const { context, page } = await opened();
    const save = () => page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
    const drawer = page.getByRole('dialog');

    // A view of the finance group's unsolved tickets: the refund ticket of the first test is in it.
    await page.goto(`${harness.base}/admin/views`);
    await page.getByRole('button', { name: '新建视图' }).click();
    await field(page, '名称', '财务组 · 未解决');
    await drawer.getByTestId('conditions-all').getByRole('button', { name: '添加条件' }).click();
    const group = drawer.getByTestId('condition-all-1');
    await pick(page, group, 0, '客服组');
    await pick(page, group, 2, '财务组');
    await drawer.getByTestId('view-preview').getByRole('button').click();
    await see(drawer.getByTestId('view-preview'), '当前有 1 张工单符合条件');
    await drawer.locator('.ant-select', { hasText: '添加列' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="优先级"]').click();
    await page.screenshot({ path: path.join(shots, 'admin-rules-view-editor.png') });
    await save();
    await drawer.waitFor({ state: 'hidden' });
    const { views } = await call<{ views: { title: string; execution: { columns: { id: string }[] } }[] }>('GET', '/api/v2/views?active=true');
    expect(views.find((v) => v.title === '财务组 · 未解决')?.execution.columns.map((c) => c.id)).toEqual(['status', 'subject', 'requester', 'updated', 'assignee', 'priority']);

    // A macro with a reply carrying a placeholder, and a status.
    await page.goto(`${harness.base}/admin/macros`);
    await page.getByRole('button', { name: '新建宏' }).click();
    await drawer.getByRole('textbox', { name: '名称' }).fill('退款::已受理');
    await drawer.getByRole('textbox').last().fill('您好，退款申请已受理，我们会在 3 个工作日内处理。');
    await drawer.getByText('请求者姓名').click();
    await drawer.getByTestId('actions').getByRole('button', { name: '添加动作' }).click();
    await pick(page, drawer.getByTestId('action-0'), 0, '设置状态');
    await pick(page, drawer.getByTestId('action-0'), 1, '待回复');
    await save();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByText('退款::已受理', { exact: true }).waitFor();
    const { macros } = await call<{ macros: { title: string; actions: { field: string; value: string }[] }[] }>('GET', '/api/v2/macros');
    expect(macros.find((m) => m.title === '退款::已受理')?.actions).toEqual([
      { field: 'status', value: 'pending' },
      { field: 'comment_value', value: '您好，退款申请已受理，我们会在 3 个工作日内处理。{{ticket.requester.name}}' },
      { field: 'comment_mode_is_public', value: 'true' },
    ]);

    // An SLA policy for VIP customers: urgent tickets answered within 1 hour.
    await page.goto(`${harness.base}/admin/sla`);
    await page.getByRole('button', { name: '新建 SLA 策略' }).click();
    await drawer.getByRole('textbox', { name: '名称' }).fill('VIP 客户');
    await drawer.getByTestId('conditions-all').getByRole('button', { name: '添加条件' }).click();
    await pick(page, drawer.getByTestId('condition-all-0'), 0, '标签');
    await drawer.getByTestId('condition-all-0').locator('.ant-select input').last().fill('vip');
    await page.keyboard.press('Enter');
    await drawer.getByTestId('sla-first_reply_time-urgent').locator('input').first().fill('1');
    await drawer.getByTestId('sla-first_reply_time-high').locator('input').first().fill('4');
    await page.screenshot({ path: path.join(shots, 'admin-rules-sla-editor.png') });
    await save();
    await drawer.waitFor({ state: 'hidden' });
    const { sla_policies } = await call<{ sla_policies: { title: string; filter: object; policy_metrics: object[] }[] }>('GET', '/api/v2/slas/policies');
    expect(sla_policies.find((p) => p.title === 'VIP 客户')).toMatchObject({
      filter: { all: [{ field: 'current_tags', operator: 'includes', value: 'vip' }], any: [] },
      policy_metrics: [
        { metric: 'first_reply_time', priority: 'urgent', target: 60, business_hours: true },
        { metric: 'first_reply_time', priority: 'high', target: 240, business_hours: true },
      ],
    });
    await context.close();
  }, 240_000);
});
