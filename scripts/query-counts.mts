// Counts the SQL statements behind the hot API calls and prints each default view's
// query plan (SQLite). Run: npx tsx scripts/query-counts.mts  (QC_SHOW=1 prints the SQL;
// QC_PG=postgres://… counts on PostgreSQL). The benchmark (npm run bench) measures time.
import { pino } from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { systemClock } from '../server/src/platform/clock.ts';
const dir = mkdtempSync(path.join(tmpdir(), 'qc-'));
let n = 0; const seen: string[] = [];
const database = openDatabase({ databaseUrl: process.env.QC_PG ?? null, dataDir: dir, onQuery: (s) => { n++; seen.push(s); } });
await migrateToLatest(database.db);
const config = loadConfig({ DATA_DIR: dir, SECRET_KEY: 'x'.repeat(40), LOG_LEVEL: 'silent' });
const app = await buildApp({ config, database, clock: systemClock, log: pino({ level: 'silent' }), webDist: null });
const h = { host: 'localhost', 'content-type': 'application/json' };
await app.inject({ method: 'POST', url: '/api/v2/setup', headers: h, payload: { account: { name: 'x', subdomain: 'x' }, owner: { name: 'o', email: 'o@x.com', password: 'password-1' } } });
const tok = (await app.inject({ method: 'POST', url: '/api/v2/api_tokens', headers: { ...h, authorization: 'Basic ' + Buffer.from('o@x.com:password-1').toString('base64') }, payload: { api_token: {} } })).json().api_token.token;
const auth = { ...h, authorization: 'Bearer ' + tok };
const u = (await app.inject({ method: 'POST', url: '/api/v2/users', headers: auth, payload: { user: { name: 'c', email: 'c@x.com' } } })).json().user.id;
for (let i = 0; i < 3; i++) await app.inject({ method: 'POST', url: '/api/v2/tickets', headers: auth, payload: { ticket: { subject: 'warm', comment: { body: 'warm' }, requester_id: u } } });
const measure = async (label: string, fn: () => Promise<unknown>) => { n = 0; seen.length = 0; await fn(); console.log(label.padEnd(40), n, 'queries'); if (process.env.QC_SHOW) console.log(seen.join('\n')); };
await measure('POST /tickets (create with comment)', () => app.inject({ method: 'POST', url: '/api/v2/tickets', headers: auth, payload: { ticket: { subject: '退款', comment: { body: '申请退款' }, requester_id: u, priority: 'high' } } }));
await measure('PUT /tickets/:id (public reply)', () => app.inject({ method: 'PUT', url: '/api/v2/tickets/1', headers: auth, payload: { ticket: { comment: { body: '好的' } } } }));
const views = (await app.inject({ method: 'GET', url: '/api/v2/views', headers: auth })).json().views;
await measure('GET /views/:id/tickets (page of 30)', () => app.inject({ method: 'GET', url: `/api/v2/views/${views[7].id}/tickets?page[size]=30`, headers: auth }));
await measure('GET /views/:id/execute (page of 30)', () => app.inject({ method: 'GET', url: `/api/v2/views/${views[7].id}/execute?page[size]=30`, headers: auth }));
await measure('GET /views/count_many (8 views)', () => app.inject({ method: 'GET', url: `/api/v2/views/count_many?ids=${views.slice(0, 8).map((v: any) => v.id).join(',')}`, headers: auth }));
await measure('GET /search?query=退款', () => app.inject({ method: 'GET', url: `/api/v2/search?query=${encodeURIComponent('退款')}`, headers: auth }));
// Inbound email: one customer mail to a support address whose group has 6 agents (the ack and the
// group notification go out), counted, then the mean time of 200 such mails, processed in-process.
{
  const { receiveMail, rawMailStorage } = await import('../server/src/modules/email/receive.ts');
  const { processInbound } = await import('../server/src/modules/email/process.ts');
  const group = (await app.inject({ method: 'POST', url: '/api/v2/groups', headers: auth, payload: { group: { name: 'mail' } } })).json().group.id;
  for (let i = 0; i < 6; i++) await app.inject({ method: 'POST', url: '/api/v2/users', headers: auth, payload: { user: { name: `agent ${i}`, email: `a${i}@x.com`, role: 'agent', group_ids: [group] } } });
  await app.inject({ method: 'POST', url: '/api/v2/recipient_addresses', headers: auth, payload: { recipient_address: { email: 'support@x.com', name: 'S', default_group_id: group } } });
  const deps = { db: database.db, clock: systemClock, log: pino({ level: 'silent' }), config, blobs: rawMailStorage(config) };
  const mailOf = (i: number) => Buffer.from(`From: "客户${i}" <c${i}@customer.example.com>\r\nTo: support@x.com\r\nSubject: 订单 ${i} 没有收到\r\nMessage-ID: <m${i}@customer.example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n您好，订单 ${i} 还没到。\r\n`);
  const process1 = async (i: number) => {
    const [id] = await receiveMail(deps, { raw: mailOf(i), recipients: ['support@x.com'], mailFrom: `c${i}@customer.example.com` });
    await processInbound(deps, 1, id!);
  };
  await process1(0);
  n = 0; seen.length = 0;
  const [rid] = await receiveMail(deps, { raw: mailOf(1), recipients: ['support@x.com'], mailFrom: 'c1@customer.example.com' });
  console.log('inbound mail: receive (store + queue)'.padEnd(40), n, 'queries');
  n = 0; seen.length = 0;
  await processInbound(deps, 1, rid!);
  console.log('inbound mail: process into a ticket'.padEnd(40), n, 'queries');
  if (process.env.QC_SHOW) console.log(seen.join('\n'));
  const started = performance.now();
  for (let i = 2; i < 202; i++) await process1(i);
  console.log('inbound mail, receive + process'.padEnd(40), ((performance.now() - started) / 200).toFixed(2), 'ms per mail');
}
// One ticket change with the default triggers, then with 200 more active triggers that do not match
// (the benchmark's target: ≤ 2 ms of trigger evaluation per change). Mean of 200 creates each.
const timeCreates = async (label: string) => {
  const started = performance.now();
  for (let i = 0; i < 200; i++) await app.inject({ method: 'POST', url: '/api/v2/tickets', headers: auth, payload: { ticket: { subject: `t${i}`, comment: { body: '申请退款，订单号 123' }, requester_id: u, priority: 'normal' } } });
  console.log(label.padEnd(40), ((performance.now() - started) / 200).toFixed(2), 'ms per create');
};
await timeCreates('create, default triggers');
for (let i = 0; i < 200; i++) {
  await app.inject({ method: 'POST', url: '/api/v2/triggers', headers: auth, payload: { trigger: { title: `rule ${i}`, conditions: { all: [{ field: 'current_tags', operator: 'includes', value: `vip${i}` }, { field: 'comment_includes_word', operator: 'includes', value: `加急${i}` }], any: [{ field: 'group_id', operator: 'is', value: String(1000 + i) }, { field: 'status', operator: 'changed' }] }, actions: [{ field: 'priority', value: 'urgent' }] } } });
}
await measure('POST /tickets with 200 more triggers', () => app.inject({ method: 'POST', url: '/api/v2/tickets', headers: auth, payload: { ticket: { subject: '退款', comment: { body: '申请退款' }, requester_id: u, priority: 'high' } } }));
await timeCreates('create, 200 more triggers');
await app.close(); await database.destroy();
// EXPLAIN each default view's page query (SQLite): which index answers it.
if (!process.env.QC_PG) {
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(path.join(dir, 'kefu.sqlite'), { readonly: true });
  const app2 = await buildApp({ config, database: openDatabase({ databaseUrl: null, dataDir: dir, onQuery: (s) => seen.push(s) }), clock: systemClock, log: pino({ level: 'silent' }), webDist: null });
  for (const v of views) {
    seen.length = 0;
    await app2.inject({ method: 'GET', url: `/api/v2/views/${v.id}/tickets?page[size]=30`, headers: auth });
    const q = seen.find((s) => s.startsWith('select "tickets"."id"') && s.includes('limit'));
    if (!q) continue;
    const stmt = raw.prepare(`explain query plan ${q}`);
    const params = new Array(stmt.paramsCount ?? (q.match(/\?/g) ?? []).length).fill(1);
    const plan = stmt.all(...params) as { detail: string }[];
    console.log(`\n${v.title}:\n  ` + plan.map((p) => p.detail).join('\n  '));
  }
}
