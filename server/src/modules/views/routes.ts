import { countViewsCached } from './count-cache.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, forReading } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { requestUrl } from '../../platform/http/request.js';
import { apiUrl } from '../../platform/http/urls.js';
import { idList, idParams } from '../shared/fields.js';
import { loadTicketExtras, presentTicket } from '../tickets/presenter.js';
import { type TicketRecord, toTicket } from '../tickets/repo.js';
import { presentColumns, presentView } from './presenter.js';
import type { ViewRecord } from './repo.js';
import { type Execution, executionSchema, viewColumns, viewCreateBody, viewPreviewBody, viewSortColumns, viewUpdateBody } from './schema.js';
import { loadDefinitionData } from '../../rules/definition-data.js';
import { presentViewDefinitions } from '../../rules/view-definitions.js';
import { createView, deleteView, getVisibleView, listVisibleViews, pageViewTickets, prettyCount, updateView } from './service.js';

const tags = ['Views'];

const pageParams = z.object({
  'page[size]': z.coerce.number().int().min(1).max(100).default(30),
  'page[after]': z.string().max(200).optional(),
});

function nextLink(url: URL, after: string | null): string | null {
  if (after === null) {
    return null;
  }
  const next = new URL(url);
  next.searchParams.set('page[after]', after);
  return next.toString();
}

/** A view's rows as its columns show them, with the people and groups named once. */
async function executeRows(ctx: Ctx, tickets: TicketRecord[], execution: Execution) {
  const userIds = [...new Set(tickets.flatMap((t) => [t.requesterId, t.assigneeId]).filter((id): id is number => id !== null))];
  const groupIds = [...new Set(tickets.map((t) => t.groupId).filter((id): id is number => id !== null))];
  const users = userIds.length ? await ctx.db.selectFrom('users').select(['id', 'name']).where('account_id', '=', ctx.account.id).where('id', 'in', userIds).execute() : [];
  const groups = groupIds.length ? await ctx.db.selectFrom('groups').select(['id', 'name']).where('account_id', '=', ctx.account.id).where('id', 'in', groupIds).execute() : [];
  const rows = tickets.map((t) => ({
    ticket: { id: t.niceId, url: apiUrl(ctx, `tickets/${t.niceId}`), subject: t.subject, status: t.status, type: t.type, priority: t.priority },
    id: t.niceId,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    type: t.type,
    requester_id: t.requesterId,
    assignee_id: t.assigneeId,
    group_id: t.groupId,
    organization_id: t.organizationId,
    created: isoTime(t.createdAt),
    updated: isoTime(t.updatedAt),
    solved: isoTime(t.solvedAt),
    tags: t.tags,
  }));
  return { rows, columns: presentColumns(execution.columns), users, groups };
}

async function runView(ctx: Ctx, view: Pick<ViewRecord, 'conditions' | 'defaultKey'>, execution: Execution, page: z.infer<typeof pageParams>, url: URL) {
  const result = await pageViewTickets(ctx, view, execution, { size: page['page[size]'], after: page['page[after]'] });
  return { tickets: result.rows.map(toTicket), hasMore: result.hasMore, next: nextLink(url, result.after), after: result.after };
}

export const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/views', { config: { access: 'agent' }, schema: { tags, querystring: z.object({ active: z.enum(['true', 'false']).optional() }) } }, async (req) => {
    const views = await listVisibleViews(req.ctx, req.query.active === undefined ? {} : { active: req.query.active === 'true' });
    return { views: views.map((v) => presentView(req.ctx, v)), next_page: null, previous_page: null, count: views.length };
  });

  app.get('/api/v2/views/active', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const views = await listVisibleViews(req.ctx, { active: true });
    return { views: views.map((v) => presentView(req.ctx, v)), next_page: null, previous_page: null, count: views.length };
  });

  app.get('/api/v2/views/count_many', { config: { access: 'agent' }, schema: { tags, querystring: z.object({ ids: idList(50) }) } }, async (req) => {
    const visible = new Map((await listVisibleViews(req.ctx)).map((v) => [v.id, v]));
    const wanted = req.query.ids.flatMap((id) => {
      const view = visible.get(id);
      return view ? [view] : [];
    });
    const values = await countViewsCached(forReading(req.ctx), wanted);
    const counts = wanted.map((view) => {
      const c = values.get(view.id) ?? { value: 0, capped: false, fresh: true };
      return { view_id: view.id, url: apiUrl(req.ctx, `views/${view.id}/count`), value: c.value, pretty: prettyCount(c), fresh: c.fresh, capped: c.capped };
    });
    return { view_counts: counts };
  });

  // What the view editor may offer: conditions read from the views' own schema, columns, sorts.
  app.get('/api/v2/views/definitions', { config: { access: 'agent' }, schema: { tags } }, async (req) => presentViewDefinitions(await loadDefinitionData(req.ctx), viewColumns, viewSortColumns));

  app.post('/api/v2/views/preview', { config: { access: 'agent' }, schema: { tags, body: viewPreviewBody, querystring: pageParams } }, async (req) => {
    const execution = req.body.view.execution ?? executionSchema.parse({});
    const reading = forReading(req.ctx);
    const page = await runView(reading, { conditions: req.body.view.conditions, defaultKey: null }, execution, req.query, requestUrl(req));
    return { ...(await executeRows(reading, page.tickets, execution)), meta: { has_more: page.hasMore, after_cursor: page.after }, links: { next: page.next } };
  });

  app.get('/api/v2/views/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({
    view: presentView(req.ctx, await getVisibleView(req.ctx, req.params.id)),
  }));

  app.get('/api/v2/views/:id/count', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    const view = await getVisibleView(req.ctx, req.params.id);
    const c = (await countViewsCached(forReading(req.ctx), [view])).get(view.id) ?? { value: 0, capped: false, fresh: true };
    return { view_count: { view_id: view.id, url: apiUrl(req.ctx, `views/${view.id}/count`), value: c.value, pretty: prettyCount(c), fresh: c.fresh, capped: c.capped } };
  });

  app.get('/api/v2/views/:id/tickets', { config: { access: 'agent' }, schema: { tags, params: idParams, querystring: pageParams } }, async (req) => {
    const view = await getVisibleView(req.ctx, req.params.id);
    const reading = forReading(req.ctx);
    const page = await runView(reading, view, view.execution, req.query, requestUrl(req));
    const extras = await loadTicketExtras(reading, page.tickets);
    return {
      tickets: page.tickets.map((t) => presentTicket(req.ctx, t, extras)),
      meta: { has_more: page.hasMore, after_cursor: page.after },
      links: { next: page.next },
    };
  });

  app.get('/api/v2/views/:id/execute', { config: { access: 'agent' }, schema: { tags, params: idParams, querystring: pageParams } }, async (req) => {
    const view = await getVisibleView(req.ctx, req.params.id);
    const reading = forReading(req.ctx);
    const page = await runView(reading, view, view.execution, req.query, requestUrl(req));
    return {
      view: { id: view.id, url: apiUrl(req.ctx, `views/${view.id}`) },
      ...(await executeRows(reading, page.tickets, view.execution)),
      meta: { has_more: page.hasMore, after_cursor: page.after },
      links: { next: page.next },
    };
  });

  app.post('/api/v2/views', { config: { access: 'agent' }, schema: { tags, body: viewCreateBody } }, async (req, reply) =>
    reply.status(201).send({ view: presentView(req.ctx, await createView(req.ctx, req.body.view)) }),
  );

  app.put('/api/v2/views/:id', { config: { access: 'agent' }, schema: { tags, params: idParams, body: viewUpdateBody } }, async (req) => ({
    view: presentView(req.ctx, await updateView(req.ctx, req.params.id, req.body.view)),
  }));

  app.delete('/api/v2/views/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteView(req.ctx, req.params.id);
    return reply.status(204).send();
  });
};
