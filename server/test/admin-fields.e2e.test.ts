import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, eventually, haveChromium, owner, setUpHelpdesk, shots, signedIn, startBrowserHarness } from './support/browser.js';

/**
 * Settings for fields, forms and business hours in a real browser: a drop-down field with
 * options, a form that shows a field only when it applies, the server's refusals shown where
 * they belong, and a schedule with a lunch break and China's official holidays.
 */
let harness: BrowserHarness;
const auth = { authorization: `Basic ${Buffer.from(`${owner.email}:${owner.password}`).toString('base64')}` };

async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<{ status: number; body: T }> {
  const res = await harness.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
}

type Field = { id: number; title: string; custom_field_options?: { value: string; name: string }[] };
const fieldNamed = async (title: string) => (await call<{ ticket_fields: Field[] }>('GET', '/api/v2/ticket_fields')).body.ticket_fields.find((f) => f.title === title);

/** Fills the input labelled so; the label may carry "(可选)" after it, as optional fields do. */
async function field(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}(\\s*[(（]|$)`)).fill(value);
}

/** Picks an option in an open antd select (its options render in a floating list). */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  await page.keyboard.press('Escape');
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

describe.skipIf(!haveChromium)('fields, forms and business hours settings', () => {
  it('creates a drop-down field with options, and shows the server’s refusal at the field', async () => {
    const { context, page } = await signedIn(harness);
    page.setDefaultTimeout(20_000);
    await page.goto(`${harness.base}/admin/fields`);
    await page.getByText('主题', { exact: true }).waitFor();
    await page.getByText('还没有自定义字段').waitFor({ state: 'detached' }).catch(() => undefined);

    await page.getByRole('button', { name: '添加字段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('下拉列表', { exact: true }).click();
    await field(page, '名称', '产品线');
    await field(page, '英文名称', 'Product line');
    await dialog.getByRole('button', { name: '添加选项' }).click();
    await field(page, '选项 1 名称', '手机');
    await field(page, '选项 1 标签', 'phone');
    await dialog.getByRole('button', { name: '添加选项' }).click();
    await field(page, '选项 2 名称', '电脑');
    await dialog.getByLabel('客户可见').click();
    await dialog.getByLabel('客户可填写').click();
    await page.screenshot({ path: path.join(shots, 'admin-fields-dropdown.png') });
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByText('字段“产品线”已保存').waitFor();
    await page.getByText('2 个选项').waitFor();
    const created = await fieldNamed('产品线');
    expect(created?.custom_field_options?.map((o) => [o.name, o.value])).toEqual([
      ['手机', 'phone'],
      ['电脑', '电脑'],
    ]);

    // Edited: one more option, and the first one renamed; stored tags stay as they were.
    await page.getByRole('button', { name: '产品线', exact: true }).click();
    await page.getByText('编辑字段：产品线').waitFor();
    await field(page, '选项 1 名称', '智能手机');
    await dialog.getByRole('button', { name: '添加选项' }).click();
    await field(page, '选项 3 名称', '平板');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByText('3 个选项').waitFor();
    expect((await fieldNamed('产品线'))?.custom_field_options?.map((o) => [o.name, o.value])).toEqual([
      ['智能手机', 'phone'],
      ['电脑', '电脑'],
      ['平板', '平板'],
    ]);

    // A pattern the server cannot compile: its message lands under the pattern, the dialog stays.
    await page.getByRole('button', { name: '添加字段' }).click();
    await dialog.getByText('正则校验', { exact: true }).click();
    await field(page, '名称', '订单号');
    await field(page, '正则表达式', '^(\\d{8,14}$');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    const error = dialog.locator('.ant-form-item-explain-error', { hasText: '不是有效的正则表达式' });
    await error.waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-fields-error.png') });
    await field(page, '正则表达式', '^\\d{8,14}$');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByText('字段“订单号”已保存').waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-fields-list.png'), fullPage: true });
    await context.close();
  }, 150_000);

  it('puts the field on a form with a condition, which the server then enforces, and refuses to delete a field in use', async () => {
    for (const title of ['手机型号', 'IMEI']) {
      expect((await call('POST', '/api/v2/ticket_fields', { ticket_field: { type: 'text', title } })).status).toBe(201);
    }
    const { context, page } = await signedIn(harness);
    page.setDefaultTimeout(20_000);
    await page.goto(`${harness.base}/admin/forms`);
    await page.getByText('还没有工单表单').waitFor();
    await page.getByRole('button', { name: '新建表单' }).click();
    const drawer = page.locator('.ant-drawer');
    await field(page, '表单名称', '售后维修');
    await field(page, '帮助中心显示名称', '手机或电脑维修');
    for (const name of ['产品线', '手机型号', 'IMEI']) {
      await drawer.getByRole('button', { name: `添加 ${name}` }).click();
    }
    await drawer.getByRole('button', { name: '添加条件' }).click();
    // The first drop-down and its first option are chosen: when 产品线 is 手机, show and require 手机型号 and IMEI.
    await pick(page, '要显示的字段', '手机型号');
    await pick(page, '要显示的字段', 'IMEI');
    await pick(page, '其中必填的字段', 'IMEI');
    await page.screenshot({ path: path.join(shots, 'admin-forms-editor.png') });
    await drawer.getByRole('button', { name: '保 存' }).or(drawer.getByRole('button', { name: '保存' })).click();
    await page.getByText('表单“售后维修”已保存').waitFor();
    await page.getByText('客服 1 条').waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-forms-list.png') });

    const product = await fieldNamed('产品线');
    const model = await fieldNamed('手机型号');
    const imei = await fieldNamed('IMEI');
    const forms = (await call<{ ticket_forms: { id: number; default: boolean; agent_conditions: unknown[] }[] }>('GET', '/api/v2/ticket_forms')).body.ticket_forms;
    expect(forms).toHaveLength(1);
    expect(forms[0]?.default).toBe(true);
    expect(forms[0]?.agent_conditions).toEqual([{ parent_field_id: product?.id, value: 'phone', child_fields: [{ id: model?.id, is_required: false }, { id: imei?.id, is_required: true }] }]);
    // The effect: a phone ticket on this form needs its IMEI; a computer ticket does not.
    const ticket = (value: string) => ({ ticket: { subject: '屏幕碎了', comment: { body: '手机屏幕摔碎' }, ticket_form_id: forms[0]?.id, custom_fields: [{ id: product?.id, value }] } });
    const phone = await call<{ details: Record<string, unknown> }>('POST', '/api/v2/tickets', ticket('phone'));
    expect(phone.status).toBe(422);
    expect(Object.keys(phone.body.details)).toContain(`ticket.custom_fields[${imei?.id}]`);
    expect((await call('POST', '/api/v2/tickets', ticket('电脑'))).status).toBe(201);

    // Deleting a field the form uses is refused, and says where it is used.
    await page.goto(`${harness.base}/admin/fields`);
    const row = page.locator('tr', { hasText: '手机型号' });
    await row.getByRole('button', { name: '删 除' }).or(row.getByRole('button', { name: '删除' })).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删 除' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '删除' })).click();
    await page.getByTestId('field-usages').getByText('售后维修').waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-fields-in-use.png') });
    expect(await fieldNamed('手机型号')).toBeDefined();
    await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).click();

    // A field no form or rule uses is deleted after the confirmation.
    const orderRow = page.locator('tr', { hasText: '订单号' });
    await orderRow.getByRole('button', { name: '删 除' }).or(orderRow.getByRole('button', { name: '删除' })).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删 除' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '删除' })).click();
    await eventually(async () => (await fieldNamed('订单号')) === undefined);
    await orderRow.waitFor({ state: 'detached' });
    await context.close();
  }, 150_000);

  it('sets up a schedule with a lunch break and adds China’s official holidays', async () => {
    const { context, page } = await signedIn(harness);
    page.setDefaultTimeout(20_000);
    await page.goto(`${harness.base}/admin/schedules`);
    await page.getByRole('button', { name: '新建服务时间' }).first().click();
    await field(page, '名称', '售后客服');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '保 存' }).or(dialog.getByRole('button', { name: '保存' })).click();
    await page.getByRole('heading', { name: '售后客服' }).waitFor();
    const schedules = async () => (await call<{ schedules: { id: number; name: string; default: boolean; intervals: { start_time: number; end_time: number }[] }[] }>('GET', '/api/v2/business_hours/schedules')).body.schedules;
    const mine = async () => (await schedules()).find((s) => s.name === '售后客服');
    if (!(await mine())?.default) {
      await page.getByRole('button', { name: '设为默认' }).click();
      await eventually(async () => (await mine())?.default === true);
    }

    await page.getByRole('button', { name: '工作日 09:00–12:00、13:30–18:00' }).click();
    // Saturday mornings too: one more day, one interval.
    await page.getByLabel('周六营业').click();
    await page.getByRole('button', { name: '保存服务时间' }).click();
    await page.getByText('服务时间已保存').first().waitFor();
    const monday = 1440;
    await eventually(async () => JSON.stringify((await mine())?.intervals).includes(JSON.stringify({ start_time: monday + 810, end_time: monday + 1080 })));
    const intervals = (await mine())?.intervals ?? [];
    expect(intervals).toContainEqual({ start_time: monday + 540, end_time: monday + 720 });
    expect(intervals).toContainEqual({ start_time: 6 * 1440 + 540, end_time: 6 * 1440 + 1080 });
    expect(intervals).toHaveLength(11);

    await page.getByRole('button', { name: /添加 \d{4} 年法定节假日与调休/ }).first().click();
    await page.getByText(/已添加 \d{4} 年的 \d+ 项法定节假日与调休/).waitFor();
    await page.getByRole('cell', { name: '国庆节' }).first().waitFor();
    await page.getByText('调休上班').first().waitFor();
    await page.getByTestId('schedule-preview').waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-schedules.png'), fullPage: true });
    const id = (await mine())?.id;
    const holidays = async () => (await call<{ holidays: { name: string }[] }>('GET', `/api/v2/business_hours/schedules/${id}/holidays`)).body.holidays;
    const count = (await holidays()).length;
    expect(count).toBeGreaterThan(5);

    // Delete one, after confirming.
    const row = page.locator('tr', { hasText: '清明' });
    await row.getByRole('button', { name: '删 除' }).or(row.getByRole('button', { name: '删除' })).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删 除' }).or(page.locator('.ant-popconfirm').getByRole('button', { name: '删除' })).click();
    await eventually(async () => (await holidays()).length === count - 1);
    await context.close();

    // Once in English (the owner's own language is Chinese, so the choice is made as the language menu makes it).
    const en = await signedIn(harness);
    en.page.setDefaultTimeout(20_000);
    await en.page.evaluate("localStorage.setItem('kefu.language', 'en')");
    await en.page.goto(`${harness.base}/admin/schedules`);
    await en.page.getByText('Weekly hours').waitFor();
    await en.page.getByTestId('schedule-preview').waitFor();
    await en.page.screenshot({ path: path.join(shots, 'admin-schedules-en.png'), fullPage: true });
    await en.page.goto(`${harness.base}/admin/forms`);
    await en.page.getByText('Agents: 1').waitFor();
    await en.page.screenshot({ path: path.join(shots, 'admin-forms-en.png') });
    await en.context.close();
  }, 150_000);
});
