import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { DAY, isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { email } from '../shared/fields.js';
import type { FailedRecipient } from './bounces.js';

/** How long an address that bounced for good is not mailed (unless an agent lifts it or its owner writes in). */
export const SUPPRESS_FOR = 7 * DAY;

export async function suppress(ctx: Ctx, failed: FailedRecipient[], ticketId: number | null): Promise<void> {
  const now = ctx.clock.now();
  for (const r of failed) {
    const values = { status: r.status, diagnostic: r.diagnostic, ticket_id: ticketId, until: now + SUPPRESS_FOR, created_at: now };
    await ctx.db
      .insertInto('email_suppressions')
      .values({ account_id: ctx.account.id, email: r.address, ...values })
      .onConflict((oc) => oc.columns(['account_id', 'email']).doUpdateSet(values))
      .execute();
  }
}

/** The addresses among these that bounced recently and are not to be mailed now. */
export async function suppressedAmong(ctx: Ctx, addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) {
    return new Set();
  }
  const rows = await ctx.db
    .selectFrom('email_suppressions')
    .select('email')
    .where('account_id', '=', ctx.account.id)
    .where('email', 'in', addresses.map((a) => a.toLowerCase()))
    .where('until', '>', ctx.clock.now())
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** Mail from an address proves it works again. */
export async function liftSuppression(ctx: Ctx, address: string): Promise<void> {
  await ctx.db.deleteFrom('email_suppressions').where('account_id', '=', ctx.account.id).where('email', '=', address.toLowerCase()).execute();
}

export const suppressionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Email'];
  app.get('/api/v2/email_suppressions', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const ctx = req.ctx;
    const rows = await ctx.db.selectFrom('email_suppressions').selectAll().where('account_id', '=', ctx.account.id).where('until', '>', ctx.clock.now()).orderBy('created_at', 'desc').limit(500).execute();
    return {
      email_suppressions: rows.map((r) => ({ email: r.email, status: r.status, diagnostic: r.diagnostic, ticket_id: r.ticket_id, until: isoTime(r.until), created_at: isoTime(r.created_at) })),
      count: rows.length,
    };
  });
  // An agent who fixed the customer's mailbox (or knows better) lifts it at once.
  app.delete('/api/v2/email_suppressions/:email', { config: { access: 'agent' }, schema: { tags, params: z.object({ email }) } }, async (req, reply) => {
    const done = await req.ctx.db.deleteFrom('email_suppressions').where('account_id', '=', req.ctx.account.id).where('email', '=', req.params.email).executeTakeFirst();
    if (Number(done.numDeletedRows) === 0) {
      throw notFound();
    }
    return reply.status(204).send();
  });
};
