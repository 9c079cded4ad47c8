import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorUserId, type Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { idParam, idParams } from '../shared/fields.js';
import { preferencesOf, preferencesPatch, savePreferences, DEFAULT_PREFERENCES } from './preferences.js';

function me(ctx: Ctx): number {
  const id = actorUserId(ctx);
  if (id === null) {
    throw forbidden('Notifications belong to a signed-in user');
  }
  return id;
}

const listQuery = z.object({ unread: z.enum(['true', 'false']).optional(), before_id: idParam.optional(), per_page: z.coerce.number().int().min(1).max(100).default(30) });

/** The signed-in agent's own notifications (the bell) and preferences; nobody reads another's. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Notifications'];
  app.get('/api/v2/notifications', { config: { access: 'agent' }, schema: { tags, querystring: listQuery } }, async (req) => {
    const ctx = req.ctx;
    const userId = me(ctx);
    let q = ctx.db
      .selectFrom('notifications')
      .innerJoin('tickets', (j) => j.onRef('tickets.account_id', '=', 'notifications.account_id').onRef('tickets.id', '=', 'notifications.ticket_id'))
      .leftJoin('users as actor', (j) => j.onRef('actor.account_id', '=', 'notifications.account_id').onRef('actor.id', '=', 'notifications.actor_id'))
      .select(['notifications.id', 'notifications.kind', 'notifications.actor_id', 'actor.name as actor_name', 'notifications.excerpt', 'notifications.read_at', 'notifications.created_at', 'tickets.nice_id', 'tickets.subject'])
      .where('notifications.account_id', '=', ctx.account.id)
      .where('notifications.user_id', '=', userId)
      .where('tickets.deleted_at', 'is', null)
      .orderBy('notifications.id', 'desc')
      .limit(req.query.per_page + 1);
    if (req.query.unread === 'true') {
      q = q.where('notifications.read_at', 'is', null);
    }
    if (req.query.before_id !== undefined) {
      q = q.where('notifications.id', '<', req.query.before_id);
    }
    const rows = await q.execute();
    const page = rows.slice(0, req.query.per_page);
    const unread = await ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', ctx.account.id)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return {
      notifications: page.map((r) => ({ id: r.id, kind: r.kind, ticket_id: r.nice_id, subject: r.subject, actor_id: r.actor_id, actor_name: r.actor_name, excerpt: r.excerpt, read: r.read_at !== null, created_at: isoTime(r.created_at) })),
      unread_count: Number(unread?.n ?? 0),
      has_more: rows.length > req.query.per_page,
    };
  });
  app.put('/api/v2/notifications/:id/read', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    const done = await req.ctx.db
      .updateTable('notifications')
      .set({ read_at: req.ctx.clock.now() })
      .where('account_id', '=', req.ctx.account.id)
      .where('user_id', '=', me(req.ctx))
      .where('id', '=', req.params.id)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) {
      const exists = await req.ctx.db.selectFrom('notifications').select('id').where('account_id', '=', req.ctx.account.id).where('user_id', '=', me(req.ctx)).where('id', '=', req.params.id).executeTakeFirst();
      if (!exists) {
        throw notFound();
      }
    }
    return reply.status(204).send();
  });
  app.put('/api/v2/notifications/read_all', { config: { access: 'agent' }, schema: { tags } }, async (req, reply) => {
    await req.ctx.db.updateTable('notifications').set({ read_at: req.ctx.clock.now() }).where('account_id', '=', req.ctx.account.id).where('user_id', '=', me(req.ctx)).where('read_at', 'is', null).execute();
    return reply.status(204).send();
  });
  app.get('/api/v2/notification_preferences', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const userId = me(req.ctx);
    return { notification_preferences: (await preferencesOf(req.ctx, [userId])).get(userId) ?? DEFAULT_PREFERENCES };
  });
  app.put('/api/v2/notification_preferences', { config: { access: 'agent' }, schema: { tags, body: z.object({ notification_preferences: preferencesPatch }) } }, async (req) => ({
    notification_preferences: await savePreferences(req.ctx, me(req.ctx), req.body.notification_preferences),
  }));
};
