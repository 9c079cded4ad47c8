// Repeats GET requests in-process on a seeded bench database, CONC at a time, and prints wall and
// CPU per request: `PATHS=/api/v2/views/1/tickets N=2000 CONC=8 npx tsx scripts/profile-requests.mts bench/data/sqlite-1000000-42`.
// PROFILE=/tmp/x.cpuprofile writes a CPU profile of the timed part only (not start-up).
// `view:<i>` in PATHS stands for the manifest's i-th view's first page.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { systemClock } from '../server/src/platform/clock.ts';

const dataDir = path.resolve(process.argv[2] ?? 'bench/data/sqlite-100000-42');
const manifest = JSON.parse(readFileSync(path.join(dataDir, 'bench-manifest.json'), 'utf8')) as { token: string; viewIds: number[] };
// SQL_TIMES=1: time summed by statement (as Kysely sees it, waiting for its turn included), printed at the end.
const sqlTimes = new Map<string, { n: number; ms: number }>();
const onQuery = (sql: string, ms: number) => {
  const e = sqlTimes.get(sql) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += ms;
  sqlTimes.set(sql, e);
};
const database = openDatabase({ databaseUrl: null, dataDir, readWorkers: Number(process.env.WORKERS ?? 2), ...(process.env.SQL_TIMES ? { onQuery } : {}) });
const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: readFileSync(path.join(dataDir, 'secret_key'), 'utf8').trim(), LOG_LEVEL: 'silent' });
const app = await buildApp({ config, database, clock: systemClock, log: pino({ level: 'silent' }), webDist: null });
const headers = { host: 'localhost', authorization: `Bearer ${manifest.token}` };
const paths = (process.env.PATHS ?? 'view:0').split(',').map((p) => (p.startsWith('view:') ? `/api/v2/views/${manifest.viewIds[Number(p.slice(5))]}/tickets?page[size]=30` : p));
const n = Number(process.env.N ?? 1000);
const conc = Number(process.env.CONC ?? 1);
for (const p of paths) {
  await app.inject({ method: 'GET', url: p, headers }); // warm
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
sqlTimes.clear();
const profiler = process.env.PROFILE ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
await Promise.all(
  Array.from({ length: conc }, async () => {
    while (next < n) {
      const url = paths[next++ % paths.length] ?? '/api/v2/ping';
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) {
        throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      }
    }
  }),
);
const wall = performance.now() - t0;
if (profiler && process.env.PROFILE) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(process.env.PROFILE, JSON.stringify(profile));
}
const cpu = process.cpuUsage(cpu0);
const mem = process.memoryUsage();
process.stdout.write(`memory: rss ${Math.round(mem.rss / 2 ** 20)} MB, V8 heap ${Math.round(mem.heapTotal / 2 ** 20)} MB (${Math.round(mem.heapUsed / 2 ** 20)} used), external ${Math.round(mem.external / 2 ** 20)} MB\n`);
process.stdout.write(`${n} requests: wall ${(wall / n).toFixed(2)} ms, main thread cpu user ${(cpu.user / 1000 / n).toFixed(2)} ms sys ${(cpu.system / 1000 / n).toFixed(2)} ms per request\n`);
for (const [sql, e] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
  process.stdout.write(`${(e.ms / n).toFixed(3).padStart(7)} ms/request ${String(e.n).padStart(6)}x  ${sql.slice(0, 200)}\n`);
}
await app.close();
await database.destroy();
