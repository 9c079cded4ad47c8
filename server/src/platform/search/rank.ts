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
 * BM25 of each document for the phrases over its `grams` stream (every token of the text;
 * the `words` stream only repeats some of its bigrams as jieba's whole words), with lengths measured against these documents'
 * own average: the shape of score FTS5's bm25() gives, without its pass over every match in
 * the index (which at a million tickets costs more than the search). Every document holds
 * every phrase (the search matched them all), so phrases weigh alike. Higher is better.
 */
export function rankDocuments(docs: readonly { id: number; grams: string }[], phrases: readonly string[][]): Map<number, number> {
  // Length in characters stands in for length in tokens: only the ratio to the average counts.
  const avg = Math.max(1, docs.reduce((sum, d) => sum + d.grams.length, 0) / Math.max(1, docs.length));
  const joined = phrases.map((tokens) => tokens.join(' '));
  const scores = new Map<number, number>();
  for (const doc of docs) {
    let score = 0;
    for (const phrase of joined) {
      const tf = occurrences(doc.grams, phrase);
      if (tf > 0) {
        score += (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.grams.length) / avg));
      }
    }
    scores.set(doc.id, score);
  }
  return scores;
}
