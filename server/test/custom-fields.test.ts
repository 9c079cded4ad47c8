import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let customer: { id: number; client: Client };
const ids: Record<string, number> = {};

type Ticket = { id: number; status: string; custom_fields: { id: number; value: unknown }[]; ticket_form_id: number | null };
const valueOf = (tk: Ticket, id: number | undefined) => tk.custom_fields.find((f) => f.id === id)?.value;

async function field(body: object): Promise<number> {
  const res = await desk.owner.post('/api/v2/ticket_fields', { ticket_field: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ ticket_field: { id: number } }>().ticket_field.id;
}

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'fields');
  agent = await createUser(desk, { name: '陈静', email: 'chenjing@fields.example.com', role: 'agent' });
  customer = await createUser(desk, { name: '吴磊', email: 'wulei@customer.example.com', role: 'end-user' });
  ids.order = await field({ type: 'regexp', title: '订单号', titles: { en: 'Order number' }, regexp_for_validation: '^\\d{8,14}$', visible_in_portal: true, editable_in_portal: true });
  ids.note = await field({ type: 'textarea', title: '故障描述' });
  ids.count = await field({ type: 'integer', title: '数量' });
  ids.amount = await field({ type: 'decimal', title: '金额' });
  ids.bought = await field({ type: 'date', title: '购买日期' });
  ids.warranty = await field({ type: 'checkbox', title: '在保', default_value: false });
  ids.product = await field({ type: 'tagger', title: '产品类型', custom_field_options: [{ name: '手机', value: 'phone' }, { name: '电脑', value: 'computer' }], required: true });
  ids.channels = await field({ type: 'multiselect', title: '购买渠道', custom_field_options: [{ name: '天猫', value: 'tmall' }, { name: '京东', value: 'jd' }, { name: '门店', value: 'store' }] });
  ids.link = await field({ type: 'url', title: '链接' });
  ids.region = await field({ type: 'tagger', title: '地区', custom_field_options: [{ name: '华东::上海', value: 'east_shanghai' }, { name: '华东::杭州', value: 'east_hangzhou' }, { name: '华南::广州', value: 'south_guangzhou' }] });
  ids.model = await field({ type: 'text', title: '手机型号' });
});
afterAll(async () => {
  await t.close();
});

describe('ticket fields', () => {
  it('validate every type on write, naming the field, and save nothing on a bad value', async () => {
    const good = await agent.client.post('/api/v2/tickets', {
      ticket: {
        subject: '屏幕碎了', comment: { body: '手机屏幕摔碎' }, requester_id: customer.id,
        custom_fields: [
          { id: ids.order, value: '2026112200123' }, { id: ids.count, value: '2' }, { id: ids.amount, value: 199.5 }, { id: ids.bought, value: '2026-11-11' },
          { id: ids.product, value: 'phone' }, { id: ids.channels, value: ['tmall', 'jd'] }, { id: ids.link, value: 'https://shop.example.com/o/1' }, { id: ids.region, value: 'east_hangzhou' },
        ],
      },
    });
    expect(good.statusCode, good.body).toBe(201);
    const tk = good.json<{ ticket: Ticket }>().ticket;
    expect(valueOf(tk, ids.count)).toBe(2);
    expect(valueOf(tk, ids.channels)).toEqual(['tmall', 'jd']);
    expect(valueOf(tk, ids.warranty)).toBe(false); // the default

    const before = (await agent.client.get('/api/v2/tickets')).json<{ tickets: unknown[] }>().tickets.length;
    const bad = await agent.client.post('/api/v2/tickets', {
      ticket: {
        subject: 'bad', comment: { body: 'x' }, requester_id: customer.id,
        custom_fields: [
          { id: ids.order, value: 'ABC' }, { id: ids.count, value: '1.5' }, { id: ids.bought, value: '2026-02-30' }, { id: ids.product, value: 'tablet' },
          { id: ids.channels, value: ['taobao'] }, { id: ids.link, value: 'javascript:alert(1)' }, { id: 999999, value: 'x' },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    const details = Object.keys(bad.json<{ details: Record<string, unknown> }>().details);
    for (const key of ['order', 'count', 'bought', 'product', 'channels', 'link']) {
      expect(details).toContain(`ticket.custom_fields[${ids[key]}]`);
    }
    expect(details).toContain('ticket.custom_fields[999999]');
    expect((await agent.client.get('/api/v2/tickets')).json<{ tickets: unknown[] }>().tickets.length).toBe(before);
  });

  it('rename and retire options without losing stored answers', async () => {
    const created = await agent.client.post('/api/v2/tickets', { ticket: { subject: '渠道', comment: { body: 'x' }, requester_id: customer.id, custom_fields: [{ id: ids.channels, value: ['store'] }] } });
    const id = created.json<{ ticket: Ticket }>().ticket.id;
    const options = (await desk.owner.get(`/api/v2/ticket_fields/${ids.channels}/options`)).json<{ custom_field_options: { id: number; value: string }[] }>().custom_field_options;
    const [tmall, jd] = options;
    // Rename 天猫, keep 京东, leave 门店 out (retired), add 拼多多.
    const res = await desk.owner.put(`/api/v2/ticket_fields/${ids.channels}`, { ticket_field: { custom_field_options: [{ id: tmall?.id, name: '天猫旗舰店' }, { id: jd?.id, name: '京东' }, { name: '拼多多' }] } });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<{ ticket_field: { custom_field_options: { name: string; value: string }[]; retired_options: { value: string }[] } }>().ticket_field;
    expect(f.custom_field_options.map((o) => o.name)).toEqual(['天猫旗舰店', '京东', '拼多多']);
    expect(f.custom_field_options[0]?.value).toBe('tmall');
    expect(f.retired_options.map((o) => o.value)).toEqual(['store']);
    // The old ticket keeps its retired answer and can still be edited…
    const kept = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { priority: 'high' } });
    expect(kept.statusCode).toBe(200);
    expect(valueOf(kept.json<{ ticket: Ticket }>().ticket, ids.channels)).toEqual(['store']);
    // …but nobody can choose the retired option again.
    const again = await agent.client.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x' }, requester_id: customer.id, custom_fields: [{ id: ids.channels, value: ['store'] }] } });
    expect(again.statusCode).toBe(422);
  });

  it('are required to solve when marked so', async () => {
    const created = await agent.client.post('/api/v2/tickets', { ticket: { subject: '没填产品', comment: { body: 'x' }, requester_id: customer.id, assignee_id: agent.id } });
    const id = created.json<{ ticket: Ticket }>().ticket.id;
    const refused = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ details: Record<string, { description: string }[]> }>().details[`ticket.custom_fields[${ids.product}]`]?.[0]?.description).toMatch(/解决工单前必须填写/);
    const solved = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved', custom_fields: [{ id: ids.product, value: 'computer' }] } });
    expect(solved.statusCode).toBe(200);
  });

  it('let end users fill only the fields the portal lets them edit', async () => {
    const ok = await customer.client.post('/api/v2/requests', { request: { subject: '查订单', comment: { body: '帮我查一下' }, custom_fields: [{ id: ids.order, value: '20261122009' }] } });
    expect(ok.statusCode, ok.body).toBe(201);
    const refused = await customer.client.post('/api/v2/requests', { request: { subject: '查订单', comment: { body: '帮我查一下' }, custom_fields: [{ id: ids.note, value: '内部字段' }] } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ details: Record<string, { error: string }[]> }>().details[`request.custom_fields[${ids.note}]`]?.[0]?.error).toBe('Forbidden');
    // End users list only the portal's fields.
    const listed = (await customer.client.get('/api/v2/ticket_fields')).json<{ ticket_fields: { id: number }[] }>().ticket_fields.map((f) => f.id);
    expect(listed).toEqual([ids.order]);
  });

  it('show visitors the portal form where the helpdesk takes anonymous requests, and only there', async () => {
    const fields = await desk.anonymous.get('/api/v2/ticket_fields');
    expect(fields.statusCode, fields.body).toBe(200);
    expect(fields.json<{ ticket_fields: { id: number }[] }>().ticket_fields.map((f) => f.id)).toEqual([ids.order]);
    expect((await desk.anonymous.get('/api/v2/ticket_forms')).statusCode).toBe(200);
    expect((await desk.anonymous.get('/api/v2/user_fields')).statusCode).toBe(401);

    const requester = { name: '游客', email: 'visitor@customer.example.com' };
    const bad = await desk.anonymous.post('/api/v2/requests', { request: { requester, subject: '查订单', comment: { body: '订单号填错了' }, custom_fields: [{ id: ids.order, value: 'abc' }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ details: Record<string, { error: string }[]> }>().details).toHaveProperty(`request.custom_fields[${ids.order}]`);
    const made = await desk.anonymous.post('/api/v2/requests', { request: { requester, subject: '查订单', comment: { body: '帮我查一下' }, custom_fields: [{ id: ids.order, value: '20261202001' }] } });
    expect(made.statusCode, made.body).toBe(201);
    const ticket = (await agent.client.get(`/api/v2/tickets/${made.json<{ request: { id: number } }>().request.id}`)).json<{ ticket: Ticket }>().ticket;
    expect(valueOf(ticket, ids.order)).toBe('20261202001');

    expect((await desk.owner.put('/api/v2/account/settings', { settings: { allow_anonymous_requests: false } })).statusCode).toBe(200);
    expect((await desk.anonymous.get('/api/v2/ticket_fields')).statusCode).toBe(401);
    expect((await desk.anonymous.get('/api/v2/ticket_forms')).statusCode).toBe(401);
    expect((await customer.client.get('/api/v2/ticket_fields')).statusCode).toBe(200);
    expect((await desk.owner.put('/api/v2/account/settings', { settings: { allow_anonymous_requests: true } })).statusCode).toBe(200);
  });
});

describe('ticket forms', () => {
  it('show and require a field only when its condition holds', async () => {
    const form = await desk.owner.post('/api/v2/ticket_forms', {
      ticket_form: {
        name: '售后维修',
        ticket_field_ids: [ids.product, ids.model, ids.note],
        agent_conditions: [{ parent_field_id: ids.product, value: 'phone', child_fields: [{ id: ids.model, is_required: true }] }],
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const formId = form.json<{ ticket_form: { id: number; default: boolean } }>().ticket_form.id;
    const base = { subject: '维修', comment: { body: '坏了' }, requester_id: customer.id, ticket_form_id: formId };
    const computer = await agent.client.post('/api/v2/tickets', { ticket: { ...base, custom_fields: [{ id: ids.product, value: 'computer' }] } });
    expect(computer.statusCode, computer.body).toBe(201);
    expect(computer.json<{ ticket: Ticket }>().ticket.ticket_form_id).toBe(formId);
    const phone = await agent.client.post('/api/v2/tickets', { ticket: { ...base, custom_fields: [{ id: ids.product, value: 'phone' }] } });
    expect(phone.statusCode).toBe(422);
    expect(Object.keys(phone.json<{ details: Record<string, unknown> }>().details)).toEqual([`ticket.custom_fields[${ids.model}]`]);
    const phoneOk = await agent.client.post('/api/v2/tickets', { ticket: { ...base, custom_fields: [{ id: ids.product, value: 'phone' }, { id: ids.model, value: 'Mate 70' }] } });
    expect(phoneOk.statusCode).toBe(201);

    const badForm = await desk.owner.post('/api/v2/ticket_forms', { ticket_form: { name: 'bad', ticket_field_ids: [ids.product], agent_conditions: [{ parent_field_id: ids.product, value: 'tablet', child_fields: [{ id: ids.model, is_required: false }] }] } });
    expect(badForm.statusCode).toBe(422);
    expect(Object.keys(badForm.json<{ details: Record<string, unknown> }>().details)).toEqual(expect.arrayContaining(['ticket_form.agent_conditions[0].value', 'ticket_form.agent_conditions[0].child_fields[0].id']));
  });
});

describe('user and organization fields', () => {
  it('store values by key, checked against the field', async () => {
    expect((await desk.owner.post('/api/v2/user_fields', { user_field: { type: 'tagger', key: 'member_level', title: '会员等级', custom_field_options: [{ name: '金卡', value: 'gold' }, { name: '银卡', value: 'silver' }] } })).statusCode).toBe(201);
    expect((await desk.owner.post('/api/v2/organization_fields', { organization_field: { type: 'date', key: 'contract_end', title: '合同到期' } })).statusCode).toBe(201);
    const user = await desk.owner.put(`/api/v2/users/${customer.id}`, { user: { user_fields: { member_level: 'gold' } } });
    expect(user.statusCode, user.body).toBe(200);
    expect(user.json<{ user: { user_fields: Record<string, unknown> } }>().user.user_fields).toEqual({ member_level: 'gold' });
    const badUser = await desk.owner.put(`/api/v2/users/${customer.id}`, { user: { user_fields: { member_level: 'platinum', shoe_size: 42 } } });
    expect(badUser.statusCode).toBe(422);
    expect(Object.keys(badUser.json<{ details: Record<string, unknown> }>().details).sort()).toEqual(['user.user_fields.member_level', 'user.user_fields.shoe_size']);
    const org = await desk.owner.post('/api/v2/organizations', { organization: { name: '云帆科技', organization_fields: { contract_end: '2027-06-30' } } });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json<{ organization: { organization_fields: Record<string, unknown> } }>().organization.organization_fields).toEqual({ contract_end: '2027-06-30' });
    const badOrg = await desk.owner.post('/api/v2/organizations', { organization: { name: '坏日期', organization_fields: { contract_end: '明年' } } });
    expect(badOrg.statusCode).toBe(422);

    // Triggers read the requester's fields by key.
    const trig = await desk.owner.post('/api/v2/triggers', {
      trigger: { title: '金卡客户优先', conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field: 'requester.custom_fields.member_level', operator: 'is', value: 'gold' }] }, actions: [{ field: 'priority', value: 'urgent' }] },
    });
    expect(trig.statusCode, trig.body).toBe(201);
    const gold = await customer.client.post('/api/v2/requests', { request: { subject: '金卡客户来信', comment: { body: '你好' } } });
    const goldId = gold.json<{ request: { id: number } }>().request.id;
    expect((await agent.client.get(`/api/v2/tickets/${goldId}`)).json<{ ticket: { priority: string } }>().ticket.priority).toBe('urgent');
    await desk.owner.delete(`/api/v2/triggers/${trig.json<{ trigger: { id: number } }>().trigger.id}`);
  });
});

describe('macros', () => {
  it('set fields and fill placeholders, previewed then applied in one audit', async () => {
    const macro = await desk.owner.post('/api/v2/macros', {
      macro: {
        title: '确认在保维修',
        actions: [
          { field: `custom_fields_${ids.warranty}`, value: 'true' },
          { field: 'priority', value: 'high' },
          { field: 'current_tags', value: '保修' },
          { field: 'comment_value', value: '{{ticket.requester.name}} 您好，工单 #{{ticket.id}} 已确认在保，{{current_user.name}} 将为您安排维修。' },
        ],
      },
    });
    expect(macro.statusCode, macro.body).toBe(201);
    const macroId = macro.json<{ macro: { id: number } }>().macro.id;
    const created = await agent.client.post('/api/v2/tickets', { ticket: { subject: '保修', comment: { body: '还在保修期吗' }, requester_id: customer.id } });
    const id = created.json<{ ticket: Ticket }>().ticket.id;
    const preview = await agent.client.get(`/api/v2/tickets/${id}/macros/${macroId}/apply`);
    expect(preview.statusCode, preview.body).toBe(200);
    const result = preview.json<{ result: { ticket: { priority: string }; comment: { body: string } } }>().result;
    expect(result.ticket.priority).toBe('high');
    expect(result.comment.body).toBe(`吴磊 您好，工单 #${id} 已确认在保，陈静 将为您安排维修。`);
    const applied = await agent.client.post(`/api/v2/tickets/${id}/macros/${macroId}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    const tk = applied.json<{ ticket: Ticket & { priority: string; tags: string[] } }>().ticket;
    expect(valueOf(tk, ids.warranty)).toBe(true);
    expect(tk.tags).toContain('保修');
    const audits = (await agent.client.get(`/api/v2/tickets/${id}/audits`)).json<{ audits: { metadata: { rules?: { kind: string; id: number }[] }; events: { type: string; body?: string }[] }[] }>().audits;
    const last = audits.at(-1);
    expect(last?.metadata.rules?.[0]).toMatchObject({ kind: 'macro', id: macroId });
    expect(last?.events.find((e) => e.type === 'Comment')?.body).toContain('已确认在保');
    expect((await agent.client.get(`/api/v2/macros/${macroId}`)).json<{ macro: { usage_count: number } }>().macro.usage_count).toBe(1);
  });
});
