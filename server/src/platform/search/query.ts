/** A parsed search query in Zendesk's syntax. */
export type SearchFilter = { key: string; op: ':' | '<' | '>' | '<=' | '>='; value: string; negate: boolean };
export type ParsedQuery = { terms: string[]; filters: SearchFilter[] };

const TOKEN = /(-)?([a-z_]+)(<=|>=|:|<|>)("([^"]*)"|\S+)|"([^"]*)"|(\S+)/giu;

/**
 * Splits `status<solved tag:vip -tag:spam assignee:me "exact phrase" 退款 refund`
 * into filters and free-text terms. Keys outside `knownKeys` stay text (a URL, a
 * time such as 10:30), so nothing a person types is an error.
 */
export function parseQuery(query: string, knownKeys: ReadonlySet<string>): ParsedQuery {
  const terms: string[] = [];
  const filters: SearchFilter[] = [];
  for (const m of query.matchAll(TOKEN)) {
    const [whole, negate, key, op, rawValue, quotedValue, phrase, word] = m;
    if (key !== undefined && op !== undefined && rawValue !== undefined && knownKeys.has(key.toLowerCase())) {
      filters.push({
        key: key.toLowerCase(),
        op: op as SearchFilter['op'],
        value: quotedValue ?? rawValue,
        negate: negate === '-',
      });
    } else if (phrase !== undefined) {
      terms.push(phrase);
    } else {
      terms.push(word ?? whole);
    }
  }
  return { terms: terms.filter((t) => t.trim().length > 0), filters };
}
