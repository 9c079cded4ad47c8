// Times N ticket creates in-process (no HTTP socket, no load generator) and prints wall and CPU per
// create. CONC=16 keeps that many in flight. Profile it: N=1000 node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/profile-create.mts
import { pino } from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { systemClock } from '../server/src/platform/clock.ts';
// SQL_TIMES=1: time every statement better-sqlite3 runs, summed by statement, printed at the end.
const sqlTimes = new Map<string, { n: number; ms: number }>();
if (process.env.SQL_TIMES) {
  const Database = (await import('better-sqlite3')).default;
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: InstanceType<typeof Database>, source: string) {
    const stmt = prepare.call(this, source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = stmt[method].bind(stmt) as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => {
        const t = performance.now();
        try {
          return original(...a);
        } finally {
          const e = sqlTimes.get(source) ?? { n: 0, ms: 0 };
          e.n++; e.ms += performance.now() - t; sqlTimes.set(source, e);
        }
      };
    }
    return stmt;
  } as typeof prepare;
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (this: InstanceType<typeof Database>, source: string) {
    const t = performance.now();
    try { return exec.call(this, source); } finally { const e = sqlTimes.get(source) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - t; sqlTimes.set(source, e); }
  } as typeof exec;
}
const dir = mkdtempSync(path.join(tmpdir(), 'prof-'));
const database = openDatabase({ databaseUrl: null, dataDir: dir });
await migrateToLatest(database.db);
const config = loadConfig({ DATA_DIR: dir, SECRET_KEY: 'x'.repeat(40), LOG_LEVEL: 'silent' });
const app = await buildApp({ config, database, clock: systemClock, log: pino({ level: 'silent' }), webDist: null });
const h = { host: 'localhost', 'content-type': 'application/json' };
await app.inject({ method: 'POST', url: '/api/v2/setup', headers: h, payload: { account: { name: 'x', subdomain: 'x' }, owner: { name: 'o', email: 'o@x.com', password: 'password-1' } } });
const tok = (await app.inject({ method: 'POST', url: '/api/v2/api_tokens', headers: { ...h, authorization: 'Basic ' + Buffer.from('o@x.com:password-1').toString('base64') }, payload: { api_token: {} } })).json().api_token.token;
const auth = { ...h, authorization: 'Bearer ' + tok };
const u = (await app.inject({ method: 'POST', url: '/api/v2/users', headers: auth, payload: { user: { name: 'c', email: 'c@x.com' } } })).json().user.id;
const N = Number(process.env.N ?? 1000);
for (let i = 0; i < 100; i++) await app.inject({ method: 'POST', url: '/api/v2/tickets', headers: auth, payload: { ticket: { subject: `warm ${i}`, comment: { body: '申请退款，订单号 123' }, requester_id: u } } });
sqlTimes.clear();
const cpu0 = process.cpuUsage(); const t0 = performance.now();
// CONC=16: that many creates in flight at once, as the benchmark's load generator keeps them.
const conc = Number(process.env.CONC ?? 1);
let next = 0;
await Promise.all(Array.from({ length: conc }, async () => {
  while (next < N) {
    const i = next++;
    const r = await app.inject({ method: 'POST', url: '/api/v2/tickets', headers: auth, payload: { ticket: { subject: `退款申请 ${i}`, comment: { body: '您好，我的订单 123 还没有收到，申请退款。' }, requester_id: u, priority: 'normal' } } });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
}));
const cpu = process.cpuUsage(cpu0); const wall = performance.now() - t0;
console.log(`${N} creates: wall ${(wall / N).toFixed(2)} ms, cpu user ${(cpu.user / 1000 / N).toFixed(2)} ms sys ${(cpu.system / 1000 / N).toFixed(2)} ms per create`);
if (process.env.SQL_TIMES) {
  for (const [q, e] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log(`${(e.ms / N).toFixed(3).padStart(7)} ms/create ${String(e.n).padStart(6)}x  ${q.slice(0, 110)}`);
}
await app.close(); await database.destroy();
