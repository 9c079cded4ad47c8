import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidField } from '../../platform/errors.js';
import { refineMessage } from '../../platform/issue-messages.js';
import { msg } from '../../platform/messages.js';
import { requestUrl } from '../../platform/http/request.js';
import { visibleTickets } from './access.js';
import { loadTicketExtras, presentTicket } from './presenter.js';
import { ticketColumns, toTicket } from './repo.js';

type Cursor = { u: number; id: number };

function decode(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.u === 'number' && typeof c.id === 'number') {
      return { u: c.u, id: c.id };
    }
  } catch {
    // fall through
  }
  throw invalidField('cursor', msg('common.cursor'), 'InvalidCursor');
}

const query = z
  .object({
    start_time: z.coerce.number().int().min(0).optional(),
    cursor: z.string().max(200).optional(),
    per_page: z.coerce.number().int().min(1).max(1000).default(1000),
  })
  .refine((q) => q.start_time !== undefined || q.cursor !== undefined, { ...refineMessage(msg('schema.start_time_or_cursor')), path: ['start_time'] });

/**
 * Zendesk's incremental export: every ticket changed since a time, deleted ones included
 * (status "deleted"), in (updated_at, id) order so a cursor never skips or repeats one.
 */
export const incrementalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/incremental/tickets/cursor', { config: { access: 'admin' }, schema: { tags: ['Incremental export'], querystring: query } }, async (req) => {
    const ctx = req.ctx;
    const from: Cursor = req.query.cursor !== undefined ? decode(req.query.cursor) : { u: (req.query.start_time ?? 0) * 1000, id: 0 };
    const live = visibleTickets(ctx);
    const deleted = visibleTickets(ctx, { deleted: true });
    const rows = await ctx.db
      .selectFrom('tickets')
      .select([...ticketColumns, 'tickets.deleted_at'])
      .where((eb) => eb.or([live(eb), deleted(eb)]))
      .where((eb) => eb.or([eb('tickets.updated_at', '>', from.u), eb.and([eb('tickets.updated_at', '=', from.u), eb('tickets.id', '>', from.id)])]))
      .orderBy('tickets.updated_at')
      .orderBy('tickets.id')
      .limit(req.query.per_page)
      .execute();
    const tickets = rows.map(toTicket);
    const extras = await loadTicketExtras(ctx, tickets);
    const last = rows.at(-1);
    const after = last ? Buffer.from(JSON.stringify({ u: last.updated_at, id: last.id })).toString('base64url') : (req.query.cursor ?? Buffer.from(JSON.stringify(from)).toString('base64url'));
    const url = requestUrl(req);
    url.searchParams.delete('start_time');
    url.searchParams.set('cursor', after);
    return {
      tickets: rows.map((row, i) => {
        const presented = presentTicket(ctx, tickets[i] ?? toTicket(row), extras);
        return row.deleted_at === null ? presented : { ...presented, status: 'deleted' };
      }),
      after_cursor: after,
      after_url: url.toString(),
      before_cursor: null,
      before_url: null,
      end_of_stream: rows.length < req.query.per_page,
    };
  });
};
