import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bm25, doubledStream, phraseNeedle } from './rank.js';

/** Counts as the search does, in SQLite, over the given token streams. */
function rank(docs: { id: number; grams: string }[], phrases: string[][]): Map<number, number> {
  const db = new Database(':memory:');
  try {
    db.exec('create table d (id integer primary key, c0 text)');
    const insert = db.prepare('insert into d (id, c0) values (?, ?)');
    for (const d of docs) {
      insert.run(d.id, d.grams);
    }
    const needles = phrases.map(phraseNeedle);
    const counts = needles.map((_, i) => `(length(s) - length(replace(s, ?, ''))) / length(?) as t${i}`).join(', ');
    const rows = db.prepare(`select id, length(c0) as n, ${counts} from (select id, c0, ${doubledStream('c0')} as s from d)`).all(...needles.flatMap((n) => [n, n])) as Record<string, number>[];
    return bm25(rows.map((r) => ({ id: Number(r.id), length: Number(r.n), counts: needles.map((_, i) => Number(r[`t${i}`])) })));
  } finally {
    db.close();
  }
}

describe('ranking candidates', () => {
  it('scores more occurrences higher, whole tokens and phrases only', () => {
    const ranks = rank(
      [
        { id: 1, grams: '申请 请退 退款 退款 退款 问题' },
        { id: 2, grams: '申请 请退 退款 问题' },
        { id: 3, grams: '退款款 款退' },
      ],
      [['退款']],
    );
    expect(ranks.get(1)).toBeGreaterThan(ranks.get(2) ?? 0);
    expect(ranks.get(3)).toBe(0);
    const phrase = rank([{ id: 1, grams: '无法 法登 登录' }, { id: 2, grams: '登录 无法 法登' }], [['无法', '法登', '登录']]);
    expect(phrase.get(1)).toBeGreaterThan(0);
    expect(phrase.get(2)).toBe(0);
  });

  it('counts every adjacent occurrence and weighs length against the average', () => {
    const ranks = rank(
      [
        { id: 1, grams: 'x x x' },
        { id: 2, grams: 'x y y y y y y y y y y y x x' },
      ],
      [['x']],
    );
    // Three each; the longer document scores lower.
    const three = bm25([{ id: 9, length: 5, counts: [3] }, { id: 8, length: 27, counts: [3] }]);
    expect(ranks.get(1)).toBeCloseTo(three.get(9) ?? 0);
    expect(ranks.get(2)).toBeCloseTo(three.get(8) ?? 0);
    expect(ranks.get(1)).toBeGreaterThan(ranks.get(2) ?? 0);
  });
});
