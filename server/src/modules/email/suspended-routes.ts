import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { apiUrl } from '../../platform/http/urls.js';
import { idParams } from '../shared/fields.js';
import { RELEASED } from './process.js';

/** The suspended queue (Zendesk's suspended tickets): held mail an agent releases or deletes. */
export const suspendedTicketRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Email'];
  app.get('/api/v2/suspended_tickets', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('inbound_emails').selectAll().where('account_id', '=', req.ctx.account.id).where('status', 'in', ['suspended', 'quarantined']).orderBy('id', 'desc').limit(100).execute();
    return {
      suspended_tickets: rows.map((r) => ({
        url: apiUrl(req.ctx, `suspended_tickets/${r.id}`),
        id: r.id,
        subject: r.subject,
        author: { email: r.from_address },
        cause: r.reason,
        status: r.status,
        message_id: r.message_id,
        created_at: isoTime(r.created_at),
      })),
      count: rows.length,
    };
  });
  // Releasing puts the mail through processing again (an agent vouches for it, so it skips the hold checks).
  app.put('/api/v2/suspended_tickets/:id/recover', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    await inTransaction(req.ctx, async (tx) => {
      const done = await tx.db.updateTable('inbound_emails').set({ status: 'received', reason: RELEASED }).where('account_id', '=', tx.account.id).where('id', '=', req.params.id).where('status', 'in', ['suspended', 'quarantined']).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) {
        throw notFound();
      }
      await enqueue(tx.db, tx.account.id, tx.clock.now(), { topic: 'email.process', payload: { inbound_id: req.params.id } });
    });
    return { recovered: true };
  });
  app.delete('/api/v2/suspended_tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    const done = await req.ctx.db.updateTable('inbound_emails').set({ status: 'deleted' }).where('account_id', '=', req.ctx.account.id).where('id', '=', req.params.id).where('status', 'in', ['suspended', 'quarantined']).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) {
      throw notFound();
    }
    return reply.status(204).send();
  });
};
