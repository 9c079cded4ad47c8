import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { msg } from '../../platform/messages.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { recordAudit } from '../audit-logs/record.js';
import { enqueueJob } from '../job-statuses/jobs.js';
import { presentJobStatus } from '../job-statuses/presenter.js';
import { findJobStatus } from '../job-statuses/repo.js';
import { idList, idParams } from '../shared/fields.js';
import { markAsSpam, mergeInput } from './bulk.js';
import { changeTicket } from './change-ticket.js';
import { eraseDeletedTicket } from './purge.js';
import { findVisibleTicket, queryVisibleTickets, toTicket } from './repo.js';
import { getVisibleTicket, viaOf } from './routes.js';
import { ticketCreateInput, ticketUpdateInput } from './schema.js';
import type { Ctx } from '../../context.js';

const tags = ['Tickets'];

async function jobAnswer(ctx: Ctx, id: number) {
  const job = await findJobStatus(ctx, id);
  if (!job) {
    throw notFound();
  }
  return { job_status: presentJobStatus(ctx, job) };
}

const requireDelete = (ctx: Ctx): void => {
  if (!ctx.permissions.canDeleteTickets) {
    throw forbidden('Your role may not delete tickets');
  }
};

export const ticketBulkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v2/tickets/create_many', { config: { access: 'agent' }, schema: { tags, body: z.strictObject({ tickets: z.array(ticketCreateInput).min(1).max(100) }) } }, async (req) => {
    const id = await inTransaction(req.ctx, (tx) => enqueueJob(tx, 'bulk_create', req.body.tickets));
    return jobAnswer(req.ctx, id);
  });

  app.put(
    '/api/v2/tickets/update_many',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        querystring: z.object({ ids: idList(100).optional() }),
        body: z.union([
          z.strictObject({ ticket: ticketUpdateInput }),
          z.strictObject({ tickets: z.array(ticketUpdateInput.extend({ id: z.number().int().positive() })).min(1).max(100) }),
        ]),
      },
    },
    async (req) => {
      let items: { id: number; changes: z.infer<typeof ticketUpdateInput> }[];
      if ('ticket' in req.body) {
        const ids = req.query.ids ?? [];
        if (ids.length === 0) {
          throw invalidField('ids', msg('ticket.ids_needed'), 'Required');
        }
        const change = req.body.ticket;
        items = ids.map((id) => ({ id, changes: change }));
      } else {
        items = req.body.tickets.map(({ id, ...changes }) => ({ id, changes }));
      }
      const id = await inTransaction(req.ctx, (tx) => enqueueJob(tx, 'bulk_update', items));
      return jobAnswer(req.ctx, id);
    },
  );

  app.delete('/api/v2/tickets/destroy_many', { config: { access: 'agent' }, schema: { tags, querystring: z.object({ ids: idList(100) }) } }, async (req) => {
    requireDelete(req.ctx);
    const id = await inTransaction(req.ctx, (tx) => enqueueJob(tx, 'bulk_delete', req.query.ids.map((ticket) => ({ id: ticket }))));
    return jobAnswer(req.ctx, id);
  });

  app.delete('/api/v2/tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await changeTicket(req.ctx, req.params.id, { deleted: true }, { via: viaOf(req.ctx) });
    return reply.status(204).send();
  });

  app.put('/api/v2/tickets/:id/mark_as_spam', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    requireDelete(req.ctx);
    await inTransaction(req.ctx, (tx) => markAsSpam(tx, req.params.id));
    return {};
  });

  app.post('/api/v2/tickets/:id/merge', { config: { access: 'agent' }, schema: { tags, params: idParams, body: mergeInput } }, async (req) => {
    if (!req.ctx.permissions.canMergeTickets) {
      throw forbidden('Your role may not merge tickets');
    }
    // Unknown tickets are refused now rather than in the job.
    await getVisibleTicket(req.ctx, req.params.id);
    for (const source of req.body.ids) {
      if (!(await findVisibleTicket(req.ctx, source))) {
        throw invalidField('ids', msg('ticket.no_ticket', { id: source }), 'NotFound');
      }
    }
    const id = await inTransaction(req.ctx, (tx) => enqueueJob(tx, 'ticket_merge', [{ target: req.params.id, input: req.body }]));
    return jobAnswer(req.ctx, id);
  });

  // ---- deleted tickets: restorable for 30 days ----

  app.get('/api/v2/deleted_tickets', { config: { access: 'agent' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    requireDelete(req.ctx);
    const page = await paginate(
      queryVisibleTickets(req.ctx, { deleted: true }).select('tickets.deleted_at'),
      'tickets.id',
      req.query,
      requestUrl(req),
    );
    return pageEnvelope('deleted_tickets', page, (row) => ({
      id: row.nice_id,
      subject: row.subject,
      description: row.description,
      previous_state: row.status,
      deleted_at: isoTime(row.deleted_at),
    }));
  });

  app.put('/api/v2/deleted_tickets/:id/restore', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    await changeTicket(req.ctx, req.params.id, { deleted: false }, { via: viaOf(req.ctx) });
    return {};
  });

  app.delete('/api/v2/deleted_tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    requireDelete(req.ctx);
    await inTransaction(req.ctx, async (tx) => {
      const row = await queryVisibleTickets(tx, { deleted: true }).where('tickets.nice_id', '=', req.params.id).executeTakeFirst();
      if (!row) {
        throw notFound();
      }
      const ticket = toTicket(row);
      await eraseDeletedTicket(tx, ticket.id);
      await recordAudit(tx, { action: 'destroy', sourceType: 'ticket', sourceId: ticket.niceId, sourceLabel: `#${ticket.niceId} ${ticket.subject}`, description: 'erased a deleted ticket for good' });
    });
    return reply.status(204).send();
  });
};
