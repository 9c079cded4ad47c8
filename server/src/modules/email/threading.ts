import { createHmac } from 'node:crypto';
import type { Ctx } from '../../context.js';
import { listCollaborators, ticketColumns, type TicketRecord, toTicket } from '../tickets/repo.js';
import type { ParsedMail } from './parse.js';

export type ThreadReason =
  | { by: 'header'; header: 'In-Reply-To' | 'References'; message_id: string }
  | { by: 'reply_address'; address: string; agent_id?: number }
  | { by: 'subject_token'; token: string };

const mac = (secretKey: string, message: string) => createHmac('sha256', secretKey).update(message).digest('base64url').slice(0, 10).toLowerCase().replace(/[^a-z0-9]/g, 'x');

/**
 * The token in a reply-to address (support+t12-<mac>@…): it names a ticket and cannot be
 * guessed. Mail to an agent carries one bound to that agent as well (t12-u34-<mac>): an
 * agent's mailed answer is believed only through it, since a From header is easy to forge.
 */
export function replyToken(secretKey: string, accountId: number, niceId: number, agentId: number | null = null): string {
  return agentId === null ? `t${niceId}-${mac(secretKey, `reply\0${accountId}\0${niceId}`)}` : `t${niceId}-u${agentId}-${mac(secretKey, `reply\0${accountId}\0${niceId}\0agent\0${agentId}`)}`;
}

async function ticketByRowId(ctx: Ctx, id: number): Promise<TicketRecord | null> {
  const row = await ctx.db.selectFrom('tickets').select(ticketColumns).where('tickets.account_id', '=', ctx.account.id).where('tickets.id', '=', id).where('tickets.deleted_at', 'is', null).executeTakeFirst();
  return row ? toTicket(row) : null;
}

async function ticketByNiceId(ctx: Ctx, niceId: number): Promise<TicketRecord | null> {
  const row = await ctx.db.selectFrom('tickets').select(ticketColumns).where('tickets.account_id', '=', ctx.account.id).where('tickets.nice_id', '=', niceId).where('tickets.deleted_at', 'is', null).executeTakeFirst();
  return row ? toTicket(row) : null;
}

/** The first recipient that is a reply address Kefu signed (support+t12-…@ or support+t12-u34-…@). */
export function signedReplyAddress(ctx: Ctx, recipients: string[]): { address: string; niceId: number; agentId: number | null } | null {
  for (const address of recipients) {
    const tag = /^[^+@]+\+(t(\d+)(?:-u(\d+))?-[a-z0-9]+)@/i.exec(address);
    if (tag && tag[1] && tag[2]) {
      const niceId = Number(tag[2]);
      const agentId = tag[3] ? Number(tag[3]) : null;
      if (replyToken(ctx.config.secretKey, ctx.account.id, niceId, agentId) === tag[1].toLowerCase()) {
        return { address, niceId, agentId };
      }
    }
  }
  return null;
}

/**
 * Which ticket a message answers, and why: a Message-ID Kefu sent or received in its
 * In-Reply-To or References (only this helpdesk's, so a forged header never reaches
 * another's ticket), a signed reply-to address, or a [#123] subject token, believed
 * only from the requester or a CC because tokens can be guessed.
 */
export async function findThread(ctx: Ctx, mail: ParsedMail, recipients: string[], senderId: number | null): Promise<{ ticket: TicketRecord; reason: ThreadReason } | null> {
  const candidates: [string, 'In-Reply-To' | 'References'][] = [...mail.inReplyTo.map((id) => [id, 'In-Reply-To'] as [string, 'In-Reply-To']), ...[...mail.references].reverse().map((id) => [id, 'References'] as [string, 'References'])];
  if (candidates.length > 0) {
    const known = await ctx.db
      .selectFrom('email_message_ids')
      .select(['message_id', 'ticket_id'])
      .where('account_id', '=', ctx.account.id)
      .where('message_id', 'in', candidates.map(([id]) => id).slice(0, 100))
      .execute();
    for (const [id, header] of candidates) {
      const hit = known.find((k) => k.message_id === id);
      const ticket = hit ? await ticketByRowId(ctx, hit.ticket_id) : null;
      if (ticket) {
        return { ticket, reason: { by: 'header', header, message_id: id } };
      }
    }
  }
  const signed = signedReplyAddress(ctx, recipients);
  if (signed) {
    const ticket = await ticketByNiceId(ctx, signed.niceId);
    if (ticket) {
      // The audit every agent reads names the address without its signature: an agent's own
      // signed address would let a colleague post as them.
      const shown = signed.address.replace(/^([^+@]+\+t\d+(?:-u\d+)?)-[a-z0-9]+@/i, '$1-…@');
      return { ticket, reason: { by: 'reply_address', address: shown, ...(signed.agentId === null ? {} : { agent_id: signed.agentId }) } };
    }
  }
  const token = /\[#(\d{1,12})\]/.exec(mail.subject);
  if (token?.[1] && senderId !== null) {
    const ticket = await ticketByNiceId(ctx, Number(token[1]));
    if (ticket && (ticket.requesterId === senderId || (await listCollaborators(ctx, ticket.id, 'cc')).includes(senderId))) {
      return { ticket, reason: { by: 'subject_token', token: `[#${token[1]}]` } };
    }
  }
  return null;
}

/** Remembers a Message-ID as belonging to a ticket, so replies to it thread there. */
export async function rememberMessageId(ctx: Ctx, messageId: string, ticketRowId: number, direction: 'in' | 'out'): Promise<void> {
  await ctx.db
    .insertInto('email_message_ids')
    .values({ account_id: ctx.account.id, message_id: messageId, ticket_id: ticketRowId, direction, created_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['account_id', 'message_id']).doNothing())
    .execute();
}
