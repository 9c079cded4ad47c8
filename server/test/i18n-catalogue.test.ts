import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every key the web app asks for by name exists in both languages. i18next answers a missing
 * key with the key itself, so a typo would show "admin.people.titel" to a customer and no
 * type check would notice. Keys built at run time (`tickets.statuses.${s}`) are checked by
 * their fixed prefix: it must name a group of messages.
 */
const webSrc = path.resolve(import.meta.dirname, '../../web/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      return e.name === 'i18n' ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

type Catalogue = { [key: string]: string | Catalogue };

function lookup(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') {
      return undefined;
    }
    node = node[part];
  }
  return node;
}

// Loaded by path: the web app is another TypeScript project, outside the server's rootDir.
const load = async (file: string) => (await import(pathToFileURL(path.join(webSrc, 'i18n', file)).href)) as Record<string, Catalogue>;
const [zh, english, admin] = await Promise.all([load('zh-CN.ts'), load('en.ts'), load('admin/index.ts')]);
const catalogues: Record<string, Catalogue> = {
  'zh-CN': { ...zh.zhCN, admin: admin.adminZhCN as Catalogue },
  en: { ...english.en, admin: admin.adminEn as Catalogue },
};

const fixed = new Map<string, string>();
const prefixes = new Map<string, string>();
for (const file of sourceFiles(webSrc)) {
  const text = readFileSync(file, 'utf8');
  const where = path.relative(webSrc, file);
  for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
    fixed.set(m[1] as string, where);
  }
  for (const m of text.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)) {
    prefixes.set(m[1] as string, where);
  }
}

describe('the web app’s message catalogues', () => {
  it('find the source keys at all (the scan works)', () => {
    expect(fixed.size).toBeGreaterThan(100);
    expect(prefixes.size).toBeGreaterThan(5);
  });

  for (const [language, catalogue] of Object.entries(catalogues)) {
    it(`hold every key the app uses, in ${language}`, () => {
      const missing = [...fixed].filter(([key]) => {
        const found = lookup(catalogue, key) ?? lookup(catalogue, `${key}_other`) ?? lookup(catalogue, `${key}_one`);
        return typeof found !== 'string';
      });
      expect(missing.map(([key, file]) => `${key} (${file})`)).toEqual([]);
      const missingGroups = [...prefixes].filter(([prefix]) => typeof lookup(catalogue, prefix) !== 'object');
      expect(missingGroups.map(([prefix, file]) => `${prefix}.* (${file})`)).toEqual([]);
    });
  }
});
