const K1 = 1.2;
const B = 0.75;

/**
 * A phrase (tokens in order) as the text to count in a token stream whose separators are
 * doubled (`doubledStream`): with two spaces between tokens and one at each end, whole-token
 * occurrences never share a character, so SQLite's `replace` counts every one of them, and a
 * token that only contains the phrase's (退款款 for 退款) is not counted.
 */
export const phraseNeedle = (tokens: readonly string[]): string => ` ${tokens.join('  ')} `;

/** The SQL expression of a stream with doubled separators, for `phraseNeedle` to count in. */
export const doubledStream = (column: string): string => `(' ' || replace(${column}, ' ', '  ') || ' ')`;

/**
 * BM25 of each document from its length and each phrase's count in it (over the `grams`
 * stream, every token of the text), with lengths measured against these documents' own
 * average: the shape of score FTS5's bm25() gives, without its pass over every match in the
 * index (which at a million tickets costs more than the search). Every document holds every
 * phrase (the search matched them all), so phrases weigh alike. Higher is better. The counts
 * are taken in SQL, so the documents' text never leaves the database.
 */
export function bm25(docs: readonly { id: number; length: number; counts: readonly number[] }[]): Map<number, number> {
  // Length in characters stands in for length in tokens: only the ratio to the average counts.
  const avg = Math.max(1, docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length));
  const scores = new Map<number, number>();
  for (const doc of docs) {
    let score = 0;
    for (const tf of doc.counts) {
      if (tf > 0) {
        score += (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avg));
      }
    }
    scores.set(doc.id, score);
  }
  return scores;
}
