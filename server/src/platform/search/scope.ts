/**
 * Scope tokens: the facts about a ticket that decide who may see it and that the common
 * filters test, written beside its text in the full-text index so that a search can be
 * counted and ranked inside the index instead of joining every match to `tickets`.
 *
 * A ticket's scope is `a<account>` while it is live (`d<account>` once deleted),
 * `g<group>` (`g0` for none), `u<assignee>` (`u0`), `s<status>` and `t<hex of tag>` per
 * tag. Tokens are lower-case letters and digits, so SQLite FTS5 (unicode61) and
 * PostgreSQL tsvector read them unchanged; they live in their own column, never in the
 * text's, so nothing a person types can match one.
 */
export type TicketScopeFacts = {
  accountId: number;
  deleted: boolean;
  groupId: number | null;
  assigneeId: number | null;
  status: string;
  tags: readonly string[];
};

/** A tag as one token: its UTF-8 bytes in hex, so 加急 and needs-review stay whole and exact. */
export const tagToken = (tag: string): string => `t${Buffer.from(tag, 'utf8').toString('hex')}`;

export const accountToken = (accountId: number): string => `a${accountId}`;
export const groupToken = (groupId: number | null): string => `g${groupId ?? 0}`;
export const assigneeToken = (userId: number | null): string => `u${userId ?? 0}`;
export const statusToken = (status: string): string => `s${status}`;

/** The scope of one ticket, space-separated. */
export function scopeTokens(t: TicketScopeFacts): string {
  return [
    t.deleted ? `d${t.accountId}` : accountToken(t.accountId),
    groupToken(t.groupId),
    assigneeToken(t.assigneeId),
    statusToken(t.status),
    ...[...new Set(t.tags)].map(tagToken),
  ].join(' ');
}

/** A condition on scope tokens: every `all` holds, and no `none` is present. */
export type ScopeTerm = { any: string[] };
export type ScopeQuery = { all: ScopeTerm[]; none: string[] };

/** FTS5 syntax, for the `scope` column: `scope : (a1 AND (g3 OR u7) NOT snew)`. */
export function scopeToFts5(q: ScopeQuery): string {
  const all = q.all.map((t) => (t.any.length === 1 ? (t.any[0] ?? '') : `(${t.any.join(' OR ')})`));
  let expr = all.join(' AND ');
  if (q.none.length > 0) {
    expr = `(${expr}) NOT (${q.none.join(' OR ')})`;
  }
  return `scope : (${expr})`;
}

/** tsquery syntax, for the `scope` tsvector: `a1 & (g3 | u7) & !snew`. */
export function scopeToTsquery(q: ScopeQuery): string {
  const parts = q.all.map((t) => (t.any.length === 1 ? (t.any[0] ?? '') : `(${t.any.join(' | ')})`));
  parts.push(...q.none.map((token) => `!${token}`));
  return parts.join(' & ');
}
