import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../context.js';
import { idParams } from '../shared/fields.js';
import { getRecurring, present, recurringInput, saveRecurring } from './service.js';

const tags = ['Recurring tickets'];

export const recurringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/recurring_tickets', { config: { access: 'manage_rules' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('recurring_tickets').selectAll().where('account_id', '=', req.ctx.account.id).orderBy('id').execute();
    return { recurring_tickets: rows.map((r) => present(req.ctx, r)), count: rows.length };
  });
  app.get('/api/v2/recurring_tickets/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req) => ({ recurring_ticket: present(req.ctx, await getRecurring(req.ctx, req.params.id)) }));
  app.post('/api/v2/recurring_tickets', { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ recurring_ticket: recurringInput }) } }, async (req, reply) => {
    const id = await saveRecurring(req.ctx, null, req.body.recurring_ticket);
    return reply.status(201).send({ recurring_ticket: present(req.ctx, await getRecurring(req.ctx, id)) });
  });
  app.put('/api/v2/recurring_tickets/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ recurring_ticket: recurringInput }) } }, async (req) => {
    await getRecurring(req.ctx, req.params.id);
    await saveRecurring(req.ctx, req.params.id, req.body.recurring_ticket);
    return { recurring_ticket: present(req.ctx, await getRecurring(req.ctx, req.params.id)) };
  });
  app.delete('/api/v2/recurring_tickets/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await getRecurring(req.ctx, req.params.id);
    await inTransaction(req.ctx, (tx) => tx.db.deleteFrom('recurring_tickets').where('account_id', '=', tx.account.id).where('id', '=', req.params.id).execute());
    return reply.status(204).send();
  });
};
