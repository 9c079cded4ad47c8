// `npm test`: the whole suite on SQLite, then again on PostgreSQL when it is reachable.
// Set KEFU_TEST_PG_URL to point at another server; KEFU_REQUIRE_POSTGRES=1 (CI) makes an
// unreachable PostgreSQL a failure instead of a skip. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pgUrl = process.env.KEFU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const requirePostgres = ['1', 'true', 'yes'].includes(process.env.KEFU_REQUIRE_POSTGRES ?? '');
const extra = process.argv.slice(2);
const reports = mkdtempSync(path.join(tmpdir(), 'kefu-test-'));

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    process.stdout.write(`PostgreSQL is not reachable at ${pgUrl}: ${error.message}\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function run(dialect) {
  process.stdout.write(`\n=== Test suite on ${dialect} ===\n`);
  const report = path.join(reports, `${dialect}.json`);
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
    { cwd: root, stdio: 'inherit', env: { ...process.env, KEFU_TEST_DIALECT: dialect, KEFU_TEST_PG_URL: pgUrl } },
  );
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    // A file that fails to load counts as a failed suite with no failed test.
    failed = json.numFailedTests > 0 ? json.numFailedTests : (json.numFailedTestSuites ?? 0);
  } catch {
    failed = 1;
  }
  if (result.status !== 0 && failed === 0) {
    failed = 1; // a crash or a failed file that counted no tests
  }
  return { dialect, passed, failed };
}

const runs = [run('sqlite')];
if (await postgresReachable()) {
  runs.push(run('postgres'));
} else if (requirePostgres) {
  runs.push({ dialect: 'postgres', passed: 0, failed: 1 });
  process.stdout.write('KEFU_REQUIRE_POSTGRES is set, so an unreachable PostgreSQL fails the run.\n');
} else {
  process.stdout.write('Skipped the PostgreSQL run.\n');
}
rmSync(reports, { recursive: true, force: true });

process.stdout.write('\n');
for (const r of runs) {
  process.stdout.write(`${r.dialect}: ${r.passed} passed, ${r.failed} failed\n`);
}
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`Ran on: ${runs.map((r) => r.dialect).join(' and ')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
