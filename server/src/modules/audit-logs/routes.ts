import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { apiUrl } from '../../platform/http/urls.js';
import { idParam, idParams } from '../shared/fields.js';

const tags = ['Audit logs'];

const listQuery = pageQuery.extend({
  'filter[source_type]': z.string().max(64).optional(),
  'filter[source_id]': idParam.optional(),
  'filter[actor_id]': idParam.optional(),
  'filter[action]': z.enum(['create', 'update', 'destroy', 'login', 'exported']).optional(),
  /** Zendesk's date range: two ISO 8601 times, from and to (both included). */
  'filter[created_at][]': z.array(z.iso.datetime({ offset: true }), 'give two times, from and to').length(2, 'give two times, from and to').optional(),
});

function queryAuditLogs(ctx: Ctx) {
  return ctx.db
    .selectFrom('audit_logs')
    .select(['id', 'actor_id', 'actor_name', 'action', 'source_type', 'source_id', 'source_label', 'change_description', 'changes', 'ip_address', 'created_at'])
    .where('account_id', '=', ctx.account.id);
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof queryAuditLogs>['executeTakeFirstOrThrow']>>;

function presentAuditLog(ctx: Ctx, r: AuditRow) {
  return {
    id: r.id,
    url: apiUrl(ctx, `audit_logs/${r.id}`),
    actor_id: r.actor_id,
    actor_name: r.actor_name,
    action: r.action,
    source_type: r.source_type,
    source_id: r.source_id,
    source_label: r.source_label,
    change_description: r.change_description,
    changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]>,
    ip_address: r.ip_address,
    created_at: isoTime(r.created_at),
  };
}

export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/audit_logs', { config: { access: 'admin' }, schema: { tags, querystring: listQuery } }, async (req) => {
    const q = req.query;
    let query = queryAuditLogs(req.ctx);
    if (q['filter[source_type]'] !== undefined) {
      query = query.where('source_type', '=', q['filter[source_type]']);
    }
    if (q['filter[source_id]'] !== undefined) {
      query = query.where('source_id', '=', q['filter[source_id]']);
    }
    if (q['filter[actor_id]'] !== undefined) {
      query = query.where('actor_id', '=', q['filter[actor_id]']);
    }
    if (q['filter[action]'] !== undefined) {
      query = query.where('action', '=', q['filter[action]']);
    }
    const range = q['filter[created_at][]'];
    if (range !== undefined) {
      const [from, to] = range.map((v) => Date.parse(v));
      query = query.where('created_at', '>=', from ?? 0).where('created_at', '<=', to ?? 0);
    }
    // Newest first unless asked otherwise, as an audit trail is read.
    const page = await paginate(query, 'id', { ...q, sort_order: q.sort_order ?? 'desc' }, requestUrl(req));
    return pageEnvelope('audit_logs', page, (row) => presentAuditLog(req.ctx, row));
  });

  app.get('/api/v2/audit_logs/:id', { config: { access: 'admin' }, schema: { tags, params: idParams } }, async (req) => {
    const row = await queryAuditLogs(req.ctx).where('id', '=', req.params.id).executeTakeFirst();
    if (!row) {
      throw notFound();
    }
    return { audit_log: presentAuditLog(req.ctx, row) };
  });
};
