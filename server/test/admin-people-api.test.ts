import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

/** API additions made for the people settings (管理设置 › 人员). */
let t: TestApp;
let desk: Helpdesk;

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'admin-people');
});
afterAll(async () => {
  await t.close();
});

type Found = { users: { name: string; role: string }[]; count: number };

describe('searching users by role', () => {
  it('narrows /users/search to the roles asked for, so the customer list finds no agents', async () => {
    await createUser(desk, { name: '李客服', email: 'li.agent@example.com', role: 'agent' });
    await createUser(desk, { name: '李女士', email: 'li.customer@example.com', role: 'end-user' });

    const everyone = (await desk.owner.get('/api/v2/users/search?query=li')).json<Found>();
    expect(everyone.users.map((u) => u.name).sort()).toEqual(['李女士', '李客服']);

    const customers = (await desk.owner.get('/api/v2/users/search?query=li&role=end-user')).json<Found>();
    expect(customers.users.map((u) => u.name)).toEqual(['李女士']);
    expect(customers.count).toBe(1);

    const staff = (await desk.owner.get('/api/v2/users/search?query=li&role[]=agent&role[]=admin')).json<Found>();
    expect(staff.users.map((u) => u.name)).toEqual(['李客服']);
  });

  it('refuses an unknown role, naming the parameter', async () => {
    const res = await desk.owner.get('/api/v2/users/search?query=li&role=boss');
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json<{ details: Record<string, unknown> }>().details)).toEqual(['role']);
  });
});
