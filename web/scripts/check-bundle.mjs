// Fails the build when the JavaScript a first visit downloads (the entry and everything it
// imports statically, before any route's lazy chunk) is over budget, gzipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 500;
const dist = path.resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const seen = new Set();
const walk = (key) => {
  if (seen.has(key)) {
    return;
  }
  seen.add(key);
  for (const next of manifest[key].imports ?? []) {
    walk(next);
  }
};
walk(entry);
const files = [...seen].map((key) => manifest[key].file).filter((f) => f.endsWith('.js'));
const sizes = files.map((file) => ({ file, kb: gzipSync(readFileSync(path.join(dist, file))).length / 1024 }));
const total = sizes.reduce((sum, s) => sum + s.kb, 0);
for (const s of sizes.sort((a, b) => b.kb - a.kb)) {
  console.log(`  ${s.kb.toFixed(1).padStart(7)} KB  ${s.file}`);
}
console.log(`initial JavaScript: ${total.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB) {
  console.error(`over budget by ${(total - BUDGET_KB).toFixed(1)} KB: split a route or a library out of the first load`);
  process.exit(1);
}
