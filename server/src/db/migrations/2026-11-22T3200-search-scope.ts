// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../helpers.js';

/**
 * Scope tokens beside each ticket's search text (platform/search/scope.ts): `a<account>`
 * while live (`d<account>` once deleted), `g<group>`, `u<assignee>`, `s<status>` and
 * `t<hex of tag>`, so a search counts and ranks inside the full-text index instead of
 * joining every match to `tickets`.
 *
 * SQLite: an FTS5 table cannot gain a column, so the index is rebuilt with a third column
 * `scope`, copying the stored text (nothing is segmented again) and computing the tokens
 * from `tickets`; rows of tickets that no longer exist are left behind. Measured on the
 * benchmark's data: about 7 s per 100,000 tickets, so a million-ticket install spends a
 * minute or two here, once. PostgreSQL: a `scope` tsvector column filled by one UPDATE, with
 * its own GIN index (the UPDATE leaves a dead copy of every row for autovacuum).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`alter table ticket_search rename to ticket_search_before_scope`.execute(db);
    await sql`create virtual table ticket_search using fts5(grams, words, scope, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    await sql`
      insert into ticket_search (rowid, grams, words, scope)
      select s.rowid, s.grams, s.words,
        case when t.deleted_at is null then 'a' else 'd' end || t.account_id
        || ' g' || coalesce(t.group_id, 0) || ' u' || coalesce(t.assignee_id, 0) || ' s' || t.status
        || coalesce((select group_concat(' t' || lower(hex(j.value)), '') from json_each(t.tags) j), '')
      from ticket_search_before_scope s join tickets t on t.id = s.rowid`.execute(db);
    await sql`drop table ticket_search_before_scope`.execute(db);
    await sql`insert into ticket_search (ticket_search) values ('optimize')`.execute(db);
    return;
  }
  await sql`alter table ticket_search add column scope tsvector not null default ''`.execute(db);
  await sql`
    update ticket_search s set scope = array_to_tsvector(
      array[case when t.deleted_at is null then 'a' else 'd' end || t.account_id, 'g' || coalesce(t.group_id, 0), 'u' || coalesce(t.assignee_id, 0), 's' || t.status]
      || coalesce((select array_agg('t' || encode(convert_to(j.value, 'UTF8'), 'hex')) from json_array_elements_text(t.tags::json) j), '{}'))
    from tickets t
    where t.account_id = s.account_id and t.id = s.ticket_id`.execute(db);
  // Filtered searches (status, tag, group, assignee) intersect this with the text's index
  // before reading rows; fresh statistics, or the planner takes the new column for a rare match.
  await sql`create index ticket_search_scope_idx on ticket_search using gin (scope)`.execute(db);
  await sql`analyze ticket_search`.execute(db);
}
