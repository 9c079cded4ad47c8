import { type AliasedRawBuilder, sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { dialectOf } from '../../db/helpers.js';
import { segmentDocument, segmentQuery } from '../../platform/search/segment.js';

/**
 * Rebuilds a ticket's search document from its subject, comments (notes included:
 * ticket search is for agents), tags and requester, in the caller's transaction.
 */
export async function indexTicket(ctx: Ctx, ticketRowId: number): Promise<void> {
  const account = ctx.account.id;
  const ticket = await ctx.db
    .selectFrom('tickets')
    .innerJoin('users', (j) => j.onRef('users.account_id', '=', 'tickets.account_id').onRef('users.id', '=', 'tickets.requester_id'))
    .select(['tickets.subject', 'tickets.tags', 'users.name', 'users.email'])
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
  const text = [ticket.subject, ...comments.map((c) => c.plain_body), (JSON.parse(ticket.tags) as string[]).join(' '), ticket.name, ticket.email ?? ''].join('\n');
  const { grams, words } = segmentDocument(text);
  if (dialectOf(ctx.db) === 'sqlite') {
    await sql`delete from ticket_search where rowid = ${ticketRowId}`.execute(ctx.db);
    await sql`insert into ticket_search (rowid, grams, words) values (${ticketRowId}, ${grams}, ${words})`.execute(ctx.db);
    return;
  }
  await sql`
    insert into ticket_search (account_id, ticket_id, document)
    values (${account}, ${ticketRowId}, setweight(to_tsvector('simple', ${grams}), 'A') || setweight(to_tsvector('simple', ${words}), 'B'))
    on conflict (account_id, ticket_id) do update set document = excluded.document`.execute(ctx.db);
}

/**
 * The tickets matching every term (a word or quoted phrase becomes the phrase of its
 * tokens), as a derived table `(id, rank)` to join on tickets.id: the full-text engine
 * runs once per query, and higher rank is better. Null when no term has a word in it.
 */
export function matchedTickets(ctx: Ctx, terms: string[]): AliasedRawBuilder<{ id: number; rank: number }, 'm'> | null {
  const phrases = terms.map(segmentQuery).filter((tokens) => tokens.length > 0);
  if (phrases.length === 0) {
    return null;
  }
  if (dialectOf(ctx.db) === 'sqlite') {
    // Tokens hold only letters, digits and _, so quoting them is enough.
    const fts = phrases.map((tokens) => `"${tokens.join(' ')}"`).join(' AND ');
    return sql<{ id: number; rank: number }>`(select rowid as id, -bm25(ticket_search, 2.0, 1.0) as rank from ticket_search where ticket_search match ${fts})`.as('m');
  }
  const query = sql.join(
    phrases.map((tokens) => sql`phraseto_tsquery('simple', ${tokens.join(' ')})`),
    sql` && `,
  );
  return sql<{ id: number; rank: number }>`(select ticket_id as id, ts_rank(document, ${query}) as rank from ticket_search where account_id = ${ctx.account.id} and document @@ (${query}))`.as('m');
}
