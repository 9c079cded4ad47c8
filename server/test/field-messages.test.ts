import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCatalogue } from '../src/platform/field-messages.js';
import { negotiateLocale } from '../src/platform/i18n.js';
import { matchSentence, renderMessage } from '../src/platform/messages.js';
import { type Client, createHelpdesk, createUser, type Helpdesk, type TestApp, createTestApp } from './support/app.js';

/** Issue #6: a 422's field messages reach the reader in their language; codes and paths stay put. */
type Details = Record<string, { description: string; error: string }[]>;
type Refusal = { error: string; description: string; details: Details };

let t: TestApp;
let desk: Helpdesk;

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'field-messages');
});
afterAll(async () => {
  await t.close();
});

const send = async (client: Client, method: 'POST' | 'PUT', url: string, body: unknown, language?: string): Promise<Refusal> => {
  const res = await client.request(method, url, body, language ? { 'accept-language': language } : {});
  expect(res.statusCode).toBe(422);
  return res.json<Refusal>();
};

describe('zod issues', () => {
  const bad = { group: { name: '', description: 'x'.repeat(70_000), colour: 'red' } };

  it('say each field in Chinese by default (the helpdesk is zh-CN), with the path and codes of old', async () => {
    const body = await send(desk.owner, 'POST', '/api/v2/groups', bad);
    expect(body.error).toBe('RecordInvalid');
    expect(body.description).toBeTruthy();
    expect(Object.keys(body.details).sort()).toEqual(['group.colour', 'group.description', 'group.name']);
    expect(body.details['group.name']).toEqual([{ description: 'group.name: 不能为空', error: 'InvalidValue' }]);
    expect(body.details['group.description']?.[0]?.description).toMatch(/^group\.description: 最多 \d+ 个字符$/);
    expect(body.details['group.colour']).toEqual([{ description: 'colour 不是可识别的字段', error: 'UnknownField' }]);
  });

  it('say them in English to a client sending Accept-Language: en', async () => {
    const body = await send(desk.owner, 'POST', '/api/v2/groups', bad, 'en-US,en;q=0.9');
    expect(body.details['group.name']).toEqual([{ description: 'group.name: cannot be blank', error: 'InvalidValue' }]);
    expect(body.details['group.description']?.[0]?.description).toMatch(/^group\.description: must be at most \d+ characters$/);
    expect(body.details['group.colour']).toEqual([{ description: 'colour is not a known field', error: 'UnknownField' }]);
  });

  it('name the allowed values and the wrong types', async () => {
    const body = await send(desk.owner, 'POST', '/api/v2/users', { user: { name: '王五', email: 'not-an-address', role: 'boss', verified: 'yes' } });
    expect(body.details['user.email']?.[0]).toEqual({ description: 'user.email: 不是有效的邮箱地址', error: 'InvalidValue' });
    expect(body.details['user.role']?.[0]?.description).toMatch(/^user\.role: 必须是以下之一：end-user、agent、admin/);
    expect(body.details['user.verified']?.[0]).toEqual({ description: 'user.verified: 必须是 true 或 false', error: 'InvalidType' });
  });

  it('say a schema’s own sentence in Chinese when the catalogue has it', async () => {
    const body = await send(desk.owner, 'POST', '/api/v2/organizations', { organization: { name: '华创科技', domain_names: ['huachuang'] } });
    expect(body.details).toEqual({ 'organization.domain_names.0': [{ description: 'organization.domain_names.0: 不是有效的域名（例如 example.com）', error: 'InvalidValue' }] });
  });

  it('follow the signed-in user’s language when the request names none', async () => {
    const agent = await createUser(desk, { name: 'Alex', email: 'alex@field-messages.example.com', role: 'agent', locale: 'en' });
    const body = await send(agent.client, 'PUT', `/api/v2/users/${agent.id}`, { user: { name: ' ' } });
    expect(body.details['user.name']).toEqual([{ description: 'user.name: cannot be blank', error: 'InvalidValue' }]);
  });
});

describe('hand-written messages', () => {
  it('come from the catalogue in Chinese, and in English when asked', async () => {
    await desk.owner.post('/api/v2/groups', { group: { name: '售后' } });
    const zh = await send(desk.owner, 'POST', '/api/v2/groups', { group: { name: '售后' } });
    expect(zh.details).toEqual({ 'group.name': [{ description: '已有同名的组', error: 'DuplicateValue' }] });
    const en = await send(desk.owner, 'POST', '/api/v2/groups', { group: { name: '售后' } }, 'en');
    expect(en.details).toEqual({ 'group.name': [{ description: 'is already used by another group', error: 'DuplicateValue' }] });
  });

  it('fill in their parameters in either language', async () => {
    const body = { user: { name: '赵六', email: 'zhao@field-messages.example.com', role: 'end-user' } };
    await desk.owner.post('/api/v2/users', body);
    const zh = await send(desk.owner, 'POST', '/api/v2/users', body);
    expect(zh.details['user.email']).toEqual([{ description: 'zhao@field-messages.example.com 已被其他用户使用', error: 'DuplicateValue' }]);
    const en = await send(desk.owner, 'POST', '/api/v2/users', body, 'en');
    expect(en.details['user.email']).toEqual([{ description: 'zhao@field-messages.example.com is already being used by another user', error: 'DuplicateValue' }]);
  });

  it('translate the rules’ messages part by part', async () => {
    const trigger = { trigger: { title: 't', conditions: { all: [{ field: 'nope', operator: 'is', value: 'x' }] }, actions: [{ field: 'status', value: 'pending' }] } };
    const zh = await send(desk.owner, 'POST', '/api/v2/triggers', trigger);
    expect(zh.details['trigger.conditions.all[0].field']).toEqual([{ description: '“nope”不能用作触发器的条件', error: 'UnknownField' }]);
  });
});

describe('the tickets module', () => {
  it('says its refusals in the reader’s language, and their codes stay', async () => {
    const created = await desk.owner.post('/api/v2/tickets', { ticket: { subject: '打印机坏了', comment: { body: '卡纸' } } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ ticket: { id: number } }>().ticket.id;
    await desk.owner.put(`/api/v2/tickets/${id}`, { ticket: { status: 'open' } });
    const zh = await send(desk.owner, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'new' } });
    expect(zh.details['ticket.status']).toEqual([{ description: '工单不能改回“新建”状态', error: 'InvalidTransition' }]);
    const en = await send(desk.owner, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'new' } }, 'en');
    expect(en.details['ticket.status']).toEqual([{ description: 'a ticket cannot go back to new', error: 'InvalidTransition' }]);
  });

  it('names its schema’s refinements by key, said in either language', async () => {
    const ticket = { ticket: { subject: '打印机坏了', comment: { body: ' ' } } };
    const zh = await send(desk.owner, 'POST', '/api/v2/tickets', ticket);
    expect(zh.details).toEqual({ 'ticket.comment.body': [{ description: 'ticket.comment.body: 需要填写 body 或 html_body', error: 'InvalidValue' }] });
    const en = await send(desk.owner, 'POST', '/api/v2/tickets', ticket, 'en');
    expect(en.details).toEqual({ 'ticket.comment.body': [{ description: 'ticket.comment.body: needs a body or html_body', error: 'InvalidValue' }] });
  });
});

describe('the catalogue', () => {
  it('has every key in both languages, with the same parameters', () => {
    const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(fieldCatalogue['zh-CN']).sort()).toEqual(Object.keys(fieldCatalogue.en).sort());
    for (const [key, text] of Object.entries(fieldCatalogue.en)) {
      const zh = fieldCatalogue['zh-CN'][key as keyof typeof fieldCatalogue.en];
      expect(zh.trim(), key).not.toBe('');
      expect(names(zh), key).toEqual(names(text));
    }
  });

  it('reads back every English sentence it writes, so untranslated callers can be translated', () => {
    for (const key of Object.keys(fieldCatalogue.en) as (keyof typeof fieldCatalogue.en)[]) {
      if (key.startsWith('type.') || key.startsWith('rule_kind.') || key.startsWith('entity.') || key === 'field.wrong_type') {
        continue;
      }
      const english = renderMessage('en', { key, params: { key: 'k', value: 'v', email: 'a@b.c', count: 3, id: 7 } });
      const found = matchSentence(english);
      expect(found && renderMessage('en', found), key).toBe(english);
    }
  });

  it('picks the language an Accept-Language header prefers', () => {
    expect(negotiateLocale('en-GB,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(negotiateLocale('fr-FR,zh-TW;q=0.7,en;q=0.5')).toBe('zh-CN');
    expect(negotiateLocale('zh;q=0.2,en;q=0.8')).toBe('en');
    expect(negotiateLocale('fr')).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
  });
});
