import { describe, expect, it } from 'vitest';
import { rankDocuments } from './rank.js';
import { scopeToFts5, scopeTokens, scopeToTsquery, tagToken } from './scope.js';

describe('scope tokens', () => {
  it('name the account (live or deleted), group, assignee, status and each tag', () => {
    expect(scopeTokens({ accountId: 7, deleted: false, groupId: null, assigneeId: 12, status: 'open', tags: ['vip', '加急', 'vip'] })).toBe(
      `a7 g0 u12 sopen ${tagToken('vip')} ${tagToken('加急')}`,
    );
    expect(scopeTokens({ accountId: 7, deleted: true, groupId: 3, assigneeId: null, status: 'solved', tags: [] })).toBe('d7 g3 u0 ssolved');
    expect(tagToken('needs-review')).toMatch(/^t[0-9a-f]+$/);
  });

  it('become an FTS5 column filter and a tsquery', () => {
    const q = { all: [{ any: ['a7'] }, { any: ['g3', 'u12'] }], none: ['snew'] };
    expect(scopeToFts5(q)).toBe('scope : ((a7 AND (g3 OR u12)) NOT (snew))');
    expect(scopeToTsquery(q)).toBe('a7 & (g3 | u12) & !snew');
  });
});

describe('ranking candidates', () => {
  it('scores more occurrences higher, whole tokens and phrases only', () => {
    const ranks = rankDocuments(
      [
        { id: 1, grams: '申请 请退 退款 退款 退款 问题' },
        { id: 2, grams: '申请 请退 退款 问题' },
        { id: 3, grams: '退款款 款退' },
      ],
      [['退款']],
    );
    expect(ranks.get(1)).toBeGreaterThan(ranks.get(2) ?? 0);
    expect(ranks.get(3)).toBe(0);
    const phrase = rankDocuments([{ id: 1, grams: '无法 法登 登录' }, { id: 2, grams: '登录 无法 法登' }], [['无法', '法登', '登录']]);
    expect(phrase.get(1)).toBeGreaterThan(0);
    expect(phrase.get(2)).toBe(0);
  });
});
