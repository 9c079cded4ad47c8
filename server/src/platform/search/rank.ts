const K1 = 1.2;
const B = 0.75;

/** How often a phrase (tokens in order, space-separated) occurs as whole tokens in a token stream. */
function occurrences(stream: string, phrase: string): number {
  let n = 0;
  for (let at = stream.indexOf(phrase); at !== -1; at = stream.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if ((at === 0 || stream.charCodeAt(at - 1) === 32) && (end === stream.length || stream.charCodeAt(end) === 32)) {
      n++;
    }
  }
  return n;
}

/**
 * BM25 of each document for the phrases, over its `grams` (weight 2) and `words` (weight 1)
 * streams, with lengths measured against these documents' own average: the same shape of
 * score FTS5's bm25(2.0, 1.0) gives, without its pass over every match in the index (which
 * at a million tickets costs more than the search). Every document holds every phrase (the
 * search matched them all), so phrases weigh alike. Higher is better.
 */
export function rankDocuments(docs: readonly { id: number; grams: string; words: string }[], phrases: readonly string[][]): Map<number, number> {
  // Length in characters stands in for length in tokens: only the ratio to the average counts.
  const lengths = docs.map((d) => [d.grams.length, d.words.length] as const);
  const avg = [0, 1].map((c) => Math.max(1, lengths.reduce((sum, l) => sum + (l[c] ?? 0), 0) / Math.max(1, docs.length)));
  const joined = phrases.map((tokens) => tokens.join(' '));
  const scores = new Map<number, number>();
  docs.forEach((doc, i) => {
    let score = 0;
    for (const [column, stream, weight] of [[0, doc.grams, 2], [1, doc.words, 1]] as const) {
      const length = lengths[i]?.[column] ?? 0;
      for (const phrase of joined) {
        const tf = occurrences(stream, phrase);
        if (tf > 0) {
          score += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / (avg[column] ?? 1)));
        }
      }
    }
    scores.set(doc.id, score);
  });
  return scores;
}
