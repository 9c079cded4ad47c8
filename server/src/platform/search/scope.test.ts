import { describe, expect, it } from 'vitest';
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
