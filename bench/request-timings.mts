/**
 * In-process request timings on a seeded bench database, without HTTP or a load generator:
 * `npx tsx bench/request-timings.mts --data bench/data/sqlite-100000-42 [--runs 20] [--migrate]
 * [--what search,views,count] [--workers 2]` (PostgreSQL: add `--pg postgres://…/kefu_bench_100000_42`).
 * Each request runs alone, one after another, through app.inject with the manifest's token;
 * prints p50 / p95 / max in ms and the count returned. `--migrate` first brings the database
 * to the latest migration and says how long that took. View counts are remembered between
 * changes, so `count` times the remembered answer unless `--cold` drops it before each run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { forgetViewCounts } from '../server/src/modules/views/count-cache.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'bench/data/sqlite-100000-42' },
    pg: { type: 'string' },
    runs: { type: 'string', default: '20' },
    migrate: { type: 'boolean', default: false },
    queries: { type: 'string' },
    what: { type: 'string', default: 'search' },
    workers: { type: 'string', default: '2' },
    cold: { type: 'boolean', default: false },
  },
});
const dataDir = path.resolve(values.data);
const manifest = JSON.parse(readFileSync(path.join(dataDir, 'bench-manifest.json'), 'utf8')) as { token: string; subdomain: string; viewIds: number[] };
const database = openDatabase({ databaseUrl: values.pg ?? null, dataDir, readWorkers: Number(values.workers) });
if (values.migrate) {
  const started = performance.now();
  const applied = await migrateToLatest(database.db);
  process.stdout.write(`migrated (${applied.join(', ') || 'nothing to do'}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: readFileSync(path.join(dataDir, 'secret_key'), 'utf8').trim(), LOG_LEVEL: 'silent', ...(values.pg ? { DATABASE_URL: values.pg } : {}) });
const app = await buildApp({ config, database, clock: systemClock, log: pino({ level: 'silent' }), webDist: null });
const headers = { host: 'localhost', authorization: `Bearer ${manifest.token}` };
const what = values.what.split(',');
const searches = values.queries?.split(',') ?? ['退款', '发票', '无法登录', 'refund', 'invoice 发票', '退款 status<solved tag:vip', '退款 assignee:none', '物流 status:open'];
const requests: { name: string; url: string; count: (body: string) => number }[] = [
  ...(what.includes('search') ? searches.map((q) => ({ name: q, url: `/api/v2/search?query=${encodeURIComponent(q)}&per_page=25`, count: (b: string) => (JSON.parse(b) as { count: number }).count })) : []),
  ...(what.includes('views') ? manifest.viewIds.slice(0, 9).map((id, i) => ({ name: `view ${i + 1}`, url: `/api/v2/views/${id}/tickets?page[size]=30`, count: (b: string) => (JSON.parse(b) as { tickets: unknown[] }).tickets.length })) : []),
  ...(what.includes('count') ? [{ name: 'count_many (20)', url: `/api/v2/views/count_many?ids=${manifest.viewIds.slice(0, 20).join(',')}`, count: (b: string) => (JSON.parse(b) as { view_counts: unknown[] }).view_counts.length }] : []),
];
const runs = Number(values.runs);
for (const r of requests) {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs + 1; i++) {
    if (values.cold) {
      forgetViewCounts();
    }
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: r.url, headers });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) {
      throw new Error(`${r.name}: ${res.statusCode} ${res.body}`);
    }
    count = r.count(res.body);
    if (i > 0) {
      times.push(ms); // the first run warms caches and prepares statements
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0).toFixed(1);
  process.stdout.write(`${r.name.padEnd(30)} p50 ${at(50).padStart(7)} ms  p95 ${at(95).padStart(7)} ms  max ${at(100).padStart(7)} ms  count ${count}\n`);
}
await app.close();
await database.destroy();
