import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import { idParams } from '../shared/fields.js';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, presentWebhook, updateWebhook, webhookInput, webhookSecret } from './service.js';

const tags = ['Webhooks'];

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/webhooks', { config: { access: 'manage_rules' }, schema: { tags } }, async (req) => {
    const hooks = await listWebhooks(req.ctx);
    return { webhooks: hooks.map((w) => presentWebhook(req.ctx, w)), meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { next: null, prev: null } };
  });
  app.get('/api/v2/webhooks/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req) => ({ webhook: presentWebhook(req.ctx, await getWebhook(req.ctx, req.params.id)) }));
  app.post('/api/v2/webhooks', { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ webhook: webhookInput }) } }, async (req, reply) =>
    reply.status(201).send({ webhook: presentWebhook(req.ctx, await inTransaction(req.ctx, (tx) => createWebhook(tx, req.body.webhook))) }),
  );
  app.put('/api/v2/webhooks/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ webhook: webhookInput }) } }, async (req) => ({
    webhook: presentWebhook(req.ctx, await inTransaction(req.ctx, (tx) => updateWebhook(tx, req.params.id, req.body.webhook))),
  }));
  app.delete('/api/v2/webhooks/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await inTransaction(req.ctx, (tx) => deleteWebhook(tx, req.params.id));
    return reply.status(204).send();
  });
  app.get('/api/v2/webhooks/:id/signing_secret', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req) => {
    await getWebhook(req.ctx, req.params.id);
    return { signing_secret: { algorithm: 'SHA256', secret: await webhookSecret(req.ctx, req.ctx.account.id, req.params.id) } };
  });
  // Sends a test body through the same path as a rule's call (signed, guarded, retried).
  app.post('/api/v2/webhooks/:id/test', { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ request: z.object({ payload: z.string().max(100_000) }).optional() }) } }, async (req, reply) => {
    await getWebhook(req.ctx, req.params.id);
    await inTransaction(req.ctx, (tx) => writeOutbox(tx, { topic: 'webhook.deliver', payload: { webhook_id: req.params.id, ticket_id: null, body: req.body.request?.payload ?? '{"test":true}', rule: null } }));
    return reply.status(202).send({ queued: true });
  });
  app.get('/api/v2/webhooks/:id/invocations', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req) => {
    await getWebhook(req.ctx, req.params.id);
    const rows = await req.ctx.db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', req.ctx.account.id).where('webhook_id', '=', req.params.id).orderBy('id', 'desc').limit(100).execute();
    return {
      invocations: rows.map((r) => ({ id: String(r.id), ticket_id: r.ticket_id, attempt: r.attempt, status: r.error === null ? 'success' : 'failed', status_code: r.status_code, error: r.error, duration_ms: r.duration_ms, created_at: isoTime(r.created_at) })),
    };
  });
};
