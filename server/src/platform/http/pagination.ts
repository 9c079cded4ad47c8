import { type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';
import { invalidField } from '../errors.js';
import { msg } from '../messages.js';

/** Zendesk's two paginations: offset (page, per_page) and cursor (page[size], page[after]). */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  per_page: z.coerce.number().int().min(1).max(100).optional(),
  'page[size]': z.coerce.number().int().min(1).max(100).optional(),
  'page[after]': z.string().max(200).optional(),
  'page[before]': z.string().max(200).optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export type OffsetPage<T> = { kind: 'offset'; rows: T[]; count: number; nextPage: string | null; previousPage: string | null };
export type CursorPage<T> = {
  kind: 'cursor';
  rows: T[];
  hasMore: boolean;
  afterCursor: string | null;
  beforeCursor: string | null;
  next: string | null;
  prev: string | null;
};
export type Page<T> = OffsetPage<T> | CursorPage<T>;

const encodeCursor = (id: number): string => Buffer.from(JSON.stringify({ id })).toString('base64url');

function decodeCursor(cursor: string, field: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = z.object({ id: z.number().int().nonnegative() }).parse(parsed).id;
    return id;
  } catch {
    throw invalidField(field, msg('common.cursor'), 'InvalidCursor');
  }
}

function withParams(url: URL, set: Record<string, string | null>): string {
  const next = new URL(url);
  for (const [key, value] of Object.entries(set)) {
    if (value === null) {
      next.searchParams.delete(key);
    } else {
      next.searchParams.set(key, value);
    }
  }
  return next.toString();
}

/**
 * Pages a query ordered by its id column. `url` is the request's own URL, from which
 * the next/previous links are made.
 */
export async function paginate<DB, TB extends keyof DB, O extends { id: number }>(
  qb: SelectQueryBuilder<DB, TB, O>,
  idColumn: string,
  page: PageQuery,
  url: URL,
): Promise<Page<O>> {
  const id = sql.ref(idColumn);
  const descending = page.sort_order === 'desc';
  if (page['page[size]'] !== undefined || page['page[after]'] !== undefined || page['page[before]'] !== undefined) {
    const size = page['page[size]'] ?? 100;
    const before = page['page[before]'] !== undefined ? decodeCursor(page['page[before]'], 'page[before]') : null;
    const after = page['page[after]'] !== undefined ? decodeCursor(page['page[after]'], 'page[after]') : null;
    // Walking backwards reverses the order, then the page is turned round again.
    const backwards = before !== null;
    const forwardDir = descending ? 'desc' : 'asc';
    const dir = backwards ? (descending ? 'asc' : 'desc') : forwardDir;
    let q = qb;
    if (after !== null) {
      q = q.where(id, descending ? '<' : '>', after);
    }
    if (before !== null) {
      q = q.where(id, descending ? '>' : '<', before);
    }
    const fetched = await q.orderBy(id, dir).limit(size + 1).execute();
    const hasMore = fetched.length > size;
    const rows = fetched.slice(0, size);
    if (backwards) {
      rows.reverse();
    }
    const first = rows[0];
    const last = rows.at(-1);
    const afterCursor = last ? encodeCursor(last.id) : null;
    const beforeCursor = first ? encodeCursor(first.id) : null;
    const moreAfter = backwards ? true : hasMore;
    return {
      kind: 'cursor',
      rows,
      hasMore: moreAfter,
      afterCursor,
      beforeCursor,
      next: moreAfter && afterCursor ? withParams(url, { 'page[after]': afterCursor, 'page[before]': null }) : null,
      prev: beforeCursor && (after !== null || (backwards && hasMore)) ? withParams(url, { 'page[before]': beforeCursor, 'page[after]': null }) : null,
    };
  }
  const perPage = page.per_page ?? 100;
  const pageNumber = page.page ?? 1;
  const countRow = await qb
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst();
  const count = Number((countRow as { n?: number | string } | undefined)?.n ?? 0);
  const rows = await qb
    .orderBy(id, descending ? 'desc' : 'asc')
    .limit(perPage)
    .offset((pageNumber - 1) * perPage)
    .execute();
  return {
    kind: 'offset',
    rows,
    count,
    nextPage: pageNumber * perPage < count ? withParams(url, { page: String(pageNumber + 1), per_page: String(perPage) }) : null,
    previousPage: pageNumber > 1 ? withParams(url, { page: String(pageNumber - 1), per_page: String(perPage) }) : null,
  };
}

/** The Zendesk envelope for a page of `key`. */
export function pageEnvelope<T, P>(key: string, page: Page<T>, present: (row: T) => P): Record<string, unknown> {
  const items = page.rows.map(present);
  if (page.kind === 'offset') {
    return { [key]: items, next_page: page.nextPage, previous_page: page.previousPage, count: page.count };
  }
  return {
    [key]: items,
    meta: { has_more: page.hasMore, after_cursor: page.afterCursor, before_cursor: page.beforeCursor },
    links: { next: page.next, prev: page.prev },
  };
}
