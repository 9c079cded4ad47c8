import { type RawBuilder, sql } from 'kysely';
import { type Ctx, forReading } from '../../context.js';
import { dialectOf } from '../../db/helpers.js';
import type { ParsedQuery, SearchFilter } from '../../platform/search/query.js';
import { bm25, doubledStream, phraseNeedle } from '../../platform/search/rank.js';
import { accountToken, assigneeToken, groupToken, type ScopeQuery, scopeToFts5, scopeToTsquery, statusToken, tagToken } from '../../platform/search/scope.js';
import { segmentQuery } from '../../platform/search/segment.js';
import { myGroupIds } from '../groups/my-groups.js';
import { queryVisibleTickets, type TicketRecord, toTicket } from '../tickets/repo.js';
import { ticketFilter } from '../tickets/search.js';

/** Search pages through at most this many results, as Zendesk's does. */
export const MAX_RESULTS = 1000;
/**
 * `/search/count` stops here: exact below, this figure above, at a bounded cost however
 * common the word. A search's own `count` stops at MAX_RESULTS, what it can page through:
 * reading ten times as many matches was the largest cost of a search at a million tickets.
 */
export const SEARCH_COUNT_CAP = 10_000;

const statusOrder = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;

export type TicketSearchPage = { count: number; tickets: TicketRecord[] };
export type TicketSearchOptions = { sortBy?: 'created_at' | 'updated_at' | 'priority' | 'status' | 'ticket_type'; sortOrder?: 'asc' | 'desc'; offset: number; limit: number };

/** The filters a scope token answers exactly, as a term of the scope query; null leaves the filter to SQL. */
function scopeTermOf(ctx: Ctx, f: SearchFilter): string[] | null {
  const v = f.value.toLowerCase();
  switch (f.key) {
    case 'status': {
      const index = statusOrder.indexOf(v as (typeof statusOrder)[number]);
      if (index === -1) {
        return null; // ticketFilter names the mistake
      }
      const pick = { ':': [statusOrder[index]], '<': statusOrder.slice(0, index), '<=': statusOrder.slice(0, index + 1), '>': statusOrder.slice(index + 1), '>=': statusOrder.slice(index) }[f.op];
      return pick.map((s) => statusToken(s ?? ''));
    }
    case 'assignee':
      if (f.op !== ':') {
        return null;
      }
      if (v === 'me') {
        return ctx.actor.kind === 'user' ? [assigneeToken(ctx.actor.user.id)] : null;
      }
      if (v === 'none') {
        return [assigneeToken(null)];
      }
      return /^[1-9]\d*$/.test(v) ? [assigneeToken(Number(v))] : null;
    case 'group':
      if (f.op !== ':') {
        return null;
      }
      if (v === 'none') {
        return [groupToken(null)];
      }
      return /^[1-9]\d*$/.test(v) ? [groupToken(Number(v))] : null;
    case 'tag':
    case 'tags':
      return f.op === ':' ? [tagToken(v)] : null;
    default:
      return null;
  }
}

/** What the actor may see, as scope terms; null when the role's rule is not in the tokens (end users). */
async function visibilityScope(ctx: Ctx): Promise<ScopeQuery | null> {
  const account = accountToken(ctx.account.id);
  if (ctx.actor.kind === 'system') {
    return { all: [{ any: [account] }], none: [] };
  }
  if (ctx.actor.kind !== 'user') {
    return { all: [{ any: [] }], none: [] };
  }
  const me = ctx.actor.user.id;
  switch (ctx.permissions.ticketAccess) {
    case 'all':
      return { all: [{ any: [account] }], none: [] };
    case 'groups': {
      const groups = [...(await myGroupIds(ctx))].map(groupToken);
      return { all: [{ any: [account] }, { any: [...groups, assigneeToken(me)] }], none: [] };
    }
    case 'assigned':
      return { all: [{ any: [account] }, { any: [assigneeToken(me)] }], none: [] };
    case 'none':
      return { all: [{ any: [] }], none: [] };
    case 'requested':
      return null;
  }
}

type Plan = {
  /** Phrases of tokens, every one of which must match the text. */
  phrases: string[][];
  scope: ScopeQuery;
  /** Filters (and, for end users, visibility) left to SQL on `tickets`. */
  residual: SearchFilter[];
  /** Visibility is not in the scope: every candidate must be checked against `tickets`. */
  checkVisibility: boolean;
};

async function planSearch(ctx: Ctx, parsed: ParsedQuery): Promise<Plan> {
  const visible = await visibilityScope(ctx);
  const scope: ScopeQuery = visible ?? { all: [{ any: [accountToken(ctx.account.id)] }], none: [] };
  const residual: SearchFilter[] = [];
  for (const f of parsed.filters) {
    if (f.key === 'type') {
      continue;
    }
    const tokens = scopeTermOf(ctx, f);
    if (tokens === null) {
      residual.push(f);
    } else if (f.negate) {
      scope.none.push(...tokens);
    } else {
      scope.all.push({ any: tokens });
    }
  }
  return { phrases: parsed.terms.map(segmentQuery).filter((tokens) => tokens.length > 0), scope, residual, checkVisibility: visible === null };
}

const isEmpty = (scope: ScopeQuery): boolean => scope.all.some((t) => t.any.length === 0);

/** The text as an FTS5 expression on the text columns only, so no scope token can match it. */
const fts5Text = (phrases: string[][]): string => `{grams words} : (${phrases.map((tokens) => `"${tokens.join(' ')}"`).join(' AND ')})`;

function tsText(phrases: string[][]): RawBuilder<unknown> {
  return sql`(${sql.join(phrases.map((tokens) => sql`phraseto_tsquery('simple', ${tokens.join(' ')})`), sql` && `)})`;
}

/** The ids of tickets whose text and scope match, as a derived table `m(id)`. */
function matched(ctx: Ctx, plan: Plan) {
  if (dialectOf(ctx.db) === 'sqlite') {
    // Tokens hold only letters, digits and _, so quoting them is enough.
    const expr = `${scopeToFts5(plan.scope)} AND ${fts5Text(plan.phrases)}`;
    return sql<{ id: number }>`(select rowid as id from ticket_search where ticket_search match ${expr})`.as('m');
  }
  return sql<{ id: number }>`(select ticket_id as id from ticket_search where account_id = ${ctx.account.id} and document @@ ${tsText(plan.phrases)} and scope @@ ${scopeToTsquery(plan.scope)}::tsquery)`.as('m');
}

/** Matches joined to `tickets` for what the index cannot answer: the visibility rule (again) and the other filters. */
function checkedMatches(ctx: Ctx, plan: Plan) {
  let q = queryVisibleTickets(ctx).innerJoin(matched(ctx, plan), (j) => j.onRef('m.id', '=', 'tickets.id'));
  for (const f of plan.residual) {
    q = q.where(ticketFilter(ctx, f));
  }
  return q;
}

/**
 * The matches, newest first, up to `cap` + 1: one pass of the index gives the count (exact
 * below the cap) and the newest MAX_RESULTS, the set search ranks and pages through.
 */
async function newestMatches(ctx: Ctx, plan: Plan, cap: number): Promise<number[]> {
  const rows =
    plan.residual.length === 0 && !plan.checkVisibility
      ? await ctx.db.selectFrom(matched(ctx, plan)).select('m.id').orderBy('m.id', 'desc').limit(cap + 1).execute()
      : await checkedMatches(ctx, plan).clearSelect().select('m.id').orderBy('m.id', 'desc').limit(cap + 1).execute();
  return rows.map((r) => Number(r.id));
}

/** The text rank of each candidate, higher better; only the text is scored, never the scope. */
async function rankCandidates(ctx: Ctx, plan: Plan, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  if (dialectOf(ctx.db) === 'sqlite') {
    // FTS5's bm25() first counts every match of each phrase in the whole index (all accounts'),
    // which at a million tickets costs more than the search itself; the candidates' own text
    // is a bounded read. It comes from FTS5's content table (`%_content`: id, c0 = grams), a
    // third faster than 1,000 rowid lookups through the virtual table. The phrases are counted
    // there too: only numbers come back, where the 1,000 texts (~3 MB a search) crossed from
    // the read worker to be counted in JavaScript, and grew both heaps under load.
    const needles = plan.phrases.map(phraseNeedle);
    const counts = needles.map((needle, i) => sql`(length(s) - length(replace(s, ${needle}, ''))) / length(${needle}) as ${sql.ref(`t${i}`)}`);
    const docs = await sql<Record<string, number>>`
      select id, length(c0) as n, ${sql.join(counts)}
      from (select id, c0, ${sql.raw(doubledStream('c0'))} as s from ticket_search_content where id in (select value from json_each(${JSON.stringify(ids)})))`.execute(ctx.db);
    return bm25(docs.rows.map((r) => ({ id: Number(r.id), length: Number(r.n), counts: needles.map((_, i) => Number(r[`t${i}`] ?? 0)) })));
  }
  const rows = await sql<{ id: number; rank: number }>`
    select ticket_id as id, ts_rank(document, ${tsText(plan.phrases)}) as rank from ticket_search
    where account_id = ${ctx.account.id} and ticket_id = any(${`{${ids.join(',')}}`}::bigint[])`.execute(ctx.db);
  return new Map(rows.rows.map((r) => [Number(r.id), Number(r.rank)]));
}

const sortColumn = {
  created_at: 'tickets.created_at',
  updated_at: 'tickets.updated_at',
  priority: 'tickets.priority',
  status: 'tickets.status',
  ticket_type: 'tickets.type',
} as const;

/** Tickets by id, checked once more against visibility and every filter, in the order given. */
async function loadInOrder(ctx: Ctx, parsed: ParsedQuery, ids: number[]): Promise<TicketRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await filteredTickets(ctx, parsed).where('tickets.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toTicket(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function filteredTickets(ctx: Ctx, parsed: ParsedQuery) {
  let q = queryVisibleTickets(ctx);
  for (const f of parsed.filters.filter((x) => x.key !== 'type')) {
    q = q.where(ticketFilter(ctx, f));
  }
  return q;
}

async function countFiltersOnly(ctx: Ctx, parsed: ParsedQuery, cap: number): Promise<number> {
  const capped = filteredTickets(ctx, parsed).clearSelect().select('tickets.id').limit(cap + 1);
  const row = await ctx.db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Math.min(Number(row.n), cap);
}

/** A search without text: the filters alone, on `tickets`, newest update first. */
async function searchFiltersOnly(ctx: Ctx, parsed: ParsedQuery, options: TicketSearchOptions): Promise<TicketSearchPage> {
  const q = filteredTickets(ctx, parsed);
  const count = await countFiltersOnly(ctx, parsed, MAX_RESULTS);
  const ordered = options.sortBy ? q.orderBy(sortColumn[options.sortBy], options.sortOrder ?? 'desc') : q.orderBy('tickets.updated_at', 'desc');
  const rows = await ordered.orderBy('tickets.id', 'desc').limit(options.limit).offset(options.offset).execute();
  return { count, tickets: rows.map(toTicket) };
}

/**
 * Ticket search. Text and the filters the scope tokens answer (status, tag, assignee and
 * group by id, me or none) are matched inside the full-text index together with the
 * actor's visibility, so neither the count nor the ranking joins every match to
 * `tickets`. The newest MAX_RESULTS matches are ranked by text relevance and paged
 * through; the count is exact up to MAX_RESULTS. Every returned ticket is checked
 * once more in SQL against visibility and the filters. Runs on the heavy-read connections.
 */
export async function searchTickets(caller: Ctx, parsed: ParsedQuery, options: TicketSearchOptions): Promise<TicketSearchPage> {
  const ctx = forReading(caller);
  filteredTickets(ctx, parsed); // builds (never runs) every filter, so a bad one is a 422 even when nothing can match
  const plan = await planSearch(ctx, parsed);
  if (plan.phrases.length === 0) {
    return searchFiltersOnly(ctx, parsed, options);
  }
  if (isEmpty(plan.scope)) {
    return { count: 0, tickets: [] };
  }
  const newest = await newestMatches(ctx, plan, MAX_RESULTS);
  const count = Math.min(newest.length, MAX_RESULTS);
  if (count === 0) {
    return { count, tickets: [] };
  }
  if (options.sortBy) {
    const column = sortColumn[options.sortBy];
    const rows = await checkedMatches(ctx, plan).orderBy(column, options.sortOrder ?? 'desc').orderBy('tickets.id', 'desc').limit(options.limit).offset(options.offset).execute();
    return { count, tickets: rows.map(toTicket) };
  }
  const ids = newest.slice(0, MAX_RESULTS);
  const ranks = await rankCandidates(ctx, plan, ids);
  const ranked = ids
    .map((id) => ({ id, rank: ranks.get(id) ?? Number.NEGATIVE_INFINITY }))
    .sort((a, b) => b.rank - a.rank || b.id - a.id)
    .slice(options.offset, options.offset + options.limit);
  return { count, tickets: await loadInOrder(ctx, parsed, ranked.map((r) => r.id)) };
}

/** How many tickets the query finds for the actor, up to SEARCH_COUNT_CAP. */
export async function countTickets(caller: Ctx, parsed: ParsedQuery): Promise<number> {
  const ctx = forReading(caller);
  filteredTickets(ctx, parsed);
  const plan = await planSearch(ctx, parsed);
  if (plan.phrases.length === 0) {
    return countFiltersOnly(ctx, parsed, SEARCH_COUNT_CAP);
  }
  return isEmpty(plan.scope) ? 0 : Math.min((await newestMatches(ctx, plan, SEARCH_COUNT_CAP)).length, SEARCH_COUNT_CAP);
}
