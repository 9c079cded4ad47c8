/**
 * `npm run bench [-- --tickets 100000 --duration 10 --dialects sqlite,postgres --fresh --only view,search --mails 2000]`
 *
 * Seeds (or reuses) a helpdesk of N tickets per database, starts the built server as a child
 * process, and drives it over real HTTP from this process with autocannon. Prints a table and
 * writes bench/results/<time>-<dialect>-<N>.json.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { apiClient, ensureBenchRules, triggerEvaluation } from './rules-setup.mts';

type Manifest = { tickets: number; seed: number; token: string; customerIds: [number, number]; viewIds: number[]; dialect: string };
type Row = { scenario: string; connections: number; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; rss_peak_mb?: number };

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    duration: { type: 'string', default: '7' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    fresh: { type: 'boolean', default: false },
    only: { type: 'string' },
    mails: { type: 'string', default: '2000' },
    'pg-url': { type: 'string', default: process.env.KEFU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const tickets = Number(values.tickets);
const seed = Number(values.seed);
const duration = Number(values.duration);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function kefu(args: string[], env: Record<string, string>): void {
  execFileSync(process.execPath, [path.join(root, 'server/dist/main.js'), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
}

/** The data folder and database for one dialect, seeded once and reused. */
async function prepare(dialect: 'sqlite' | 'postgres'): Promise<{ env: Record<string, string>; manifest: Manifest }> {
  const dataDir = path.join(root, 'bench/data', `${dialect}-${tickets}-${seed}`);
  const manifestFile = path.join(dataDir, 'bench-manifest.json');
  const env: Record<string, string> = { DATA_DIR: dataDir };
  if (dialect === 'postgres') {
    const dbName = `kefu_bench_${tickets}_${seed}`;
    const url = new URL(values['pg-url']);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
    if (values.fresh || !existsSync(manifestFile)) {
      const admin = new pg.Client({ connectionString: values['pg-url'] });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName}`);
      await admin.query(`create database ${dbName}`);
      await admin.end();
    }
  }
  if (values.fresh || !existsSync(manifestFile)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const started = Date.now();
    process.stdout.write(`\nSeeding ${tickets} tickets on ${dialect}…\n`);
    kefu(['seed', '--bench', String(tickets), '--seed', String(seed), '--manifest', manifestFile], env);
    process.stdout.write(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  return { env, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest };
}

/**
 * Waits until the server's outbox holds nothing due (the last run's leftover mail, SLA re-timing
 * after the rules were set up, the notifications of the creates just made), so each scenario
 * measures itself and not the previous one's background work. Says how long it waited.
 */
async function outboxSettled(dialect: 'sqlite' | 'postgres', env: Record<string, string>, label: string): Promise<void> {
  const started = Date.now();
  const due = 'select count(*) as n from outbox where status = \'pending\' and available_at <= $1';
  const pending = async (): Promise<number> => {
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      try {
        return Number((await c.query<{ n: string }>(due, [Date.now()])).rows[0]?.n ?? 0);
      } finally {
        await c.end();
      }
    }
    const db = new Database(path.join(env.DATA_DIR ?? '', 'kefu.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(due.replace('$1', '?')).get(Date.now()) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  let left = await pending();
  while (left > 0 && Date.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 1000));
    left = await pending();
  }
  const waited = (Date.now() - started) / 1000;
  if (waited >= 1) {
    process.stdout.write(`${dialect.padEnd(9)} (waited ${waited.toFixed(0)} s for the outbox to settle ${label}${left > 0 ? `; ${left} still due` : ''})\n`);
  }
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string; smtpPort: number }> {
  const port = await freePort();
  const smtpPort = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'error', HOST: '127.0.0.1', PORT: String(port), SMTP_PORT: String(smtpPort), ...env },
    // The server logs errors only (LOG_LEVEL=error) to stdout: a failing request shows here, not only as a non-2xx count.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        return { child, base, smtpPort };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

type Scenario = { name: string; connections: number; method?: 'GET' | 'POST' | 'PUT'; path: () => string; body?: () => unknown };

async function run(base: string, token: string, s: Scenario): Promise<Row> {
  const result = await autocannon({
    url: base,
    connections: s.connections,
    duration,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: s.method ?? 'GET',
        setupRequest: (req) => ({ ...req, path: s.path(), ...(s.body ? { body: JSON.stringify(s.body()) } : {}) }),
      },
    ],
  });
  const lat = result.latency as unknown as Record<string, number>;
  return {
    scenario: s.name,
    connections: s.connections,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: lat.p50 ?? 0,
    p95: lat.p97_5 !== undefined && lat.p95 === undefined ? lat.p97_5 : (lat.p95 ?? 0),
    p99: lat.p99 ?? 0,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0);

/**
 * Inbound email: `messages` customer mails from distinct senders over 8 SMTP connections to
 * Kefu's receiver. Two figures: how fast the receiver accepts (each 250 means stored durably),
 * and how fast mail becomes tickets (until a search finds every one).
 */
async function emailIngest(base: string, token: string, smtpPort: number, messages: number): Promise<Row[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${base}/api/v2/recipient_addresses`, { method: 'POST', headers, body: JSON.stringify({ recipient_address: { email: 'support@bench-mail.example.com', name: '基准测试客服' } }) });
  const marker = `ingest${Date.now().toString(36)}`;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, pool: true, maxConnections: 8, maxMessages: Infinity, ignoreTLS: true });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < messages) {
        const i = next++;
        const t0 = performance.now();
        try {
          await transport.sendMail({
            from: `"客户${i}" <customer${i}.${marker}@mail.example.com>`,
            to: 'support@bench-mail.example.com',
            subject: `${marker} 订单 ${i} 没有收到货，请帮忙查询物流`,
            text: `您好，我的订单 ${i} 已经一周了还没有收到，快递单号 SF${1000000 + i}。请尽快处理，谢谢！\n\n-- \n发自我的 iPhone`,
          });
          latencies.push(performance.now() - t0);
        } catch {
          failed++;
        }
      }
    }),
  );
  const accepted = performance.now();
  transport.close();
  let found = 0;
  for (let i = 0; i < 3000 && found < messages - failed; i++) {
    const res = await fetch(`${base}/api/v2/search/count?query=${marker}`, { headers });
    found = ((await res.json()) as { count: number }).count;
    if (found < messages - failed) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const done = performance.now();
  const sorted = latencies.sort((a, b) => a - b);
  const smtp = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  return [
    { scenario: 'email ingest: SMTP accepted', connections: 8, requests: messages, rps: Math.round((messages / (accepted - started)) * 1000), ...smtp, errors: failed, non2xx: 0 },
    { scenario: 'email ingest: into tickets', connections: 8, requests: found, rps: Math.round((found / (done - started)) * 1000), p50: 0, p95: 0, p99: 0, errors: messages - failed - found, non2xx: 0 },
  ];
}

async function openTicketIds(base: string, token: string, viewId: number): Promise<number[]> {
  const ids: number[] = [];
  let url: string | null = `${base}/api/v2/views/${viewId}/tickets?page[size]=100`;
  for (let i = 0; i < 10 && url; i++) {
    const page = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as { tickets: { id: number }[]; links: { next: string | null } };
    ids.push(...page.tickets.map((t) => t.id));
    url = page.links.next;
  }
  return ids;
}

async function benchDialect(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const { env, manifest } = await prepare(dialect);
  const { child, base, smtpPort } = await startServer(env);
  const pid = child.pid ?? 0;
  let peak = 0;
  // The peak during each scenario as well, so the README can say which one sets the process's peak.
  let scenarioPeak = 0;
  const sampler = setInterval(() => {
    const now = rssMb(pid);
    peak = Math.max(peak, now);
    scenarioPeak = Math.max(scenarioPeak, now);
  }, 250);
  const measured = <T extends Row>(row: T): T => {
    const out = { ...row, rss_peak_mb: Math.round(Math.max(scenarioPeak, rssMb(pid))) };
    scenarioPeak = 0;
    return out;
  };
  const rows: Row[] = [];
  const memory: Record<string, number> = {};
  try {
    const [lo, hi] = manifest.customerIds;
    const requester = () => lo + Math.floor(Math.random() * (hi - lo + 1));
    const views = manifest.viewIds;
    memory.idle_mb = Math.round(rssMb(pid));
    const unsolvedView = views[7] ?? views[0] ?? 0;
    const open = await openTicketIds(base, manifest.token, unsolvedView);
    const api = apiClient(base, manifest.token);
    process.stdout.write(`${dialect.padEnd(9)} rules: ${await ensureBenchRules(api)}\n`);
    const scenarios: Scenario[] = [
      { name: 'ceiling: authenticated no-op', connections: 16, path: () => '/api/v2/ping' },
      ...[1, 16, 64].map((c) => ({
        name: `create ticket (c=${c})`,
        connections: c,
        method: 'POST' as const,
        path: () => '/api/v2/tickets',
        body: () => ({ ticket: { subject: '申请退款 refund', comment: { body: '订单重复扣费，请退款。Please refund the duplicate charge.' }, requester_id: requester(), priority: 'normal' } }),
      })),
      {
        name: 'public reply',
        connections: 16,
        method: 'PUT',
        path: () => `/api/v2/tickets/${open[Math.floor(Math.random() * open.length)] ?? 1}`,
        body: () => ({ ticket: { comment: { body: '您好，已为您处理，请查收。' } } }),
      },
      ...views.slice(0, 9).map((id, i) => ({ name: `view ${i + 1} first page`, connections: 8, path: () => `/api/v2/views/${id}/tickets?page[size]=30` })),
      { name: 'count_many (20 views)', connections: 8, path: () => `/api/v2/views/count_many?ids=${views.slice(0, 20).join(',')}` },
      ...['退款', '发票', '无法登录', 'refund', 'invoice 发票', '退款 status<solved tag:vip'].map((q) => ({
        name: `search: ${q}`,
        connections: 8,
        path: () => `/api/v2/search?query=${encodeURIComponent(q)}&per_page=25`,
      })),
    ];
    const only = values.only?.split(',');
    let wrote = true;
    for (const s of scenarios.filter((x) => !only || only.some((o) => x.name.includes(o)))) {
      const writes = s.method !== undefined && s.method !== 'GET';
      if (!writes && wrote) {
        await outboxSettled(dialect, env, `before ${s.name}`);
      }
      wrote = writes;
      scenarioPeak = 0;
      const row = measured(await run(base, manifest.token, s));
      rows.push(row);
      process.stdout.write(`${dialect.padEnd(9)} ${row.scenario.padEnd(34)} c=${String(row.connections).padEnd(3)} ${String(row.rps).padStart(6)}/s  p50 ${String(row.p50).padStart(4)} ms  p95 ${String(row.p95).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  rss ${row.rss_peak_mb} MB ${row.non2xx + row.errors > 0 ? `(${row.non2xx} non-2xx, ${row.errors} errors)` : ''}\n`);
    }
    if (!only || only.some((o) => 'email ingest'.includes(o))) {
      await outboxSettled(dialect, env, 'before email ingest');
      scenarioPeak = 0;
      for (const row of (await emailIngest(base, manifest.token, smtpPort, Number(values['mails']))).map(measured)) {
        rows.push(row);
        process.stdout.write(`${dialect.padEnd(9)} ${row.scenario.padEnd(34)} c=${String(row.connections).padEnd(3)} ${String(row.rps).padStart(6)}/s  p50 ${String(row.p50).padStart(4)} ms  p95 ${String(row.p95).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  ${row.errors > 0 ? `(${row.errors} not done)` : ''}\n`);
      }
    }
    if (!only || only.some((o) => 'trigger evaluation'.includes(o))) {
      const t = await triggerEvaluation(api, base, manifest.token, open);
      const row: Row = { scenario: 'trigger evaluation, 200 triggers (ms)', connections: 1, requests: t.samples, rps: 0, p50: t.p50, p95: t.p95, p99: t.p99, errors: 0, non2xx: 0 };
      rows.push(row);
      process.stdout.write(`${dialect.padEnd(9)} ${row.scenario.padEnd(34)} c=1   per ticket change: p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms (Server-Timing)\n`);
    }
    memory.peak_mb = Math.round(peak);
    memory.after_mb = Math.round(rssMb(pid));
    process.stdout.write(`${dialect.padEnd(9)} resident memory: idle ${memory.idle_mb} MB, peak under load ${memory.peak_mb} MB\n`);
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
  }
  const ceiling = rows[0]?.rps ?? 1;
  const out = {
    at: new Date().toISOString(),
    dialect,
    tickets: manifest.tickets,
    seed: manifest.seed,
    duration_s: duration,
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    memory,
    rows: rows.map((r) => ({ ...r, of_ceiling: Number((r.rps / ceiling).toFixed(3)) })),
  };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const file = path.join(root, 'bench/results', `${out.at.replace(/[:.]/g, '-')}-${dialect}-${manifest.tickets}.json`);
  writeFileSync(file, JSON.stringify(out, null, 2));
  process.stdout.write(`Wrote ${path.relative(root, file)}\n`);
}

if (!existsSync(path.join(root, 'server/dist/main.js'))) {
  execFileSync('npm', ['run', 'build', '--workspace', 'server'], { cwd: root, stdio: 'inherit' });
}
const began = Date.now();
for (const dialect of values.dialects.split(',') as ('sqlite' | 'postgres')[]) {
  if (dialect === 'postgres' && !(await pgReachable(values['pg-url']))) {
    process.stdout.write(`PostgreSQL is not reachable at ${values['pg-url']}: skipping it.\n`);
    continue;
  }
  await benchDialect(dialect);
}
process.stdout.write(`Benchmark done in ${((Date.now() - began) / 60_000).toFixed(1)} min\n`);
