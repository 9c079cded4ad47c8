import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

/**
 * What the ticket page and the portal's request form need from the API beyond the basics:
 * the requester sees the values of the fields the portal shows them (and only those), and a
 * form's conditional requirement does not block a reply on a ticket whose answers predate it.
 */
let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let customer: { id: number; client: Client };
const ids: Record<string, number> = {};

type FieldValue = { id: number; value: unknown };
type Details = { details: Record<string, { description: string; error: string }[]> };

async function field(body: object): Promise<number> {
  const res = await desk.owner.post('/api/v2/ticket_fields', { ticket_field: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ ticket_field: { id: number } }>().ticket_field.id;
}

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'ticketpage');
  agent = await createUser(desk, { name: '陈静', email: 'chenjing@ticketpage.example.com', role: 'agent' });
  customer = await createUser(desk, { name: '吴磊', email: 'wulei@customer.example.com', role: 'end-user' });
  ids.order = await field({ type: 'text', title: '订单号', visible_in_portal: true, editable_in_portal: true });
  ids.secret = await field({ type: 'text', title: '内部评估' });
  ids.product = await field({ type: 'tagger', title: '产品类型', custom_field_options: [{ name: '手机', value: 'phone' }, { name: '电脑', value: 'computer' }], visible_in_portal: true, editable_in_portal: true });
  ids.model = await field({ type: 'text', title: '手机型号', visible_in_portal: true, editable_in_portal: true });
});
afterAll(async () => {
  await t.close();
});

describe('requests (the portal)', () => {
  it('carry the values of the fields the portal shows, never the agents’ own', async () => {
    const made = await customer.client.post('/api/v2/requests', { request: { subject: '退货', comment: { body: '想退货' }, custom_fields: [{ id: ids.order, value: 'A-2026' }] } });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ request: { id: number; custom_fields: FieldValue[] } }>().request.id;
    expect(made.json<{ request: { custom_fields: FieldValue[] } }>().request.custom_fields).toEqual([{ id: ids.order, value: 'A-2026' }]);
    const set = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { custom_fields: [{ id: ids.secret, value: '高风险客户' }] } });
    expect(set.statusCode, set.body).toBe(200);

    const shown = (await customer.client.get(`/api/v2/requests/${id}`)).json<{ request: { custom_fields: FieldValue[] } }>().request.custom_fields;
    expect(shown).toEqual([{ id: ids.order, value: 'A-2026' }]);
    const listed = (await customer.client.get('/api/v2/requests')).json<{ requests: { id: number; custom_fields: FieldValue[] }[] }>().requests.find((r) => r.id === id);
    expect(listed?.custom_fields).toEqual([{ id: ids.order, value: 'A-2026' }]);
    const replied = await customer.client.put(`/api/v2/requests/${id}`, { request: { comment: { body: '补充：已寄出' } } });
    expect(replied.json<{ request: { custom_fields: FieldValue[] } }>().request.custom_fields).toEqual([{ id: ids.order, value: 'A-2026' }]);
    // The agent sees both.
    const ticket = (await agent.client.get(`/api/v2/tickets/${id}`)).json<{ ticket: { custom_fields: FieldValue[] } }>().ticket;
    expect(ticket.custom_fields).toEqual(expect.arrayContaining([{ id: ids.secret, value: '高风险客户' }]));
  });
});

describe('a form’s conditional requirement', () => {
  it('is asked for when the answers change or the ticket is solved, not on a plain reply', async () => {
    const form = await desk.owner.post('/api/v2/ticket_forms', {
      ticket_form: {
        name: '售后维修',
        end_user_visible: true,
        ticket_field_ids: [ids.product, ids.model],
        agent_conditions: [{ parent_field_id: ids.product, value: 'phone', child_fields: [{ id: ids.model, is_required: true }] }],
        end_user_conditions: [{ parent_field_id: ids.product, value: 'phone', child_fields: [{ id: ids.model, is_required: true }] }],
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const formId = form.json<{ ticket_form: { id: number } }>().ticket_form.id;
    const made = await agent.client.post('/api/v2/tickets', { ticket: { subject: '维修', comment: { body: '坏了' }, requester_id: customer.id, ticket_form_id: formId, custom_fields: [{ id: ids.product, value: 'computer' }] } });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ ticket: { id: number } }>().ticket.id;

    // Changing the answer to "phone" asks for the model, at the field.
    const phone = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { custom_fields: [{ id: ids.product, value: 'phone' }] } });
    expect(phone.statusCode).toBe(422);
    expect(Object.keys(phone.json<Details>().details)).toEqual([`ticket.custom_fields[${ids.model}]`]);

    // An answer that predates the condition (set while the form had none) does not block a reply.
    const loose = await desk.owner.put(`/api/v2/ticket_forms/${formId}`, { ticket_form: { name: '售后维修', end_user_visible: true, ticket_field_ids: [ids.product, ids.model] } });
    expect(loose.statusCode, loose.body).toBe(200);
    expect((await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { custom_fields: [{ id: ids.product, value: 'phone' }] } })).statusCode).toBe(200);
    const strict = await desk.owner.put(`/api/v2/ticket_forms/${formId}`, {
      ticket_form: { name: '售后维修', end_user_visible: true, ticket_field_ids: [ids.product, ids.model], agent_conditions: [{ parent_field_id: ids.product, value: 'phone', child_fields: [{ id: ids.model, is_required: true }] }], end_user_conditions: [{ parent_field_id: ids.product, value: 'phone', child_fields: [{ id: ids.model, is_required: true }] }] },
    });
    expect(strict.statusCode, strict.body).toBe(200);
    expect((await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { comment: { body: '已联系客户', public: false }, assignee_id: agent.id } })).statusCode).toBe(200);
    expect((await customer.client.put(`/api/v2/requests/${id}`, { request: { comment: { body: '什么时候修好？' } } })).statusCode).toBe(200);

    // Solving still needs it; with it, the ticket solves.
    const solve = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved' } });
    expect(solve.statusCode).toBe(422);
    expect(Object.keys(solve.json<Details>().details)).toEqual([`ticket.custom_fields[${ids.model}]`]);
    const solved = await agent.client.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved', custom_fields: [{ id: ids.model, value: 'Mate 70' }] } });
    expect(solved.statusCode, solved.body).toBe(200);

    // The portal asks the requester for it on a new request of that form.
    const portal = await customer.client.post('/api/v2/requests', { request: { subject: '手机坏了', comment: { body: '开不了机' }, ticket_form_id: formId, custom_fields: [{ id: ids.product, value: 'phone' }] } });
    expect(portal.statusCode).toBe(422);
    expect(Object.keys(portal.json<Details>().details)).toEqual([`request.custom_fields[${ids.model}]`]);
  });
});
