import { actorUserId, type Ctx, inTransaction } from '../../context.js';
import { forbidden, invalidField, notFound } from '../../platform/errors.js';
import { msg } from '../../platform/messages.js';
import { htmlFromPlain } from '../../platform/rich-text.js';
import type { AuditEvent } from './change-ticket.js';
import { findVisibleTicket } from './repo.js';
import { indexTicket } from './search-index.js';

const MASK = '▇▇▇';

const escapeHtml = (text: string): string => htmlFromPlain(text).replace(/^<p>|<\/p>$/g, '');

/**
 * Removes a piece of text (a card number, a password someone pasted) from a comment
 * for good: from its plain and HTML forms, from the audit that recorded it and from
 * the search index. The redaction itself is audited, without the text.
 */
export async function redactComment(ctx: Ctx, ticketNiceId: number, commentId: number, text: string): Promise<void> {
  if (!ctx.permissions.canEditTickets) {
    throw forbidden('Your role may not redact comments');
  }
  await inTransaction(ctx, async (tx) => {
    const ticket = await findVisibleTicket(tx, ticketNiceId);
    if (!ticket) {
      throw notFound();
    }
    const comment = await tx.db
      .selectFrom('ticket_comments')
      .select(['id', 'audit_id', 'plain_body', 'html_body'])
      .where('account_id', '=', tx.account.id)
      .where('ticket_id', '=', ticket.id)
      .where('id', '=', commentId)
      .executeTakeFirst();
    if (!comment) {
      throw notFound();
    }
    if (!comment.plain_body.includes(text)) {
      throw invalidField('text', msg('ticket.text_not_found'), 'NotFound');
    }
    const plain = comment.plain_body.split(text).join(MASK);
    const html = comment.html_body.split(escapeHtml(text)).join(MASK).split(text).join(MASK);
    const now = tx.clock.now();
    await tx.db
      .updateTable('ticket_comments')
      .set({ plain_body: plain, html_body: html, redacted_at: now })
      .where('account_id', '=', tx.account.id)
      .where('id', '=', comment.id)
      .execute();
    const audit = await tx.db.selectFrom('ticket_audits').select('events').where('account_id', '=', tx.account.id).where('id', '=', comment.audit_id).executeTakeFirstOrThrow();
    const events = (JSON.parse(audit.events) as AuditEvent[]).map((e) => (e.type === 'Comment' && e.id === comment.id ? { ...e, body: plain, html_body: html } : e));
    await tx.db.updateTable('ticket_audits').set({ events: JSON.stringify(events) }).where('account_id', '=', tx.account.id).where('id', '=', comment.audit_id).execute();
    // Notifications quote the comment: their excerpt is redacted with it.
    await tx.db
      .updateTable('notifications')
      .set({ excerpt: plain.replace(/\s+/g, ' ').trim().slice(0, 200) })
      .where('account_id', '=', tx.account.id)
      .where('audit_id', '=', comment.audit_id)
      .where('ticket_id', '=', ticket.id)
      .execute();
    await tx.db
      .insertInto('ticket_audits')
      .values({
        account_id: tx.account.id,
        ticket_id: ticket.id,
        author_id: actorUserId(tx),
        via_channel: 'web',
        via_source: '{}',
        metadata: JSON.stringify({ system: { ip_address: tx.request.ip, user_agent: tx.request.userAgent } }),
        events: JSON.stringify([{ type: 'CommentRedactionEvent', comment_id: comment.id }]),
        created_at: now,
      })
      .execute();
    await indexTicket(tx, ticket.id);
  });
}
