import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
const ids: Record<string, number> = {};

async function ticket(key: string, subject: string, body: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await desk.owner.post('/api/v2/tickets', { ticket: { subject, comment: { body }, requester_id: desk.ownerId, ...extra } });
  if (res.statusCode !== 201) {
    throw new Error(res.body);
  }
  ids[key] = res.json<{ ticket: { id: number } }>().ticket.id;
}

async function search(client: Client, query: string): Promise<number[]> {
  const res = await client.get(`/api/v2/search.json?query=${encodeURIComponent(query)}`);
  if (res.statusCode !== 200) {
    throw new Error(`${query}: ${res.statusCode} ${res.body}`);
  }
  return res.json<{ results: { id: number }[] }>().results.map((r) => r.id).sort((a, b) => a - b);
}

const sorted = (...keys: string[]) => keys.map((k) => ids[k] ?? -1).sort((a, b) => a - b);

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'search');
  agent = await createUser(desk, { name: '王芳', email: 'wangfang@search.example.com', role: 'agent' });
  await ticket('refund', '申请退款', '我想申请退款，订单号 20261122001。', { tags: ['vip'], assignee_id: agent.id });
  await ticket('invoice', '发票开错了', '需要重新开增值税专用发票', { tags: ['财务'] });
  await ticket('login', '账号无法登录', '输入验证码后无法登录，提示密码错误');
  await ticket('english', 'Refund request for order 42', 'Please refund my order, the parcel never arrived.');
  await ticket('mixed', 'Kefu账号退款问题', '用 Kefu 的 API 申请 refund 失败');
  await ticket('unrelated', '物流咨询', '快递什么时候到？');
  // A later public reply is searchable too.
  await desk.owner.put(`/api/v2/tickets/${ids['unrelated']}`, { ticket: { comment: { body: '顺丰单号已发送，请查收' } } });
  await desk.owner.put(`/api/v2/tickets/${ids['invoice']}`, { ticket: { assignee_id: agent.id, status: 'solved' } });
});
afterAll(async () => {
  await t.close();
});

describe('Chinese search', () => {
  it('finds a two-character word inside longer words', async () => {
    expect(await search(desk.owner, '退款')).toEqual(sorted('refund', 'mixed'));
    expect(await search(desk.owner, '发票')).toEqual(sorted('invoice'));
    expect(await search(desk.owner, '单号')).toEqual(sorted('refund', 'unrelated'));
  });

  it('finds a longer phrase only where its characters are adjacent', async () => {
    expect(await search(desk.owner, '无法登录')).toEqual(sorted('login'));
    expect(await search(desk.owner, '"专用发票"')).toEqual(sorted('invoice'));
    expect(await search(desk.owner, '"登录无法"')).toEqual([]);
  });

  it('finds English words, case-insensitively, and mixed queries', async () => {
    expect(await search(desk.owner, 'refund')).toEqual(sorted('english', 'mixed'));
    expect(await search(desk.owner, 'PARCEL')).toEqual(sorted('english'));
    expect(await search(desk.owner, 'kefu 退款')).toEqual(sorted('mixed'));
    expect(await search(desk.owner, '"never arrived"')).toEqual(sorted('english'));
  });

  it('combines text with status, tag, assignee and time filters', async () => {
    expect(await search(desk.owner, '退款 tag:vip')).toEqual(sorted('refund'));
    expect(await search(desk.owner, '退款 -tag:vip')).toEqual(sorted('mixed'));
    expect(await search(desk.owner, '发票 status<solved')).toEqual([]);
    expect(await search(desk.owner, '发票 status:solved')).toEqual(sorted('invoice'));
    expect(await search(desk.owner, 'status<solved assignee:wangfang@search.example.com')).toEqual(sorted('refund'));
    expect(await search(agent.client, 'assignee:me')).toEqual(sorted('refund', 'invoice'));
    expect(await search(desk.owner, 'created>2026-01-01 tag:财务')).toEqual(sorted('invoice'));
    expect(await search(desk.owner, 'created<2026-01-01')).toEqual([]);
  });

  it('counts, finds people and organizations, and rejects bad filters', async () => {
    const count = await desk.owner.get(`/api/v2/search/count?query=${encodeURIComponent('退款')}`);
    expect(count.json()).toEqual({ count: 2 });
    await desk.owner.post('/api/v2/organizations', { organization: { name: '顺丰速运' } });
    const orgs = (await desk.owner.get(`/api/v2/search?query=${encodeURIComponent('type:organization 顺丰')}`)).json<{ results: { name: string; result_type: string }[] }>();
    expect(orgs.results).toMatchObject([{ name: '顺丰速运', result_type: 'organization' }]);
    const users = (await desk.owner.get(`/api/v2/search?query=${encodeURIComponent('type:user 王芳')}`)).json<{ results: { id: number }[] }>();
    expect(users.results.map((u) => u.id)).toEqual([agent.id]);
    expect((await desk.owner.get('/api/v2/search?query=status:sideways')).statusCode).toBe(422);
    expect((await desk.owner.get('/api/v2/search?query=')).statusCode).toBe(422);
  });

  it('shows each searcher only the tickets they may see', async () => {
    const roles = (await desk.owner.get('/api/v2/custom_roles')).json<{ custom_roles: { id: number; name: string }[] }>().custom_roles;
    const restricted = await desk.owner.post('/api/v2/custom_roles', { custom_role: { name: '只看分配', configuration: { ticket_access: 'assigned-only' } } });
    const roleId = restricted.statusCode === 201 ? restricted.json<{ custom_role: { id: number } }>().custom_role.id : roles[0]?.id;
    const limited = await createUser(desk, { name: '赵敏', email: 'zhaomin@search.example.com', role: 'agent', custom_role_id: roleId });
    expect(await search(limited.client, '退款')).toEqual([]);
    await desk.owner.put(`/api/v2/tickets/${ids['mixed']}`, { ticket: { assignee_id: limited.id } });
    expect(await search(limited.client, '退款')).toEqual(sorted('mixed'));
    const customer = await createUser(desk, { name: '客户', email: 'c@search.example.com', role: 'end-user' });
    expect((await customer.client.get('/api/v2/search?query=退款')).statusCode).toBe(403);
  });
});
