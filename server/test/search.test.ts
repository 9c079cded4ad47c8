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
  t = await createTestApp({ KEFU_SIGNUP: 'open' });
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
    expect((await desk.owner.get(`/api/v2/search?query=${encodeURIComponent('退款 status<new status:sideways')}`)).statusCode).toBe(422);
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

describe('search answers visibility and common filters from the index', () => {
  it('follows a ticket into and out of a group for an agent restricted to groups', async () => {
    const role = await desk.owner.post('/api/v2/custom_roles', { custom_role: { name: '组内可见', configuration: { ticket_access: 'within-groups' } } });
    expect(role.statusCode).toBe(201);
    const groupA = (await desk.owner.post('/api/v2/groups', { group: { name: '售后一组' } })).json<{ group: { id: number } }>().group.id;
    const groupB = (await desk.owner.post('/api/v2/groups', { group: { name: '售后二组' } })).json<{ group: { id: number } }>().group.id;
    const member = await createUser(desk, { name: '李雷', email: 'lilei@search.example.com', role: 'agent', custom_role_id: role.json<{ custom_role: { id: number } }>().custom_role.id, group_ids: [groupA] });
    await ticket('moving', '保修维修申请', '屏幕坏了，申请保修', { group_id: groupB });
    expect(await search(member.client, '保修')).toEqual([]);
    await desk.owner.put(`/api/v2/tickets/${ids['moving']}`, { ticket: { group_id: groupA } });
    expect(await search(member.client, '保修')).toEqual(sorted('moving'));
    expect(await search(member.client, `保修 group:${groupA}`)).toEqual(sorted('moving'));
    expect(await search(member.client, `保修 group:${groupB}`)).toEqual([]);
    await desk.owner.put(`/api/v2/tickets/${ids['moving']}`, { ticket: { group_id: groupB } });
    expect(await search(member.client, '保修')).toEqual([]);
    // Assigned to them, they see it whatever its group.
    await desk.owner.put(`/api/v2/tickets/${ids['moving']}`, { ticket: { group_id: groupA, assignee_id: member.id } });
    await desk.owner.put(`/api/v2/tickets/${ids['moving']}`, { ticket: { group_id: groupB, assignee_id: member.id } }).then((r) => expect(r.statusCode).toBe(422));
    expect(await search(member.client, '保修 assignee:me')).toEqual(sorted('moving'));
    expect(await search(desk.owner, '保修 assignee:none')).toEqual([]);
    const counted = await member.client.get(`/api/v2/search/count?query=${encodeURIComponent('保修')}`);
    expect(counted.json()).toEqual({ count: 1 });
  });

  it('hides deleted tickets and finds them again once restored', async () => {
    await ticket('binned', '投诉快递员态度', '快递员态度恶劣，我要投诉');
    expect(await search(desk.owner, '投诉')).toEqual(sorted('binned'));
    expect((await desk.owner.delete(`/api/v2/tickets/${ids['binned']}`)).statusCode).toBe(204);
    expect(await search(desk.owner, '投诉')).toEqual([]);
    expect((await desk.owner.get(`/api/v2/search/count?query=${encodeURIComponent('投诉')}`)).json()).toEqual({ count: 0 });
    expect((await desk.owner.put(`/api/v2/deleted_tickets/${ids['binned']}/restore`)).statusCode).toBe(200);
    expect(await search(desk.owner, '投诉')).toEqual(sorted('binned'));
  });

  it('follows status and tag changes made without new text', async () => {
    await ticket('coupon', '优惠券无法使用', '结算时优惠券显示已过期', { tags: ['促销'] });
    expect(await search(desk.owner, '优惠券 status<solved')).toEqual(sorted('coupon'));
    expect(await search(desk.owner, '优惠券 tag:促销')).toEqual(sorted('coupon'));
    await desk.owner.put(`/api/v2/tickets/${ids['coupon']}`, { ticket: { status: 'solved', assignee_id: agent.id } });
    expect(await search(desk.owner, '优惠券 status<solved')).toEqual([]);
    expect(await search(desk.owner, '优惠券 status:solved')).toEqual(sorted('coupon'));
    expect(await search(desk.owner, '优惠券 -status:solved')).toEqual([]);
    expect(await search(desk.owner, `优惠券 assignee:${agent.id}`)).toEqual(sorted('coupon'));
    await desk.owner.put(`/api/v2/tickets/${ids['coupon']}`, { ticket: { remove_tags: ['促销'], additional_tags: ['needs-review'] } });
    expect(await search(desk.owner, '优惠券 tag:促销')).toEqual([]);
    expect(await search(desk.owner, '优惠券 -tag:促销')).toEqual(sorted('coupon'));
    expect(await search(desk.owner, '优惠券 tag:needs-review')).toEqual(sorted('coupon'));
    // Words in the text never match a scope token, nor scope tokens the text.
    expect(await search(desk.owner, `a${desk.accountId}`)).toEqual([]);
    expect(await search(desk.owner, 'ssolved')).toEqual([]);
  });

  it('keeps each helpdesk to its own tickets', async () => {
    const other = await createHelpdesk(t, 'search-other', { firstRun: false });
    await other.owner.post('/api/v2/tickets', { ticket: { subject: '申请退款', comment: { body: '另一家的退款' }, requester_id: other.ownerId } });
    expect(await search(other.owner, '退款')).toHaveLength(1);
    expect(await search(desk.owner, '退款')).toEqual(sorted('refund', 'mixed'));
    expect((await desk.owner.get(`/api/v2/search/count?query=${encodeURIComponent('退款')}`)).json()).toEqual({ count: 2 });
  });

  it('ranks, sorts and pages the matches', async () => {
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      await ticket(`page${i}`, `积分兑换问题 ${i}`, i === 2 ? '积分 积分 积分 积分兑换失败，积分没了' : '积分兑换失败');
    }
    const page = async (params: string) =>
      (await desk.owner.get(`/api/v2/search.json?query=${encodeURIComponent('积分')}${params}`)).json<{ results: { id: number }[]; count: number; next_page: string | null }>();
    const ranked = await page('');
    expect(ranked.count).toBe(5);
    expect(ranked.results[0]?.id).toBe(ids['page2']);
    const byCreation = await page('&sort_by=created_at&sort_order=asc');
    expect(byCreation.results.map((r) => r.id)).toEqual(sorted('page0', 'page1', 'page2', 'page3', 'page4'));
    const [first, second, third] = [await page('&per_page=2'), await page('&per_page=2&page=2'), await page('&per_page=2&page=3')];
    expect(first.next_page).not.toBeNull();
    expect(third.next_page).toBeNull();
    expect([...first.results, ...second.results, ...third.results].map((r) => r.id).sort((a, b) => a - b)).toEqual(sorted('page0', 'page1', 'page2', 'page3', 'page4'));
  });
});
