import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { invalidField } from '../../platform/errors.js';
import { requestUrl } from '../../platform/http/request.js';
import { parseQuery, type ParsedQuery } from '../../platform/search/query.js';
import { presentOrganization } from '../organizations/presenter.js';
import { queryOrganizations, toOrganization } from '../organizations/repo.js';
import { loadTicketExtras, presentTicket } from '../tickets/presenter.js';
import { ticketFilterKeys } from '../tickets/search.js';
import { presentUser } from '../users/presenter.js';
import { queryUsers, toUserRecord } from '../users/repo.js';
import { countTickets, MAX_RESULTS, searchTickets } from './ticket-search.js';
import { msg } from '../../platform/messages.js';

const tags = ['Search'];

const searchQuery = z.object({
  query: z.string().trim().min(1, 'cannot be blank').max(1000),
  sort_by: z.enum(['created_at', 'updated_at', 'priority', 'status', 'ticket_type']).optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  per_page: z.coerce.number().int().min(1).max(100).optional(),
});
type SearchParams = z.infer<typeof searchQuery>;

function resultType(parsed: ParsedQuery): 'ticket' | 'user' | 'organization' {
  const type = parsed.filters.find((f) => f.key === 'type')?.value.toLowerCase() ?? 'ticket';
  if (type !== 'ticket' && type !== 'user' && type !== 'organization') {
    throw invalidField('query', msg('search.type'), 'InvalidValue');
  }
  return type;
}

async function runSearch(ctx: Ctx, params: SearchParams, url: URL) {
  const parsed = parseQuery(params.query, new Set([...ticketFilterKeys]));
  const perPage = params.per_page ?? 100;
  const page = params.page ?? 1;
  if (page * perPage > MAX_RESULTS + perPage) {
    throw invalidField('page', msg('search.too_deep', { max: MAX_RESULTS }), 'InvalidValue');
  }
  const offset = (page - 1) * perPage;
  const type = resultType(parsed);
  let count: number;
  let results: unknown[];
  if (type === 'ticket') {
    const found = await searchTickets(ctx, parsed, { ...(params.sort_by ? { sortBy: params.sort_by, sortOrder: params.sort_order ?? 'desc' } : {}), offset, limit: perPage });
    count = found.count;
    const tickets = found.tickets;
    const extras = await loadTicketExtras(ctx, tickets);
    results = tickets.map((t) => ({ ...presentTicket(ctx, t, extras), result_type: 'ticket' }));
  } else if (type === 'user') {
    const q = queryUsers(ctx, { text: parsed.terms.join(' ') });
    count = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.orderBy('u.id').limit(perPage).offset(offset).execute();
    results = rows.map((r) => ({ ...presentUser(ctx, toUserRecord(r)), result_type: 'user' }));
  } else {
    const q = queryOrganizations(ctx, { text: parsed.terms.join(' ') });
    count = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.orderBy('o.id').limit(perPage).offset(offset).execute();
    results = rows.map((r) => ({ ...presentOrganization(ctx, toOrganization(r)), result_type: 'organization' }));
  }
  const link = (p: number) => {
    const next = new URL(url);
    next.searchParams.set('page', String(p));
    return next.toString();
  };
  return {
    results,
    facets: null,
    count,
    next_page: offset + results.length < Math.min(count, MAX_RESULTS) ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
  };
}

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/search', { config: { access: 'agent' }, schema: { tags, querystring: searchQuery } }, async (req) =>
    runSearch(req.ctx, req.query, requestUrl(req)),
  );

  app.get('/api/v2/search/count', { config: { access: 'agent' }, schema: { tags, querystring: searchQuery.pick({ query: true }) } }, async (req) => {
    const parsed = parseQuery(req.query.query, new Set([...ticketFilterKeys]));
    if (resultType(parsed) !== 'ticket') {
      throw invalidField('query', msg('search.count_tickets_only'), 'InvalidValue');
    }
    return { count: await countTickets(req.ctx, parsed) };
  });
};
