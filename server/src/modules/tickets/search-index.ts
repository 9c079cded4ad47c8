import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { dialectOf, parseStringList } from '../../db/helpers.js';
import { scopeTokens } from '../../platform/search/scope.js';
import { segmentDocument } from '../../platform/search/segment.js';

type IndexedTicket = {
  tags: string;
  group_id: number | null;
  assignee_id: number | null;
  status: string;
  deleted_at: number | null;
};

function scopeOf(ctx: Ctx, t: IndexedTicket): string {
  return scopeTokens({
    accountId: ctx.account.id,
    deleted: t.deleted_at !== null,
    groupId: t.group_id,
    assigneeId: t.assignee_id,
    status: t.status,
    tags: parseStringList(t.tags),
  });
}

/**
 * Rebuilds a ticket's search document from its subject, comments (notes included:
 * ticket search is for agents), tags and requester, with its scope tokens (account and
 * deletion, group, assignee, status, tags: see platform/search/scope.ts), in the caller's
 * transaction. Reads the ticket as written, so what rules changed is what gets indexed.
 */
export async function indexTicket(ctx: Ctx, ticketRowId: number): Promise<void> {
  const account = ctx.account.id;
  const ticket = await ctx.db
    .selectFrom('tickets')
    .innerJoin('users', (j) => j.onRef('users.account_id', '=', 'tickets.account_id').onRef('users.id', '=', 'tickets.requester_id'))
    .select(['tickets.subject', 'tickets.tags', 'tickets.group_id', 'tickets.assignee_id', 'tickets.status', 'tickets.deleted_at', 'users.name', 'users.email'])
    .where('tickets.account_id', '=', account)
    .where('tickets.id', '=', ticketRowId)
    .executeTakeFirstOrThrow();
  const comments = await ctx.db
    .selectFrom('ticket_comments')
    .select('plain_body')
    .where('account_id', '=', account)
    .where('ticket_id', '=', ticketRowId)
    .orderBy('id')
    .execute();
  const text = [ticket.subject, ...comments.map((c) => c.plain_body), parseStringList(ticket.tags).join(' '), ticket.name, ticket.email ?? ''].join('\n');
  const { grams, words } = segmentDocument(text);
  const scope = scopeOf(ctx, ticket);
  if (dialectOf(ctx.db) === 'sqlite') {
    await sql`delete from ticket_search where rowid = ${ticketRowId}`.execute(ctx.db);
    await sql`insert into ticket_search (rowid, grams, words, scope) values (${ticketRowId}, ${grams}, ${words}, ${scope})`.execute(ctx.db);
    return;
  }
  await sql`
    insert into ticket_search (account_id, ticket_id, document, scope)
    values (${account}, ${ticketRowId}, setweight(to_tsvector('simple', ${grams}), 'A') || setweight(to_tsvector('simple', ${words}), 'B'),
            array_to_tsvector(string_to_array(${scope}, ' ')))
    on conflict (account_id, ticket_id) do update set document = excluded.document, scope = excluded.scope`.execute(ctx.db);
}

/**
 * Rewrites only a ticket's scope tokens, for a change that moves it between groups,
 * assignees, statuses or in and out of the bin without touching its text: the stored
 * text is kept, nothing is segmented again.
 */
export async function indexTicketScope(ctx: Ctx, ticketRowId: number): Promise<void> {
  const ticket = await ctx.db
    .selectFrom('tickets')
    .select(['tags', 'group_id', 'assignee_id', 'status', 'deleted_at'])
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', ticketRowId)
    .executeTakeFirstOrThrow();
  const scope = scopeOf(ctx, ticket);
  if (dialectOf(ctx.db) === 'sqlite') {
    const updated = await sql`update ticket_search set scope = ${scope} where rowid = ${ticketRowId}`.execute(ctx.db);
    if (Number(updated.numAffectedRows ?? 0) === 0) {
      await indexTicket(ctx, ticketRowId);
    }
    return;
  }
  const updated = await sql`update ticket_search set scope = array_to_tsvector(string_to_array(${scope}, ' ')) where account_id = ${ctx.account.id} and ticket_id = ${ticketRowId}`.execute(ctx.db);
  if (Number(updated.numAffectedRows ?? 0) === 0) {
    await indexTicket(ctx, ticketRowId);
  }
}
