import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { dialectOf } from '../../db/helpers.js';
import type { ParsedQuery, SearchFilter } from '../../platform/search/query.js';
import { accountToken, assigneeToken, groupToken, type ScopeQuery, scopeToFts5, scopeToTsquery, statusToken, tagToken } from '../../platform/search/scope.js';
import { segmentQuery } from '../../platform/search/segment.js';
import { listMembershipsOfUser } from '../groups/repo.js';
import { queryVisibleTickets, type TicketRecord, toTicket } from '../tickets/repo.js';
import { ticketFilter } from '../tickets/search.js';

/** Search pages through at most this many results, as Zendesk's does. */
export const MAX_RESULTS = 1000;
/** Counts stop here: exact below, this figure above, at a bounded cost however common the word. */
export const SEARCH_COUNT_CAP = 10_000;
/** On SQLite, how many text matches around the candidates the ranking pass may score. */
const RANK_SCAN = 10 * MAX_RESULTS;

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
      const groups = (await listMembershipsOfUser(ctx, me)).map((m) => groupToken(m.groupId));
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

async function countMatches(ctx: Ctx, plan: Plan): Promise<number> {
  const capped =
    plan.residual.length === 0 && !plan.checkVisibility
      ? ctx.db.selectFrom(matched(ctx, plan)).select('m.id').limit(SEARCH_COUNT_CAP + 1)
      : checkedMatches(ctx, plan).clearSelect().select('tickets.id').limit(SEARCH_COUNT_CAP + 1);
  const row = await ctx.db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Math.min(Number(row.n), SEARCH_COUNT_CAP);
}

/** The newest MAX_RESULTS matches: the set search ranks and pages through. */
async function candidateIds(ctx: Ctx, plan: Plan): Promise<number[]> {
  const rows =
    plan.residual.length === 0 && !plan.checkVisibility
      ? await ctx.db.selectFrom(matched(ctx, plan)).select('m.id').orderBy('m.id', 'desc').limit(MAX_RESULTS).execute()
      : await checkedMatches(ctx, plan).clearSelect().select('m.id').orderBy('m.id', 'desc').limit(MAX_RESULTS).execute();
  return rows.map((r) => r.id);
}

/** The text rank of each candidate, higher better; only the text is scored, never the scope. */
async function rankCandidates(ctx: Ctx, plan: Plan, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  if (dialectOf(ctx.db) === 'sqlite') {
    // One pass over the text matches between the oldest and newest candidate (bm25 cannot be
    // asked about a list of rows without scoring its phrases once per row). On a file many
    // accounts share the range also holds other accounts' matches: RANK_SCAN bounds it, and a
    // candidate beyond it ranks after the scored ones, newest first.
    const lo = ids[ids.length - 1] ?? 0;
    const hi = ids[0] ?? 0;
    const rows = await sql<{ id: number; rank: number }>`
      select rowid as id, -bm25(ticket_search, 2.0, 1.0, 0.0) as rank from ticket_search
      where ticket_search match ${fts5Text(plan.phrases)} and rowid between ${lo} and ${hi}
      order by rowid desc limit ${RANK_SCAN}`.execute(ctx.db);
    return new Map(rows.rows.map((r) => [r.id, r.rank]));
  }
  const rows = await sql<{ id: number; rank: number }>`
    select ticket_id as id, ts_rank(document, ${tsText(plan.phrases)}) as rank from ticket_search
    where account_id = ${ctx.account.id} and ticket_id in (${sql.join(ids)})`.execute(ctx.db);
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

async function countFiltersOnly(ctx: Ctx, parsed: ParsedQuery): Promise<number> {
  const capped = filteredTickets(ctx, parsed).clearSelect().select('tickets.id').limit(SEARCH_COUNT_CAP + 1);
  const row = await ctx.db.selectFrom(capped.as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Math.min(Number(row.n), SEARCH_COUNT_CAP);
}

/** A search without text: the filters alone, on `tickets`, newest update first. */
async function searchFiltersOnly(ctx: Ctx, parsed: ParsedQuery, options: TicketSearchOptions): Promise<TicketSearchPage> {
  const q = filteredTickets(ctx, parsed);
  const count = await countFiltersOnly(ctx, parsed);
  const ordered = options.sortBy ? q.orderBy(sortColumn[options.sortBy], options.sortOrder ?? 'desc') : q.orderBy('tickets.updated_at', 'desc');
  const rows = await ordered.orderBy('tickets.id', 'desc').limit(options.limit).offset(options.offset).execute();
  return { count, tickets: rows.map(toTicket) };
}

/**
 * Ticket search. Text and the filters the scope tokens answer (status, tag, assignee and
 * group by id, me or none) are matched inside the full-text index together with the
 * actor's visibility, so neither the count nor the ranking joins every match to
 * `tickets`. The newest MAX_RESULTS matches are ranked by text relevance and paged
 * through; the count is exact up to SEARCH_COUNT_CAP. Every returned ticket is checked
 * once more in SQL against visibility and the filters.
 */
export async function searchTickets(ctx: Ctx, parsed: ParsedQuery, options: TicketSearchOptions): Promise<TicketSearchPage> {
  const plan = await planSearch(ctx, parsed);
  if (plan.phrases.length === 0) {
    return searchFiltersOnly(ctx, parsed, options);
  }
  if (isEmpty(plan.scope)) {
    return { count: 0, tickets: [] };
  }
  const count = await countMatches(ctx, plan);
  if (count === 0) {
    return { count, tickets: [] };
  }
  if (options.sortBy) {
    const column = sortColumn[options.sortBy];
    const rows = await checkedMatches(ctx, plan).orderBy(column, options.sortOrder ?? 'desc').orderBy('tickets.id', 'desc').limit(options.limit).offset(options.offset).execute();
    return { count, tickets: rows.map(toTicket) };
  }
  const ids = await candidateIds(ctx, plan);
  const ranks = await rankCandidates(ctx, plan, ids);
  const ranked = ids
    .map((id) => ({ id, rank: ranks.get(id) ?? Number.NEGATIVE_INFINITY }))
    .sort((a, b) => b.rank - a.rank || b.id - a.id)
    .slice(options.offset, options.offset + options.limit);
  return { count, tickets: await loadInOrder(ctx, parsed, ranked.map((r) => r.id)) };
}

/** How many tickets the query finds for the actor, up to SEARCH_COUNT_CAP. */
export async function countTickets(ctx: Ctx, parsed: ParsedQuery): Promise<number> {
  const plan = await planSearch(ctx, parsed);
  if (plan.phrases.length === 0) {
    return countFiltersOnly(ctx, parsed);
  }
  return isEmpty(plan.scope) ? 0 : countMatches(ctx, plan);
}
