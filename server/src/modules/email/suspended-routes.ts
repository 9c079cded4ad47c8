import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { InboundEmailsTable } from '../../db/schema.js';
import { isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { apiUrl } from '../../platform/http/urls.js';
import { idParams } from '../shared/fields.js';
import { parseMail } from './parse.js';
import { readAll, RELEASED } from './process.js';
import { rawMailStorage } from './receive.js';

/**
 * Why a message was held, as a stable code the web app translates; the reason itself (English,
 * with the addresses in it) stays in `cause`. Read from the reason's wording, which process.ts writes.
 */
export function causeCode(reason: string | null): string {
  const r = reason ?? '';
  const table: [RegExp, string][] = [
    [/^the message has no sender address/, 'no_sender'],
    [/^sent from this helpdesk's own address/, 'own_address'],
    [/^automatic mail/, 'automatic'],
    [/^more than \d+ messages from/, 'too_many'],
    [/^the sender .* is suspended/, 'sender_suspended'],
    [/a staff address, but not through/, 'staff_unverified'],
    [/^unreadable/, 'unreadable'],
  ];
  return table.find(([pattern]) => pattern.test(r))?.[1] ?? 'other';
}

type Held = Pick<InboundEmailsTable, 'subject' | 'from_address' | 'reason' | 'status' | 'message_id' | 'created_at' | 'size'> & { id: number };

function present(ctx: Ctx, r: Held) {
  return {
    url: apiUrl(ctx, `suspended_tickets/${r.id}`),
    id: r.id,
    subject: r.subject,
    author: { email: r.from_address },
    cause: r.reason,
    cause_code: causeCode(r.reason),
    status: r.status,
    message_id: r.message_id,
    size: r.size,
    created_at: isoTime(r.created_at),
  };
}

const held = ['suspended', 'quarantined'] as const;

/** The suspended queue (Zendesk's suspended tickets): held mail an agent releases or deletes. */
export const suspendedTicketRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Email'];
  const columns = ['id', 'subject', 'from_address', 'reason', 'status', 'message_id', 'created_at', 'size', 'raw_sha256'] as const;
  app.get('/api/v2/suspended_tickets', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const rows = await req.ctx.db.selectFrom('inbound_emails').select(columns).where('account_id', '=', req.ctx.account.id).where('status', 'in', held).orderBy('id', 'desc').limit(100).execute();
    return { suspended_tickets: rows.map((r) => present(req.ctx, r)), count: rows.length };
  });
  // One held message with what it says, read from the stored raw mail, so an agent judges it before releasing it.
  app.get('/api/v2/suspended_tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    const row = await req.ctx.db.selectFrom('inbound_emails').select(columns).where('account_id', '=', req.ctx.account.id).where('id', '=', req.params.id).where('status', 'in', held).executeTakeFirst();
    if (!row) {
      throw notFound();
    }
    const mail = await readAll(rawMailStorage(req.ctx.config), row.raw_sha256)
      .then(parseMail)
      .catch(() => null); // an unreadable message is itself a reason it is held
    return {
      suspended_ticket: {
        ...present(req.ctx, row),
        author: { email: row.from_address ?? mail?.from?.address ?? null, name: mail?.from?.name ?? null },
        recipients: mail?.to.map((a) => a.address) ?? [],
        content: mail ? mail.text.slice(0, 100_000) : null,
        attachments: mail?.attachments.filter((a) => !a.inline).map((a) => ({ file_name: a.fileName, content_type: a.contentType, size: a.content.length })) ?? [],
      },
    };
  });
  // Releasing puts the mail through processing again (an agent vouches for it, so it skips the hold checks).
  app.put('/api/v2/suspended_tickets/:id/recover', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => {
    await inTransaction(req.ctx, async (tx) => {
      const done = await tx.db.updateTable('inbound_emails').set({ status: 'received', reason: RELEASED }).where('account_id', '=', tx.account.id).where('id', '=', req.params.id).where('status', 'in', held).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) {
        throw notFound();
      }
      await enqueue(tx.db, tx.account.id, tx.clock.now(), { topic: 'email.process', payload: { inbound_id: req.params.id } });
    });
    return { recovered: true };
  });
  app.delete('/api/v2/suspended_tickets/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req, reply) => {
    const done = await req.ctx.db.updateTable('inbound_emails').set({ status: 'deleted' }).where('account_id', '=', req.ctx.account.id).where('id', '=', req.params.id).where('status', 'in', held).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) {
      throw notFound();
    }
    return reply.status(204).send();
  });
};
