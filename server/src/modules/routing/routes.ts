import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Ctx, inTransaction } from '../../context.js';
import { parseStringList } from '../../db/helpers.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { findGroup } from '../groups/repo.js';
import { findUser } from '../users/repo.js';
import { changeTicket } from '../tickets/change-ticket.js';
import { loadTicketExtras, presentTicket } from '../tickets/presenter.js';
import { idParam } from '../shared/fields.js';
import { msg } from '../../platform/messages.js';

const tags = ['Routing'];

const agentInput = z.object({
  availability: z.enum(['online', 'away', 'offline']).optional(),
  skills: z.array(z.string().trim().toLowerCase().min(1).max(80)).max(100).optional(),
  max_open: z.number().int().min(1).max(10_000).nullable().optional(),
});

async function agentRouting(ctx: Ctx, userId: number) {
  const row = await ctx.db.selectFrom('agent_routing').selectAll().where('account_id', '=', ctx.account.id).where('user_id', '=', userId).executeTakeFirst();
  return { user_id: userId, availability: row?.availability ?? 'offline', skills: row ? parseStringList(row.skills) : [], max_open: row?.max_open ?? null };
}

const transferBody = z.object({
  transfer: z
    .object({ assignee_id: idParam.nullable().optional(), group_id: idParam.optional(), reason: z.string().trim().min(1, 'say why the ticket moves').max(2000) })
    .refine((t) => t.assignee_id !== undefined || t.group_id !== undefined, { message: 'needs an assignee_id or a group_id', path: ['assignee_id'] }),
});

export const routingRoutes: FastifyPluginAsyncZod = async (app) => {
  // A manual transfer: the new agent or group, with the reason kept as an internal note in the same audit.
  app.post('/api/v2/tickets/:id/transfer', { config: { access: 'agent' }, schema: { tags, params: z.object({ id: idParam }), body: transferBody } }, async (req) => {
    const { assignee_id, group_id, reason } = req.body.transfer;
    const result = await changeTicket(
      req.ctx,
      req.params.id,
      { ...(assignee_id !== undefined ? { assignee_id } : {}), ...(group_id !== undefined ? { group_id } : {}), ...(group_id !== undefined && assignee_id === undefined ? { assignee_id: null } : {}), comment: { body: reason, public: false } },
      { via: { channel: 'web', source: { rel: 'transfer' } }, field: 'transfer' },
    );
    const extras = await loadTicketExtras(req.ctx, [result.ticket]);
    return { ticket: presentTicket(req.ctx, result.ticket, extras), audit_id: result.auditId };
  });

  const agentParams = z.object({ user_id: z.union([z.literal('me'), idParam]) });
  const who = (ctx: Ctx, id: 'me' | number) => (id === 'me' ? (ctx.actor.kind === 'user' ? ctx.actor.user.id : 0) : id);

  app.get('/api/v2/routing/agents/:user_id', { config: { access: 'agent' }, schema: { tags, params: agentParams } }, async (req) => {
    const user = await findUser(req.ctx, who(req.ctx, req.params.user_id));
    if (!user) {
      throw notFound();
    }
    return { agent_routing: await agentRouting(req.ctx, user.id) };
  });

  // Agents set their own availability; skills, caps and others' state need an admin.
  app.put('/api/v2/routing/agents/:user_id', { config: { access: 'agent' }, schema: { tags, params: agentParams, body: z.object({ agent_routing: agentInput }) } }, async (req) => {
    const userId = who(req.ctx, req.params.user_id);
    const input = req.body.agent_routing;
    const self = req.ctx.actor.kind === 'user' && req.ctx.actor.user.id === userId;
    if (!req.ctx.permissions.isAdmin && (!self || input.skills !== undefined || input.max_open !== undefined)) {
      throw forbidden('Agents may set their own availability; skills and caps are set by an admin');
    }
    const user = await findUser(req.ctx, userId);
    if (!user) {
      throw notFound();
    }
    if (user.role === 'end-user') {
      throw invalidField('user_id', msg('routing.agent_only'), 'InvalidValue');
    }
    await inTransaction(req.ctx, async (tx) => {
      const current = await agentRouting(tx, userId);
      const now = tx.clock.now();
      const values = {
        availability: input.availability ?? current.availability,
        skills: JSON.stringify(input.skills ?? current.skills),
        max_open: input.max_open === undefined ? current.max_open : input.max_open,
        updated_at: now,
      };
      await tx.db
        .insertInto('agent_routing')
        .values({ account_id: tx.account.id, user_id: userId, last_turn: null, ...values })
        .onConflict((oc) => oc.columns(['account_id', 'user_id']).doUpdateSet(values))
        .execute();
    });
    return { agent_routing: await agentRouting(req.ctx, userId) };
  });

  const groupParams = z.object({ group_id: idParam });
  app.get('/api/v2/routing/groups/:group_id', { config: { access: 'agent' }, schema: { tags, params: groupParams } }, async (req) => {
    if (!(await findGroup(req.ctx, req.params.group_id))) {
      throw notFound();
    }
    const row = await req.ctx.db.selectFrom('group_routing').selectAll().where('account_id', '=', req.ctx.account.id).where('group_id', '=', req.params.group_id).executeTakeFirst();
    return { group_routing: { group_id: req.params.group_id, mode: row?.mode ?? 'round_robin', max_open: row?.max_open ?? null } };
  });
  app.put(
    '/api/v2/routing/groups/:group_id',
    { config: { access: 'manage_rules' }, schema: { tags, params: groupParams, body: z.object({ group_routing: z.object({ mode: z.enum(['round_robin', 'least_open', 'skills']), max_open: z.number().int().min(1).max(10_000).nullable().default(null) }) }) } },
    async (req) => {
      if (!(await findGroup(req.ctx, req.params.group_id))) {
        throw notFound();
      }
      const values = { mode: req.body.group_routing.mode, max_open: req.body.group_routing.max_open, updated_at: req.ctx.clock.now() };
      await req.ctx.db
        .insertInto('group_routing')
        .values({ account_id: req.ctx.account.id, group_id: req.params.group_id, ...values })
        .onConflict((oc) => oc.columns(['account_id', 'group_id']).doUpdateSet(values))
        .execute();
      return { group_routing: { group_id: req.params.group_id, mode: values.mode, max_open: values.max_open } };
    },
  );
};
