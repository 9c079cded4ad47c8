import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'people');
});
afterAll(async () => {
  await t.close();
});

type UserJson = { id: number; name: string; email: string; organization_id: number | null; default_group_id: number | null; role: string };

describe('who may see and change whom', () => {
  it('lets an end user read and edit only themself, and not their own role', async () => {
    const alice = await createUser(desk, { name: '孙丽', email: 'sunli@example.com', role: 'end-user' });
    const bob = await createUser(desk, { name: '周强', email: 'zhouqiang@example.com', role: 'end-user' });
    expect((await alice.client.get(`/api/v2/users/${alice.id}`)).statusCode).toBe(200);
    expect((await alice.client.get(`/api/v2/users/${bob.id}`)).statusCode).toBe(404);
    expect((await alice.client.get('/api/v2/users')).statusCode).toBe(403);
    expect((await alice.client.get('/api/v2/groups')).statusCode).toBe(403);
    expect((await alice.client.put(`/api/v2/users/${alice.id}`, { user: { name: '孙丽丽' } })).statusCode).toBe(200);
    expect((await alice.client.put(`/api/v2/users/${alice.id}`, { user: { role: 'admin' } })).statusCode).toBe(403);
    expect((await alice.client.put(`/api/v2/users/${bob.id}`, { user: { name: 'x' } })).statusCode).toBe(404);
    expect((await desk.anonymous.get('/api/v2/users')).statusCode).toBe(401);
  });

  it('limits an agent to what their custom role allows', async () => {
    const roles = (await desk.owner.get('/api/v2/custom_roles')).json<{ custom_roles: { id: number; name: string }[] }>().custom_roles;
    const light = roles.find((r) => r.name === '轻量客服');
    const agent = await createUser(desk, { name: '赵敏', email: 'zhaomin@example.com', role: 'agent', custom_role_id: light?.id });
    expect((await agent.client.get('/api/v2/users')).statusCode).toBe(200);
    expect((await agent.client.post('/api/v2/users', { user: { name: 'x', email: 'x@example.com' } })).statusCode).toBe(403);
    expect((await agent.client.post('/api/v2/groups', { group: { name: 'x' } })).statusCode).toBe(403);
    expect((await agent.client.get('/api/v2/audit_logs')).statusCode).toBe(403);
    expect((await agent.client.post('/api/v2/api_tokens', { api_token: {} })).statusCode).toBe(403);

    // The default staff role may manage end users, but never make agents or admins.
    const staff = await createUser(desk, { name: '张伟', email: 'zhangwei@example.com', role: 'agent' });
    expect((await staff.client.post('/api/v2/users', { user: { name: '客户甲', email: 'kehu@example.com' } })).statusCode).toBe(201);
    expect((await staff.client.post('/api/v2/users', { user: { name: 'x', email: 'x2@example.com', role: 'admin' } })).statusCode).toBe(403);
    expect((await staff.client.put(`/api/v2/users/${desk.ownerId}`, { user: { name: 'x' } })).statusCode).toBe(403);

    // A role change applies on the next request.
    expect((await desk.owner.put(`/api/v2/users/${agent.id}`, { user: { custom_role_id: roles[0]?.id } })).statusCode).toBe(200);
    expect((await agent.client.post('/api/v2/users', { user: { name: 'y', email: 'y@example.com' } })).statusCode).toBe(201);
  });

  it('names unknown and bad fields in the error', async () => {
    const res = await desk.owner.post('/api/v2/users', { user: { name: '', email: 'bad', colour: 'red', role: 'boss' } });
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: string; details: Record<string, { description: string }[]> }>();
    expect(body.error).toBe('RecordInvalid');
    expect(Object.keys(body.details).sort()).toEqual(['user.colour', 'user.email', 'user.name', 'user.role']);
    const dup = await desk.owner.post('/api/v2/users', { user: { name: 'Dup', email: desk.ownerEmail } });
    expect(dup.statusCode).toBe(422);
    expect(dup.json<{ details: Record<string, { error: string }[]> }>().details['user.email']?.[0]?.error).toBe('DuplicateValue');
  });
});

describe('groups', () => {
  it('keeps every agent in at least one group and tracks the default group', async () => {
    const groups = (await desk.owner.get('/api/v2/groups')).json<{ groups: { id: number }[] }>().groups;
    const support = groups[0]?.id ?? 0;
    const tech = (await desk.owner.post('/api/v2/groups', { group: { name: '技术支持' } })).json<{ group: { id: number } }>().group.id;
    const agent = await createUser(desk, { name: '刘洋', email: 'liuyang@example.com', role: 'agent' });
    const u = (await desk.owner.get(`/api/v2/users/${agent.id}`)).json<{ user: UserJson }>().user;
    expect(u.default_group_id).toBe(support);

    const added = await desk.owner.post('/api/v2/group_memberships', { group_membership: { user_id: agent.id, group_id: tech } });
    expect(added.statusCode).toBe(201);
    const techMembership = added.json<{ group_membership: { id: number } }>().group_membership.id;
    const again = await desk.owner.post('/api/v2/group_memberships', { group_membership: { user_id: agent.id, group_id: tech } });
    expect(again.statusCode).toBe(422);
    const made = await desk.owner.put(`/api/v2/users/${agent.id}/group_memberships/${techMembership}/make_default`);
    expect(made.statusCode).toBe(200);
    expect((await desk.owner.get(`/api/v2/users/${agent.id}`)).json<{ user: UserJson }>().user.default_group_id).toBe(tech);

    const memberships = (await desk.owner.get(`/api/v2/users/${agent.id}/group_memberships`)).json<{
      group_memberships: { id: number; group_id: number; default: boolean }[];
    }>().group_memberships;
    expect(memberships.find((m) => m.group_id === tech)?.default).toBe(true);
    const supportMembership = memberships.find((m) => m.group_id === support)?.id;
    expect((await desk.owner.delete(`/api/v2/group_memberships/${supportMembership}`)).statusCode).toBe(204);
    const last = await desk.owner.delete(`/api/v2/group_memberships/${techMembership}`);
    expect(last.statusCode).toBe(422);

    // End users belong to no group.
    const customer = await createUser(desk, { name: '吴静', email: 'wujing@example.com', role: 'end-user' });
    const bad = await desk.owner.post('/api/v2/group_memberships', { group_membership: { user_id: customer.id, group_id: tech } });
    expect(bad.statusCode).toBe(422);
  });
});

describe('organizations', () => {
  it('maps new users into an organization by email domain, at most one each', async () => {
    const org = await desk.owner.post('/api/v2/organizations', {
      organization: { name: '北京华信科技有限公司', domain_names: ['Huaxin-Tech.cn'], shared_tickets: true, tags: ['VIP 客户'] },
    });
    expect(org.statusCode).toBe(201);
    const o = org.json<{ organization: { id: number; domain_names: string[]; tags: string[] } }>().organization;
    expect(o.domain_names).toEqual(['huaxin-tech.cn']);
    expect(o.tags).toEqual(['vip_客户']);

    const dupName = await desk.owner.post('/api/v2/organizations', { organization: { name: '北京华信科技有限公司' } });
    expect(dupName.statusCode).toBe(422);
    const dupDomain = await desk.owner.post('/api/v2/organizations', { organization: { name: '别家', domain_names: ['huaxin-tech.cn'] } });
    expect(dupDomain.statusCode).toBe(422);

    const member = await createUser(desk, { name: '冯雪', email: 'fengxue@huaxin-tech.cn', role: 'end-user' });
    expect((await desk.owner.get(`/api/v2/users/${member.id}`)).json<{ user: UserJson }>().user.organization_id).toBe(o.id);

    const other = (await desk.owner.post('/api/v2/organizations', { organization: { name: '上海明德' } })).json<{ organization: { id: number } }>().organization.id;
    // Joining another organization moves the user: one organization each.
    const moved = await desk.owner.post('/api/v2/organization_memberships', { organization_membership: { user_id: member.id, organization_id: other } });
    expect(moved.statusCode).toBe(201);
    const theirs = (await desk.owner.get(`/api/v2/users/${member.id}/organization_memberships`)).json<{ organization_memberships: { organization_id: number }[] }>();
    expect(theirs.organization_memberships.map((m) => m.organization_id)).toEqual([other]);
    await desk.owner.post('/api/v2/organization_memberships', { organization_membership: { user_id: member.id, organization_id: o.id } });

    const listed = (await desk.owner.get(`/api/v2/organizations/${o.id}/users`)).json<{ users: UserJson[] }>().users;
    expect(listed.map((u) => u.id)).toEqual([member.id]);
    // A member may see their own organization, not others.
    expect((await member.client.get(`/api/v2/organizations/${o.id}`)).statusCode).toBe(200);
    expect((await member.client.get(`/api/v2/organizations/${other}`)).statusCode).toBe(404);
    expect((await member.client.get('/api/v2/organizations')).json<{ organizations: { id: number }[] }>().organizations.map((x) => x.id)).toEqual([o.id]);
  });
});

describe('identities and merging', () => {
  it('adds emails, switches the primary one, and refuses another user’s address', async () => {
    const u = await createUser(desk, { name: '何磊', email: 'helei@example.com', role: 'end-user' });
    const added = await desk.owner.post(`/api/v2/users/${u.id}/identities`, { identity: { type: 'email', value: 'HeLei@Work.example.com' } });
    expect(added.statusCode).toBe(201);
    const identity = added.json<{ identity: { id: number; value: string } }>().identity;
    expect(identity.value).toBe('helei@work.example.com');
    expect((await desk.owner.put(`/api/v2/users/${u.id}/identities/${identity.id}/make_primary`)).statusCode).toBe(200);
    expect((await desk.owner.get(`/api/v2/users/${u.id}`)).json<{ user: UserJson }>().user.email).toBe('helei@work.example.com');
    const phone = await desk.owner.post(`/api/v2/users/${u.id}/identities`, { identity: { type: 'phone_number', value: '+86 138 0000 0000' } });
    expect(phone.statusCode).toBe(201);
    const taken = await desk.owner.post(`/api/v2/users/${u.id}/identities`, { identity: { type: 'email', value: desk.ownerEmail } });
    expect(taken.statusCode).toBe(422);
  });

  it('merges one end user into another: identities move, the source goes, agents cannot be merged', async () => {
    const keep = await createUser(desk, { name: '许婷', email: 'xuting@example.com', role: 'end-user' });
    const dup = await createUser(desk, { name: '许婷（微信）', email: 'xuting.wx@example.com', role: 'end-user', phone: '13571005005' });
    const merged = await desk.owner.put(`/api/v2/users/${dup.id}/merge`, { user: { id: keep.id } });
    expect(merged.statusCode).toBe(200);
    expect((await desk.owner.get(`/api/v2/users/${dup.id}`)).statusCode).toBe(404);
    const identities = (await desk.owner.get(`/api/v2/users/${keep.id}/identities`)).json<{ identities: { value: string }[] }>().identities;
    expect(identities.map((i) => i.value)).toEqual(expect.arrayContaining(['xuting@example.com', 'xuting.wx@example.com']));
    const agent = await createUser(desk, { name: '马超', email: 'machao@example.com', role: 'agent' });
    const refused = await desk.owner.put(`/api/v2/users/${agent.id}/merge`, { user: { id: keep.id } });
    expect([403, 422]).toContain(refused.statusCode);
  });
});

describe('lists, search and the audit log', () => {
  it('pages by offset and by cursor without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await createUser(desk, { name: `分页客户${i}`, email: `page${i}@paging.example.com`, role: 'end-user' });
    }
    const first = (await desk.owner.get('/api/v2/users/search?query=paging.example.com&per_page=3')).json<{
      users: UserJson[];
      count: number;
      next_page: string | null;
    }>();
    expect(first.count).toBe(7);
    expect(first.users).toHaveLength(3);
    expect(first.next_page).toMatch(/page=2/);

    const seen: number[] = [];
    let url: string | null = '/api/v2/users?page[size]=4';
    while (url) {
      const page: { users: UserJson[]; meta: { has_more: boolean }; links: { next: string | null } } = (await desk.owner.get(url)).json();
      seen.push(...page.users.map((u) => u.id));
      url = page.meta.has_more && page.links.next ? new URL(page.links.next).pathname + new URL(page.links.next).search : null;
    }
    const all = (await desk.owner.get('/api/v2/users?per_page=100')).json<{ users: UserJson[]; count: number }>();
    expect(seen).toEqual(all.users.map((u) => u.id));
    expect(new Set(seen).size).toBe(all.count);
    expect((await desk.owner.get('/api/v2/users?page[after]=garbage')).statusCode).toBe(422);
    expect((await desk.owner.get('/api/v2/users?per_page=1000')).statusCode).toBe(422);
  });

  it('finds people by Chinese name, email and phone', async () => {
    await createUser(desk, { name: '欧阳娜娜', email: 'ouyang@example.com', role: 'end-user', phone: '186 0000 6006' });
    const byName = (await desk.owner.get(`/api/v2/users/search?query=${encodeURIComponent('欧阳')}`)).json<{ users: UserJson[] }>();
    expect(byName.users.map((u) => u.name)).toEqual(['欧阳娜娜']);
    const byEmail = (await desk.owner.get('/api/v2/users/search?query=ouyang@example.com')).json<{ users: UserJson[] }>();
    expect(byEmail.users).toHaveLength(1);
  });

  it('records administrative changes with before, after, actor and IP', async () => {
    const u = await createUser(desk, { name: '林晓', email: 'linxiao@example.com', role: 'agent' });
    await desk.owner.put(`/api/v2/users/${u.id}`, { user: { name: '林晓晓', role: 'admin' } });
    const logs = (await desk.owner.get(`/api/v2/audit_logs?filter[source_type]=user&filter[source_id]=${u.id}`)).json<{
      audit_logs: { action: string; actor_id: number; changes: Record<string, [unknown, unknown]>; ip_address: string | null }[];
    }>().audit_logs;
    expect(logs.map((l) => l.action)).toEqual(['update', 'create']);
    expect(logs[0]?.changes).toMatchObject({ name: ['林晓', '林晓晓'], role: ['agent', 'admin'] });
    expect(logs[0]?.actor_id).toBe(desk.ownerId);
    expect(logs[0]?.ip_address).toBe('127.0.0.1');
  });

  it('creates many users as a job and reports each row', async () => {
    const res = await desk.owner.post('/api/v2/users/create_many', {
      users: [
        { name: '批量一', email: 'bulk1@example.com' },
        { name: '批量二', email: desk.ownerEmail },
      ],
    });
    expect(res.statusCode).toBe(200);
    const job = res.json<{ job_status: { id: number; status: string; results: { success: boolean }[] } }>().job_status;
    const polled = (await desk.owner.get(`/api/v2/job_statuses/${job.id}`)).json<{ job_status: typeof job }>().job_status;
    expect(polled.status).toBe('completed');
    expect(polled.results.map((r) => r.success)).toEqual([true, false]);
  });
});
