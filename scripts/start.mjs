// `npm start`: builds what is missing or stale, then serves (the server migrates first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild(sources, output) {
  return !existsSync(output) || newestMtime(path.join(root, sources)) > statSync(output).mtimeMs;
}

function build(workspace) {
  process.stdout.write(`Building ${workspace}…\n`);
  const result = spawnSync(npm, ['run', 'build', '--workspace', workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

if (needsBuild('server/src', path.join(root, 'server/dist/main.js'))) {
  build('server');
}
if (needsBuild('web/src', path.join(root, 'web/dist/index.html'))) {
  build('web');
}

const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js'), 'serve'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
