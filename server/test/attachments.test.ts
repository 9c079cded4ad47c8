import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';

let t: TestApp;
let desk: Helpdesk;
let agent: { id: number; client: Client };
let customer: { id: number; client: Client };
let stranger: { id: number; client: Client };

// A real 1×1 PNG.
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5ea2d6a0000000049454e44ae426082', 'hex');

type Upload = { token: string; attachments: { id: number; file_name: string; content_type: string; size: number; content_url: string }[] };

async function uploadAs(client: Client, name: string, bytes: Buffer, token?: string) {
  const q = `filename=${encodeURIComponent(name)}${token ? `&token=${token}` : ''}`;
  return client.request('POST', `/api/v2/uploads?${q}`, bytes, { 'content-type': 'application/binary' });
}

function blobCount(): number {
  const root = path.join(t.database.dataDir, 'attachments');
  let n = 0;
  for (const a of readdirSync(root)) {
    for (const b of readdirSync(path.join(root, a))) {
      n += readdirSync(path.join(root, a, b)).length;
    }
  }
  return n;
}

beforeAll(async () => {
  t = await createTestApp();
  desk = await createHelpdesk(t, 'files');
  agent = await createUser(desk, { name: '王芳', email: 'wang@files.example.com', role: 'agent' });
  customer = await createUser(desk, { name: '孙丽', email: 'sunli@files.example.com', role: 'end-user' });
  stranger = await createUser(desk, { name: '外人', email: 'x@elsewhere.example.com', role: 'end-user' });
});
afterAll(async () => {
  await t.close();
});

describe('attachments', () => {
  it('uploads, sniffs the type, attaches to a comment and serves it only to those who may see it', async () => {
    const up = await uploadAs(customer.client, '截图.png', png);
    expect(up.statusCode).toBe(201);
    const upload = up.json<{ upload: Upload }>().upload;
    expect(upload.attachments[0]).toMatchObject({ file_name: '截图.png', content_type: 'image/png', size: png.length });
    const id = upload.attachments[0]?.id ?? 0;
    // Before it is on a comment, only its uploader sees it.
    expect((await agent.client.get(`/api/v2/attachments/${id}`)).statusCode).toBe(404);

    const made = await customer.client.post('/api/v2/requests', { request: { subject: '页面报错', comment: { body: '见截图', uploads: [upload.token] } } });
    expect(made.statusCode).toBe(201);
    const ticket = made.json<{ request: { id: number } }>().request.id;
    const comments = (await agent.client.get(`/api/v2/tickets/${ticket}/comments`)).json<{ comments: { attachments: { id: number }[] }[] }>().comments;
    expect(comments[0]?.attachments.map((a) => a.id)).toEqual([id]);

    const content = await customer.client.get(`/api/v2/attachments/${id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(png)).toBe(true);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['content-disposition']).toContain("filename*=UTF-8''%E6%88%AA%E5%9B%BE.png");
    expect((await agent.client.get(`/api/v2/attachments/${id}/content`)).statusCode).toBe(200);
    expect((await stranger.client.get(`/api/v2/attachments/${id}/content`)).statusCode).toBe(404);
    expect((await stranger.client.get(`/api/v2/attachments/${id}`)).statusCode).toBe(404);

    // The token is spent.
    const reuse = await customer.client.put(`/api/v2/requests/${ticket}`, { request: { comment: { body: '再发一次', uploads: [upload.token] } } });
    expect(reuse.statusCode).toBe(422);

    // An internal note's file stays with the agents.
    const note = (await uploadAs(agent.client, 'internal.txt', Buffer.from('内部资料'))).json<{ upload: Upload }>().upload;
    expect(note.attachments[0]?.content_type).toBe('text/plain');
    await agent.client.put(`/api/v2/tickets/${ticket}`, { ticket: { comment: { body: '备注', public: false, uploads: [note.token] } } });
    const noteFile = note.attachments[0]?.id ?? 0;
    expect((await customer.client.get(`/api/v2/attachments/${noteFile}/content`)).statusCode).toBe(404);
    expect((await agent.client.get(`/api/v2/attachments/${noteFile}/content`)).statusCode).toBe(200);
  });

  it('never serves uploaded markup as a page, stores identical files once, and refuses bad uploads', async () => {
    const html = (await uploadAs(agent.client, 'evil.html', Buffer.from('<html><script>alert(1)</script></html>'))).json<{ upload: Upload }>().upload;
    const file = html.attachments[0]?.id ?? 0;
    await agent.client.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x', uploads: [html.token] }, requester_id: customer.id } });
    const served = await agent.client.get(`/api/v2/attachments/${file}/content`);
    expect(served.headers['content-type']).not.toContain('html');
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    expect(served.headers['content-security-policy']).toContain('sandbox');

    const before = blobCount();
    const first = (await uploadAs(agent.client, 'a.png', png)).json<{ upload: Upload }>().upload;
    await uploadAs(agent.client, 'b.png', png, first.token);
    expect(blobCount()).toBe(before);
    const both = (await uploadAs(agent.client, 'c.png', png, first.token)).json<{ upload: Upload }>().upload;
    expect(both.attachments.map((a) => a.file_name)).toEqual(['a.png', 'b.png', 'c.png']);

    expect((await uploadAs(agent.client, 'big.bin', Buffer.alloc(21 * 1024 * 1024))).statusCode).toBe(413);
    expect((await uploadAs(agent.client, 'empty.txt', Buffer.alloc(0))).statusCode).toBe(422);
    expect((await uploadAs(customer.client, 'x.png', png, first.token)).statusCode).toBe(422);
    expect((await agent.client.request('POST', '/api/v2/uploads', png, { 'content-type': 'image/png' })).statusCode).toBe(422);
    expect((await desk.anonymous.request('POST', '/api/v2/uploads?filename=a.png', png, { 'content-type': 'image/png' })).statusCode).toBe(401);
  });
});
