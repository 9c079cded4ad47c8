import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every key the web app asks for by name exists in both languages. i18next answers a missing
 * key with the key itself, so a typo would show "admin.people.titel" to a customer and no
 * type check would notice. Keys built at run time (`tickets.statuses.${s}`) are checked by
 * their fixed prefix: it must name a group of messages.
 *
 * The settings' strings (`i18n/admin`) load with the settings chunk, so only code under
 * pages/admin may ask for them: a portal or console page must find its keys in the main catalogue.
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
const main: Record<string, Catalogue> = { 'zh-CN': zh.zhCN as Catalogue, en: english.en as Catalogue };
const settings: Record<string, Catalogue> = {
  'zh-CN': { ...main['zh-CN'], admin: admin.adminZhCN as Catalogue },
  en: { ...main.en, admin: admin.adminEn as Catalogue },
};

type Keys = { fixed: Map<string, string>; prefixes: Map<string, string> };
const inSettings: Keys = { fixed: new Map(), prefixes: new Map() };
const elsewhere: Keys = { fixed: new Map(), prefixes: new Map() };
for (const file of sourceFiles(webSrc)) {
  const text = readFileSync(file, 'utf8');
  const where = path.relative(webSrc, file);
  const keys = where.startsWith(`pages${path.sep}admin${path.sep}`) ? inSettings : elsewhere;
  for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
    keys.fixed.set(m[1] as string, where);
  }
  for (const m of text.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)) {
    keys.prefixes.set(m[1] as string, where);
  }
}

function missingFrom(catalogue: Catalogue, { fixed, prefixes }: Keys): string[] {
  const missing = [...fixed].filter(([key]) => {
    const found = lookup(catalogue, key) ?? lookup(catalogue, `${key}_other`) ?? lookup(catalogue, `${key}_one`);
    return typeof found !== 'string';
  });
  const missingGroups = [...prefixes].filter(([prefix]) => typeof lookup(catalogue, prefix) !== 'object');
  return [...missing.map(([key, file]) => `${key} (${file})`), ...missingGroups.map(([prefix, file]) => `${prefix}.* (${file})`)];
}

describe('the web app’s message catalogues', () => {
  it('find the source keys at all (the scan works)', () => {
    for (const keys of [inSettings, elsewhere]) {
      expect(keys.fixed.size).toBeGreaterThan(100);
      expect(keys.prefixes.size).toBeGreaterThan(5);
    }
    expect([...inSettings.fixed.keys()].filter((k) => k.startsWith('admin.')).length).toBeGreaterThan(500);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`hold every key the settings use, with the settings catalogue, in ${language}`, () => {
      expect(missingFrom(settings[language] as Catalogue, inSettings)).toEqual([]);
    });
    it(`hold every key the portal and console use, without it, in ${language}`, () => {
      expect(lookup(main[language] as Catalogue, 'admin')).toBeUndefined();
      expect(missingFrom(main[language] as Catalogue, elsewhere)).toEqual([]);
    });
  }
});
