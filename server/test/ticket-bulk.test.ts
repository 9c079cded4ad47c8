import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/platform/clock.js';
import { purgeDeletedTickets } from '../src/modules/tickets/purge.js';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let customer: { id: number; client: Client };
type Job = { id: string; status: string; total: number; progress: number; results: { id?: number; success: boolean; error?: string }[] };

async function newTicket(subject: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await agent.client.post('/api/v2/tickets', { ticket: { subject, comment: { body: subject }, requester_id: customer.id, ...extra } });
  if (res.statusCode !== 201) {
    throw new Error(res.body);
  }
  return res.json<{ ticket: { id: number } }>().ticket.id;
}

async function finished(client: Client, res: { json: <T>() => T; statusCode: number; body: string }): Promise<Job> {
  expect(res.statusCode, res.body).toBe(200);
  const job = res.json<{ job_status: Job }>().job_status;
  expect(job.status).toBe('queued');
  await t.deliverOutbox();
  return (await client.get(`/api/v2/job_statuses/${job.id}`)).json<{ job_status: Job }>().job_status;
}

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'bulk');
  agent = await createUser(desk, { name: '王芳', email: 'wang@bulk.example.com', role: 'admin' });
  customer = await createUser(desk, { name: '孙丽', email: 'sunli@bulk.example.com', role: 'end-user' });
});
afterAll(async () => {
  await t.close();
});

describe('many tickets at once', () => {
  it('updates many in a background job, reporting each ticket', async () => {
    const a = await newTicket('一');
    const b = await newTicket('二');
    const job = await finished(agent.client, await agent.client.put(`/api/v2/tickets/update_many?ids=${a},${b},999`, { ticket: { priority: 'high', additional_tags: ['批量'] } }));
    expect(job).toMatchObject({ status: 'completed', total: 3, progress: 3 });
    expect(job.results.map((r) => r.success)).toEqual([true, true, false]);
    expect(job.results[2]?.error).toBe('RecordNotFound');
    const shown = (await agent.client.get(`/api/v2/tickets/show_many?ids=${a},${b}`)).json<{ tickets: { priority: string; tags: string[] }[] }>().tickets;
    expect(shown.every((x) => x.priority === 'high' && x.tags.includes('批量'))).toBe(true);
  });

  it('creates many, each through the one door', async () => {
    const job = await finished(
      agent.client,
      await agent.client.post('/api/v2/tickets/create_many', {
        tickets: [
          { subject: '批量一', comment: { body: '一' }, requester_id: customer.id },
          { subject: '批量二', comment: { body: '二' }, requester_id: 999999 },
        ],
      }),
    );
    expect(job.results.map((r) => r.success)).toEqual([true, false]);
  });

  it('resumes an interrupted job after its last finished item', async () => {
    const a = await newTicket('续一');
    const b = await newTicket('续二');
    const res = await agent.client.put(`/api/v2/tickets/update_many?ids=${a},${b}`, { ticket: { additional_tags: ['resumed'] } });
    const jobId = Number(res.json<{ job_status: Job }>().job_status.id);
    // As if the process died after the first item: its change and progress were committed.
    await agent.client.put(`/api/v2/tickets/${a}`, { ticket: { additional_tags: ['resumed'] } });
    await t.database.db.updateTable('job_statuses').set({ progress: 1, results: JSON.stringify([{ index: 0, id: a, success: true }]) }).where('id', '=', jobId).execute();
    await t.deliverOutbox();
    const job = (await agent.client.get(`/api/v2/job_statuses/${jobId}`)).json<{ job_status: Job }>().job_status;
    expect(job.results).toHaveLength(2);
    const audits = (await agent.client.get(`/api/v2/tickets/${a}/audits`)).json<{ audits: unknown[] }>().audits;
    expect(audits).toHaveLength(2);
  });
});

describe('deleting and restoring', () => {
  it('deletes softly, lists and restores within 30 days, then erases', async () => {
    const keep = await newTicket('要恢复的');
    const gone = await newTicket('要清除的');
    const job = await finished(agent.client, await agent.client.delete(`/api/v2/tickets/destroy_many?ids=${keep},${gone}`));
    expect(job.results.every((r) => r.success)).toBe(true);
    expect((await agent.client.get(`/api/v2/tickets/${keep}`)).statusCode).toBe(404);
    const deleted = (await agent.client.get('/api/v2/deleted_tickets')).json<{ deleted_tickets: { id: number }[] }>().deleted_tickets.map((d) => d.id);
    expect(deleted).toEqual(expect.arrayContaining([keep, gone]));
    const views = (await agent.client.get('/api/v2/views')).json<{ views: { id: number; title: string }[] }>().views;
    const deletedView = views.find((v) => v.title === '已删除的工单')?.id;
    const inView = (await agent.client.get(`/api/v2/views/${deletedView}/tickets`)).json<{ tickets: { id: number }[] }>().tickets.map((x) => x.id);
    expect(inView).toEqual(expect.arrayContaining([keep, gone]));

    expect((await agent.client.put(`/api/v2/deleted_tickets/${keep}/restore`)).statusCode).toBe(200);
    expect((await agent.client.get(`/api/v2/tickets/${keep}`)).statusCode).toBe(200);
    const audits = (await agent.client.get(`/api/v2/tickets/${keep}/audits`)).json<{ audits: { events: { field?: string; value?: unknown }[] }[] }>().audits;
    expect(audits.flatMap((a) => a.events).filter((e) => e.field === 'deleted').map((e) => e.value)).toEqual([true, false]);

    t.clock.advance(29 * DAY);
    expect(await purgeDeletedTickets(t.database.db, t.clock)).toBe(0);
    t.clock.advance(2 * DAY);
    expect(await purgeDeletedTickets(t.database.db, t.clock)).toBeGreaterThanOrEqual(1);
    expect((await agent.client.put(`/api/v2/deleted_tickets/${gone}/restore`)).statusCode).toBe(404);
    expect((await agent.client.get(`/api/v2/tickets/${keep}`)).statusCode).toBe(200);
  });

  it('lets only roles with the right delete, and marks spam by suspending the requester', async () => {
    const roles = (await desk.owner.get('/api/v2/custom_roles')).json<{ custom_roles: { id: number; name: string }[] }>().custom_roles;
    const staff = await createUser(desk, { name: '张伟', email: 'zhang@bulk.example.com', role: 'agent', custom_role_id: roles.find((r) => r.name === '客服')?.id });
    const id = await newTicket('删不掉');
    expect((await staff.client.delete(`/api/v2/tickets/${id}`)).statusCode).toBe(403);
    expect((await staff.client.get('/api/v2/deleted_tickets')).statusCode).toBe(403);

    const spammer = await createUser(desk, { name: '广告', email: 'spam@bulk.example.com', role: 'end-user' });
    const spam = (await spammer.client.post('/api/v2/requests', { request: { subject: '优惠', comment: { body: '点击领取' } } })).json<{ request: { id: number } }>().request.id;
    expect((await agent.client.put(`/api/v2/tickets/${spam}/mark_as_spam`)).statusCode).toBe(200);
    expect((await agent.client.get(`/api/v2/tickets/${spam}`)).statusCode).toBe(404);
    expect((await spammer.client.get('/api/v2/users/me')).statusCode).toBe(401);
  });
});

describe('merging', () => {
  it('closes the sources with a note and links them into the target', async () => {
    const target = await newTicket('无法登录（主）');
    const other = await createUser(desk, { name: '周强', email: 'zhou@bulk.example.com', role: 'end-user' });
    const source = (await agent.client.post('/api/v2/tickets', { ticket: { subject: '登录不了', comment: { body: '我也登录不了' }, requester_id: other.id } })).json<{ ticket: { id: number } }>().ticket.id;
    const job = await finished(agent.client, await agent.client.post(`/api/v2/tickets/${target}/merge`, { ids: [source], source_comment_is_public: true }));
    expect(job.results[0]?.success).toBe(true);
    const s = (await agent.client.get(`/api/v2/tickets/${source}`)).json<{ ticket: { status: string } }>().ticket;
    expect(s.status).toBe('closed');
    const tgt = (await agent.client.get(`/api/v2/tickets/${target}`)).json<{ ticket: { collaborator_ids: number[] } }>().ticket;
    expect(tgt.collaborator_ids).toContain(other.id);
    const comments = (await agent.client.get(`/api/v2/tickets/${target}/comments`)).json<{ comments: { body: string; public: boolean }[] }>().comments;
    expect(comments.at(-1)?.body).toContain('我也登录不了');
    expect(comments.at(-1)?.public).toBe(false);
    const self = await finished(agent.client, await agent.client.post(`/api/v2/tickets/${target}/merge`, { ids: [target] }));
    expect(self.results[0]?.success).toBe(false);
  });
});
