import type { Ctx } from '../context.js';
import { htmlFromPlain } from '../platform/rich-text.js';
import { enqueueMany, type OutboxMessage, writeOutbox } from '../platform/outbox/outbox.js';
import { accountOrigin } from '../platform/http/urls.js';
import { listCollaborators, type TicketRecord } from '../modules/tickets/repo.js';
import { findUsers } from '../modules/users/repo.js';
import type { Notification } from './apply-actions.js';
import { type PlaceholderData, renderPlaceholders } from './placeholders.js';
import { outgoingAddress } from '../modules/email/addresses.js';
import { REPLY_MARKER } from '../modules/email/strip-quotes.js';
import { suppressedAmong } from '../modules/email/suppressions.js';
import { loadMailLayout, type MailLayout, wrapInLayout } from '../modules/email/mail-template.js';
import { preferencesOf, wants } from '../modules/notifications/preferences.js';
import { replyToken } from '../modules/email/threading.js';
import { newToken } from '../platform/secrets.js';

type Person = { id: number; name: string; email: string | null };

function personData(p: Person | undefined) {
  return p ? { id: p.id, name: p.name, first_name: p.name.split(/\s+/)[0] ?? p.name, email: p.email ?? '' } : { id: null, name: '', first_name: '', email: '' };
}

/** The data placeholders read: Zendesk's names for the ticket, its people and the current user. */
export async function placeholderData(ctx: Ctx, ticket: TicketRecord): Promise<PlaceholderData> {
  const me = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  const ids = [ticket.requesterId, ticket.assigneeId, me].filter((id): id is number => id !== null);
  const people = new Map((await findUsers(ctx, [...new Set(ids)])).map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  const group = ticket.groupId === null ? undefined : await ctx.db.selectFrom('groups').select('name').where('account_id', '=', ctx.account.id).where('id', '=', ticket.groupId).executeTakeFirst();
  const org = ticket.organizationId === null ? undefined : await ctx.db.selectFrom('organizations').select('name').where('account_id', '=', ctx.account.id).where('id', '=', ticket.organizationId).executeTakeFirst();
  const comments = await ctx.db
    .selectFrom('ticket_comments')
    .select(['plain_body', 'is_public'])
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticket.id)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const link = `${accountOrigin(ctx)}/agent/tickets/${ticket.niceId}`;
  return {
    ticket: {
      id: ticket.niceId,
      title: ticket.subject,
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority ?? '',
      ticket_type: ticket.type ?? '',
      tags: ticket.tags.join(' '),
      via: ticket.via.channel,
      url: link,
      link,
      requester: personData(people.get(ticket.requesterId)),
      assignee: personData(ticket.assigneeId === null ? undefined : people.get(ticket.assigneeId)),
      group: { name: group?.name ?? '' },
      organization: { name: org?.name ?? '' },
      latest_comment: comments[0]?.plain_body ?? '',
      latest_public_comment: comments.find((c) => c.is_public === 1)?.plain_body ?? '',
    },
    current_user: personData(me === null ? undefined : people.get(me)),
    account: { name: ctx.account.name },
  };
}

export type Recipient = { email: string; agentId: number | null };

async function recipients(ctx: Ctx, ticket: TicketRecord, n: Notification): Promise<Recipient[]> {
  const target = n.value[0] ?? '';
  let ids: number[] = [];
  if (n.field === 'notification_email') {
    return [{ email: target, agentId: null }];
  }
  if (n.field === 'notification_user') {
    const me = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
    ids =
      target === 'requester_id' ? [ticket.requesterId]
      : target === 'assignee_id' ? (ticket.assigneeId === null ? [] : [ticket.assigneeId])
      : target === 'current_user' ? (me === null ? [] : [me])
      : target === 'requester_and_ccs' ? [ticket.requesterId, ...(await listCollaborators(ctx, ticket.id, 'cc'))]
      : [Number(target)];
  } else if (n.field === 'notification_group') {
    const groupId = target === 'group_id' ? ticket.groupId : Number(target);
    if (groupId === null) {
      return [];
    }
    const members = await ctx.db.selectFrom('group_memberships').select('user_id').where('account_id', '=', ctx.account.id).where('group_id', '=', groupId).execute();
    ids = members.map((m) => m.user_id);
  }
  const users = await findUsers(ctx, [...new Set(ids)]);
  return users.filter((u) => !u.suspended && u.email).map((u) => ({ email: u.email as string, agentId: u.role === 'end-user' ? null : u.id }));
}

/**
 * What every mail about a ticket shares: the helpdesk's address as sender and the ticket's
 * earlier Message-IDs, for In-Reply-To and References so mail clients thread it.
 */
async function ticketThread(ctx: Ctx, ticket: TicketRecord) {
  const address = await outgoingAddress(ctx);
  const earlier = await ctx.db
    .selectFrom('email_message_ids')
    .select(['message_id', 'direction'])
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticket.id)
    .orderBy('created_at')
    .limit(20)
    .execute();
  const lastIn = earlier.filter((e) => e.direction === 'in').at(-1) ?? earlier.at(-1);
  return { address, references: earlier.map((e) => e.message_id), inReplyTo: lastIn?.message_id ?? null };
}

/** One recipient's headers: its own Message-ID (remembered, so a reply finds the ticket) and a signed reply address. */
function threadingHeaders(ctx: Ctx, ticket: TicketRecord, thread: Awaited<ReturnType<typeof ticketThread>>, to: Recipient) {
  const { address } = thread;
  const domain = address?.email.split('@')[1] ?? 'kefu.local';
  const messageId = `<k${ctx.account.id}.t${ticket.niceId}.${newToken(9)}@${domain}>`;
  const [local = '', host = ''] = (address?.email ?? '').split('@');
  return {
    messageId,
    ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
    ...(thread.references.length ? { references: thread.references } : {}),
    ...(address ? { addressId: address.id, from: `"${address.name.replace(/"/g, '')}" <${address.email}>`, replyTo: `"${address.name.replace(/"/g, '')}" <${local}+${replyToken(ctx.config.secretKey, ctx.account.id, ticket.niceId, to.agentId)}@${host}>` } : {}),
  };
}

/**
 * Turns the notifications rules asked for into outbox messages in the change's
 * transaction: each mail rendered with placeholders for each recipient address, each
 * webhook call queued with its rendered body. Sending happens after commit.
 */
export async function sendNotifications(
  ctx: Ctx,
  ticket: TicketRecord,
  notifications: Notification[],
  refs: { auditId: number; commentId: number | null; assignedTo: number | null },
): Promise<void> {
  const data = await placeholderData(ctx, ticket);
  const layout = notifications.some((n) => n.field !== 'notification_webhook') ? await loadMailLayout(ctx) : null;
  for (const n of notifications) {
    if (n.field === 'notification_webhook') {
      await writeOutbox(ctx, {
        topic: 'webhook.deliver',
        payload: { webhook_id: Number(n.value[0]), ticket_id: ticket.id, body: renderPlaceholders(n.value[1] ?? '', data), rule: { id: n.rule.id, title: n.rule.title } },
      });
      continue;
    }
    const subject = renderPlaceholders(n.value[1] ?? '', data).replace(/\s+/g, ' ').trim();
    const body = renderPlaceholders(n.value[2] ?? '', data);
    let targets = [...new Map((await recipients(ctx, ticket, n)).map((r) => [r.email.toLowerCase(), r])).values()];
    // Agents who turned off mail about their tickets: being assigned, or anything else that happens on them.
    const agentIds = targets.flatMap((r) => (r.agentId === null ? [] : [r.agentId]));
    if (agentIds.length > 0) {
      const prefs = await preferencesOf(ctx, agentIds);
      targets = targets.filter((r) => r.agentId === null || wants(prefs, r.agentId, 'email', refs.assignedTo === r.agentId ? 'assigned' : 'reply'));
    }
    await mailTicketPeople(ctx, ticket, targets, { subject, body, layout, auditId: refs.auditId });
  }
}

/**
 * Queues one mail per recipient about a ticket, in the helpdesk's layout, with the threading
 * headers and the reply address for each (bound to the agent for agents), leaving out
 * addresses that bounced recently.
 */
export async function mailTicketPeople(
  ctx: Ctx,
  ticket: TicketRecord,
  targets: Recipient[],
  mail: { subject: string; body: string; layout: MailLayout | null; auditId: number | null },
): Promise<void> {
  if (targets.length === 0) {
    return;
  }
  const body = `${REPLY_MARKER}\n\n${mail.body}`;
  const layout = mail.layout ?? (await loadMailLayout(ctx));
  const { html, text } = wrapInLayout(ctx, layout, { html: htmlFromPlain(body), text: body });
  // Addresses that bounced for good are left out until they write in or an agent lifts them.
  const bounced = await suppressedAmong(ctx, targets.map((r) => r.email));
  const thread = await ticketThread(ctx, ticket);
  const mails: OutboxMessage[] = [];
  const messageIds: string[] = [];
  const now = ctx.clock.now();
  for (const recipient of targets) {
    const to = recipient.email;
    if (bounced.has(to.toLowerCase())) {
      ctx.log.info({ to, ticketId: ticket.id }, 'not mailing an address that bounced recently');
      continue;
    }
    const threading = threadingHeaders(ctx, ticket, thread, recipient);
    messageIds.push(threading.messageId);
    mails.push({
      topic: 'mail.send',
      payload: {
        to,
        subject: mail.subject,
        text,
        html,
        ...threading,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'X-Kefu-Ticket-Id': String(ticket.niceId),
          ...(mail.auditId === null ? {} : { 'X-Kefu-Audit-Id': String(mail.auditId) }),
        },
      },
    });
  }
  if (mails.length > 0) {
    // Each copy's Message-ID, so a reply to any of them finds the ticket; then the mails, in two statements.
    await ctx.db
      .insertInto('email_message_ids')
      .values(messageIds.map((id) => ({ account_id: ctx.account.id, message_id: id, ticket_id: ticket.id, direction: 'out' as const, created_at: now })))
      .onConflict((oc) => oc.columns(['account_id', 'message_id']).doNothing())
      .execute();
    await enqueueMany(ctx.db, ctx.account.id, now, mails);
  }
}
