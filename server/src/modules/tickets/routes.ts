import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketSlas } from '../sla/timers.js';
import type { Ctx } from '../../context.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { actAsAnonymousRequester, throttleAnonymousRequest } from '../portal/people.js';
import { findDefaultGroup } from '../groups/repo.js';
import { findOrganization } from '../organizations/repo.js';
import { findUser, findUsers } from '../users/repo.js';
import { idempotent } from '../../platform/http/idempotency.js';
import { msg } from '../../platform/messages.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { idList, idParams } from '../shared/fields.js';
import { presentAudit, queryAudits } from './audits.js';
import { changeTicket, type TicketChangeResult } from './change-ticket.js';
import { presentComments, queryComments } from './comments.js';
import { redactComment } from './redact.js';
import { loadPortalFieldIds, loadTicketExtras, presentRequest, presentTicket } from './presenter.js';
import { findVisibleTicket, queryVisibleTickets, type TicketRecord, toTicket, type Via } from './repo.js';
import { requestCreateBody, requestUpdateBody, ticketCreateBody, ticketUpdateBody } from './schema.js';

const tags = ['Tickets'];

/** The channel a change came through: the web app (session) or the API. */
export function viaOf(ctx: Ctx): Via {
  const web = ctx.actor.kind === 'user' && ctx.actor.via === 'session';
  return { channel: web ? 'web' : 'api', source: {} };
}

export async function getVisibleTicket(ctx: Ctx, niceId: number): Promise<TicketRecord> {
  const ticket = await findVisibleTicket(ctx, niceId);
  if (!ticket) {
    throw notFound();
  }
  return ticket;
}

async function ticketAnswer(ctx: Ctx, result: TicketChangeResult) {
  const extras = await loadTicketExtras(ctx, [result.ticket]);
  const audit =
    result.auditId === null
      ? null
      : await queryAudits(ctx, result.ticket.id).where('id', '=', result.auditId).executeTakeFirst();
  return { ticket: presentTicket(ctx, result.ticket, extras), audit: audit ? presentAudit(result.ticket, audit) : null };
}

export const ticketRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/tickets', { config: { access: 'agent' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(queryVisibleTickets(req.ctx), 'tickets.id', req.query, requestUrl(req));
    const tickets = page.rows.map(toTicket);
    const extras = await loadTicketExtras(req.ctx, tickets);
    return pageEnvelope('tickets', { ...page, rows: tickets }, (t) => presentTicket(req.ctx, t, extras));
  });

  // Zendesk's per-person and per-organization lists (the user and organization pages).
  const listBy = (column: 'tickets.requester_id' | 'tickets.assignee_id' | 'tickets.organization_id') => async (req: { ctx: Ctx; params: { id: number }; query: z.infer<typeof pageQuery> } & Parameters<typeof requestUrl>[0]) => {
    // Another helpdesk's (or no) person or organization is a 404, not an empty list.
    const owner = column === 'tickets.organization_id' ? await findOrganization(req.ctx, req.params.id) : await findUser(req.ctx, req.params.id);
    if (!owner) {
      throw notFound();
    }
    const page = await paginate(queryVisibleTickets(req.ctx).where(column, '=', req.params.id), 'tickets.id', req.query, requestUrl(req));
    const tickets = page.rows.map(toTicket);
    const extras = await loadTicketExtras(req.ctx, tickets);
    return pageEnvelope('tickets', { ...page, rows: tickets }, (t) => presentTicket(req.ctx, t, extras));
  };
  const listSchema = { tags, params: idParams, querystring: pageQuery };
  app.get('/api/v2/users/:id/tickets/requested', { config: { access: 'agent' }, schema: listSchema }, listBy('tickets.requester_id'));
  app.get('/api/v2/users/:id/tickets/assigned', { config: { access: 'agent' }, schema: listSchema }, listBy('tickets.assignee_id'));
  app.get('/api/v2/organizations/:id/tickets', { config: { access: 'agent' }, schema: listSchema }, listBy('tickets.organization_id'));

  app.get('/api/v2/tickets/show_many', { config: { access: 'agent' }, schema: { tags, querystring: z.object({ ids: idList(100) }) } }, async (req) => {
    const rows = req.query.ids.length === 0 ? [] : await queryVisibleTickets(req.ctx).where('tickets.nice_id', 'in', req.query.ids).orderBy('tickets.id').execute();
    const tickets = rows.map(toTicket);
    const extras = await loadTicketExtras(req.ctx, tickets);
    return { tickets: tickets.map((t) => presentTicket(req.ctx, t, extras)) };
  });

  app.get('/api/v2/tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams, querystring: z.object({ include: z.string().max(200).optional() }) } }, async (req) => {
    const ticket = await getVisibleTicket(req.ctx, req.params.id);
    const presented = presentTicket(req.ctx, ticket, await loadTicketExtras(req.ctx, [ticket]));
    const includes = new Set((req.query.include ?? '').split(',').map((s) => s.trim()));
    // Zendesk's sideload: the SLA policy's metrics with their breach times.
    return { ticket: includes.has('slas') ? { ...presented, slas: { policy_metrics: await ticketSlas(req.ctx, ticket.id) } } : presented };
  });

  app.post('/api/v2/tickets', { config: { access: 'agent' }, schema: { tags, body: ticketCreateBody } }, async (req, reply) => {
    const { via_followup_source_id, submitter_id, ...input } = req.body.ticket;
    const outcome = await idempotent(req.ctx, req, async (tx) => {
      const result = await changeTicket(
        tx,
        null,
        { ...input, ...(submitter_id ? { submitterId: submitter_id } : {}), ...(via_followup_source_id ? { followupSourceId: via_followup_source_id } : {}) },
        { via: viaOf(tx) },
      );
      return { status: 201, body: await ticketAnswer(tx, result) };
    });
    return reply.status(outcome.status).header('x-idempotent-replay', String(outcome.replayed)).send(outcome.body);
  });

  app.put('/api/v2/tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams, body: ticketUpdateBody } }, async (req) => {
    const result = await changeTicket(req.ctx, req.params.id, req.body.ticket, { via: viaOf(req.ctx) });
    return ticketAnswer(req.ctx, result);
  });

  app.get('/api/v2/tickets/:id/comments', { config: { access: 'signed_in' }, schema: { tags, params: idParams, querystring: pageQuery } }, async (req) => {
    const ticket = await getVisibleTicket(req.ctx, req.params.id);
    const page = await paginate(queryComments(req.ctx, ticket.id), 'id', req.query, requestUrl(req));
    const presented = await presentComments(req.ctx, page.rows);
    return pageEnvelope('comments', { ...page, rows: presented }, (c) => c);
  });

  app.put(
    '/api/v2/tickets/:ticket_id/comments/:id/redact',
    {
      config: { access: 'agent' },
      schema: { tags, params: z.object({ ticket_id: idParams.shape.id, id: idParams.shape.id }), body: z.strictObject({ text: z.string().min(1).max(10_000) }) },
    },
    async (req) => {
      await redactComment(req.ctx, req.params.ticket_id, req.params.id, req.body.text);
      const ticket = await getVisibleTicket(req.ctx, req.params.ticket_id);
      const row = await queryComments(req.ctx, ticket.id).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return { comment: (await presentComments(req.ctx, [row]))[0] };
    },
  );

  app.get('/api/v2/tickets/:id/audits', { config: { access: 'agent' }, schema: { tags, params: idParams, querystring: pageQuery } }, async (req) => {
    const ticket = await getVisibleTicket(req.ctx, req.params.id);
    const page = await paginate(queryAudits(req.ctx, ticket.id), 'id', req.query, requestUrl(req));
    return pageEnvelope('audits', page, (r) => presentAudit(ticket, r));
  });

  // ---- Requests: the end user's view of their tickets ----
  const requestTags = ['Requests'];

  const requestListQuery = pageQuery.extend({
    /** `mine`: requested by me; `organization`: the rest I may see (my organization's shared requests, copies to me). */
    scope: z.enum(['mine', 'organization']).optional(),
  });
  app.get('/api/v2/requests', { config: { access: 'signed_in' }, schema: { tags: requestTags, querystring: requestListQuery } }, async (req) => {
    const me = req.ctx.actor.kind === 'user' ? req.ctx.actor.user.id : 0;
    // Agents see the requests they made themselves here; end users all they may see.
    let q = queryVisibleTickets(req.ctx);
    if (req.ctx.permissions.isAgent || req.query.scope === 'mine') {
      q = q.where('tickets.requester_id', '=', me);
    } else if (req.query.scope === 'organization') {
      q = q.where('tickets.requester_id', '<>', me);
    }
    const page = await paginate(q, 'tickets.id', req.query, requestUrl(req));
    const portalFields = await loadPortalFieldIds(req.ctx);
    return pageEnvelope('requests', page, (row) => presentRequest(req.ctx, toTicket(row), portalFields));
  });

  app.get('/api/v2/requests/:id', { config: { access: 'signed_in' }, schema: { tags: requestTags, params: idParams } }, async (req) => ({
    request: presentRequest(req.ctx, await getVisibleTicket(req.ctx, req.params.id), await loadPortalFieldIds(req.ctx)),
  }));

  // Signed in, or (the portal's anonymous form) with `requester: {name, email}`.
  app.post('/api/v2/requests', { config: { access: 'public' }, schema: { tags: requestTags, body: requestCreateBody } }, async (req, reply) => {
    const { requester, ...request } = req.body.request;
    const anonymous = req.ctx.actor.kind === 'anonymous';
    if (anonymous && !requester) {
      throw invalidField('request.requester', msg('ticket.sign_in_or_name'), 'Required');
    }
    if (!anonymous && requester) {
      throw invalidField('request.requester', msg('ticket.anonymous_requester'));
    }
    if (anonymous && request.comment.uploads?.length) {
      throw invalidField('request.comment.uploads', msg('ticket.sign_in_to_attach'));
    }
    const portalAccess = anonymous ? await throttleAnonymousRequest(req.ctx) : null;
    const outcome = await idempotent(req.ctx, req, async (tx) => {
      const actor = requester && portalAccess ? await actAsAnonymousRequester(tx, requester, 'request.requester', portalAccess) : tx;
      const result = await changeTicket(
        { ...actor, permissions: { ...actor.permissions, isAgent: false } },
        null,
        // The portal is a channel like a support address: its tickets start in the default group.
        { ...request, comment: { ...request.comment, public: true }, channelGroupId: (await findDefaultGroup(tx))?.id ?? null },
        { via: requester ? { channel: 'web', source: { rel: 'anonymous' } } : viaOf(tx), field: 'request' },
      );
      return { status: 201, body: { request: presentRequest(actor, result.ticket, await loadPortalFieldIds(actor)) } };
    });
    return reply.status(outcome.status).header('x-idempotent-replay', String(outcome.replayed)).send(outcome.body);
  });

  app.put('/api/v2/requests/:id', { config: { access: 'signed_in' }, schema: { tags: requestTags, params: idParams, body: requestUpdateBody } }, async (req) => {
    const { comment, solved } = req.body.request;
    const result = await changeTicket(
      { ...req.ctx, permissions: { ...req.ctx.permissions, isAgent: false } },
      req.params.id,
      { ...(comment ? { comment: { ...comment, public: true } } : {}), ...(solved ? { status: 'solved' as const } : {}) },
      { via: viaOf(req.ctx), field: 'request' },
    );
    return { request: presentRequest(req.ctx, result.ticket, await loadPortalFieldIds(req.ctx)) };
  });

  app.get('/api/v2/requests/:id/comments', { config: { access: 'signed_in' }, schema: { tags: requestTags, params: idParams, querystring: pageQuery } }, async (req) => {
    const ticket = await getVisibleTicket(req.ctx, req.params.id);
    const endUserView = { ...req.ctx, permissions: { ...req.ctx.permissions, isAgent: false } };
    const page = await paginate(queryComments(endUserView, ticket.id), 'id', req.query, requestUrl(req));
    const presented = await presentComments(endUserView, page.rows);
    // Zendesk sideloads the authors, so the portal can name who answered without reading users.
    const authors = await findUsers(req.ctx, [...new Set(page.rows.map((r) => r.author_id))]);
    const users = authors.map((u) => ({ id: u.id, name: u.name, agent: u.role !== 'end-user' }));
    return { ...pageEnvelope('comments', { ...page, rows: presented }, (c) => c), users };
  });
};
