import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { type Ctx, inTransaction, systemCtx } from '../../context.js';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/helpers.js';
import type { InboundEmailStatus } from '../../db/schema.js';
import { type Clock, HOUR } from '../../platform/clock.js';
import { KefuError } from '../../platform/errors.js';
import { permissionsFor } from '../../platform/permissions.js';
import { plainFromHtml } from '../../platform/rich-text.js';
import type { BlobStorage } from '../../platform/storage/blob-storage.js';
import { findAccountById } from '../accounts/repo.js';
import { upload } from '../attachments/service.js';
import { loadAuthUser } from '../sessions/repo.js';
import { changeTicket, type TicketChange } from '../tickets/change-ticket.js';
import { listCollaborators, type Via } from '../tickets/repo.js';
import { createUser } from '../users/operations/create-user.js';
import { findUserIdByEmail } from '../users/repo.js';
import { accountOrigin } from '../../platform/http/urls.js';
import { baseAddress, listAddresses } from './addresses.js';
import { type Bounce, readBounce } from './bounces.js';
import { machineReason } from './machine-mail.js';
import { liftSuppression, suppress } from './suppressions.js';
import { resolveLocale, translate } from '../../platform/i18n.js';
import { type MailAddress, type ParsedMail, parseMail } from './parse.js';
import { stripQuoted } from './strip-quotes.js';
import { findThread, signedReplyAddress, type ThreadReason } from './threading.js';

type Deps = { db: Db; clock: Clock; log: Logger; config: Config; blobs: BlobStorage };
type Outcome = { status: InboundEmailStatus; reason: string | null; ticketId: number | null; thread: ThreadReason | { by: 'new_ticket' } | { by: 'bounce'; message_id: string } | null };

/** More than this many messages from one sender in an hour are held for an agent. */
const SENDER_LIMIT_PER_HOUR = 20;

/** The reason a suspended message carries once an agent releases it. */
export const RELEASED = 'released by an agent';

export async function readAll(blobs: BlobStorage, sha: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.read(sha)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function userFor(ctx: Ctx, person: MailAddress): Promise<number> {
  const existing = await findUserIdByEmail(ctx, person.address);
  if (existing !== null) {
    return existing;
  }
  // 匿名提交自动创建用户: an unknown sender becomes an end user.
  const user = await createUser(ctx, { name: person.name || person.address.split('@')[0] || person.address, email: person.address, role: 'end-user' });
  return user.id;
}

async function actAs(ctx: Ctx, userId: number): Promise<Ctx | null> {
  const record = await loadAuthUser(ctx.db, ctx.account.id, userId);
  if (!record || record.suspended) {
    return null;
  }
  return { ...ctx, actor: { kind: 'user', user: record.user, via: 'api_token', sessionId: null }, permissions: permissionsFor(record.user, record.role) };
}

/** Stores the attachments as uploads by the sender; inline images keep their cid for the HTML. */
async function uploads(actor: Ctx, mail: ParsedMail): Promise<{ tokens: string[]; cids: Map<string, number>; skipped: string[] }> {
  const tokens: string[] = [];
  const cids = new Map<string, number>();
  const skipped: string[] = [];
  for (const a of mail.attachments) {
    if (a.content.length === 0) {
      skipped.push(`${a.fileName} (empty)`);
      continue;
    }
    try {
      const saved = await upload(actor, { fileName: a.fileName, bytes: a.content });
      tokens.push(saved.token);
      const id = saved.attachments[0]?.id;
      if (a.contentId && id !== undefined) {
        cids.set(a.contentId.toLowerCase(), id);
      }
    } catch (error) {
      if (!(error instanceof KefuError)) {
        throw error;
      }
      skipped.push(`${a.fileName} (${error.message})`);
    }
  }
  return { tokens, cids, skipped };
}

async function handle(ctx: Ctx, row: { id: number; recipient_address_id: number | null; mail_from: string | null; reason: string | null }, mail: ParsedMail): Promise<Outcome> {
  const released = row.reason === RELEASED;
  const sender = mail.from;
  if (!sender) {
    return { status: 'quarantined', reason: 'the message has no sender address', ticketId: null, thread: null };
  }
  const addresses = await listAddresses(ctx);
  if (addresses.some((a) => a.email === sender.address)) {
    return { status: 'suspended', reason: `sent from this helpdesk's own address ${sender.address}`, ticketId: null, thread: null };
  }
  const recipients = [...mail.to, ...mail.cc].map((a) => a.address);
  const existingSender = await findUserIdByEmail(ctx, sender.address);
  const thread = await findThread(ctx, mail, recipients, existingSender);
  // The audit shows agents why a mail landed where it did: the header, reply address or token that matched.
  const via = (rel: string) => ({
    channel: 'email',
    source: { from: { address: sender.address, name: sender.name }, to: { address: addresses.find((a) => a.id === row.recipient_address_id)?.email ?? null }, rel, ...(thread ? { thread: thread.reason } : {}) },
  });

  const bounce = released ? null : readBounce(mail);
  const bounced = bounce ? await recordBounce(ctx, bounce, mail, via('bounce')) : null;
  if (bounced) {
    return bounced;
  }
  const machine = released ? null : machineReason(mail, row.mail_from);
  if (machine) {
    if (!thread) {
      return { status: 'suspended', reason: `automatic mail (${machine})`, ticketId: null, thread: null };
    }
    // An auto-reply to a ticket is kept as an internal note: it neither reopens nor gets answered.
    const note = `${mail.subject}\n\n${stripQuoted(mail.text || plainFromHtml(mail.html ?? ''))}`.slice(0, 60_000);
    await changeTicket(ctx, thread.ticket.niceId, { emailMessageId: mail.messageId, comment: { body: note, public: false } }, { via: via('automatic_reply') });
    return { status: 'processed', reason: `automatic mail (${machine}) kept as an internal note`, ticketId: thread.ticket.id, thread: thread.reason };
  }

  const since = ctx.clock.now() - HOUR;
  const recent = await ctx.db.selectFrom('inbound_emails').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', ctx.account.id).where('from_address', '=', sender.address).where('created_at', '>', since).executeTakeFirst();
  if (!released && Number(recent?.n ?? 0) > SENDER_LIMIT_PER_HOUR) {
    return { status: 'suspended', reason: `more than ${SENDER_LIMIT_PER_HOUR} messages from ${sender.address} within an hour`, ticketId: null, thread: null };
  }

  // A person writing in proves their address works again.
  await liftSuppression(ctx, sender.address);
  const senderId = existingSender ?? (await userFor(ctx, sender));
  const actor = await actAs(ctx, senderId);
  if (!actor) {
    return { status: 'suspended', reason: `the sender ${sender.address} is suspended`, ticketId: null, thread: null };
  }
  // Staff mail acts with staff rights, and a From header is easy to forge: it is believed only
  // when it answers the reply address Kefu gave that very agent (or an agent released it).
  const staff = actor.actor.kind === 'user' && actor.actor.user.role !== 'end-user';
  const signed = signedReplyAddress(ctx, recipients);
  const verifiedStaff = thread !== null && signed !== null && signed.agentId === senderId && signed.niceId === thread.ticket.niceId;
  if (staff && !verifiedStaff && !released) {
    return { status: 'suspended', reason: `from ${sender.address}, a staff address, but not through that person's own signed reply address (a From header can be forged); release it if they sent it`, ticketId: null, thread: thread?.reason ?? null };
  }
  const files = await uploads(actor, mail);
  const own = new Set(addresses.map((a) => a.email));
  const ccIds: number[] = [];
  for (const person of [...mail.to, ...mail.cc].filter((p) => !own.has(baseAddress(p.address)) && p.address !== sender.address).slice(0, 48)) {
    ccIds.push(await userFor(ctx, person));
  }
  const skippedNote = files.skipped.length ? `\n\n[${files.skipped.join(', ')}]` : '';

  if (thread) {
    const text = stripQuoted(mail.text || plainFromHtml(mail.html ?? '')) + skippedNote;
    const current = await listCollaborators(ctx, thread.ticket.id, 'cc');
    const change: TicketChange = { emailMessageId: mail.messageId, comment: { body: text, public: true, ...(files.tokens.length ? { uploads: files.tokens } : {}) }, ...(ccIds.some((id) => !current.includes(id)) ? { collaborator_ids: [...new Set([...current, ...ccIds])] } : {}) };
    try {
      const result = await changeTicket(actor, thread.ticket.niceId, change, { via: via(thread.reason.by) });
      return { status: 'processed', reason: null, ticketId: result.ticket.id, thread: thread.reason };
    } catch (error) {
      // Someone the ticket is not shared with: their mail starts a ticket of its own.
      if (!(error instanceof KefuError) || error.code !== 'RecordNotFound') {
        throw error;
      }
    }
  }
  const html = mail.html ? mail.html.replace(/cid:([^"'\s>)]+)/gi, (whole, cid: string) => {
    const id = files.cids.get(cid.toLowerCase());
    return id === undefined ? whole : `${accountOrigin(ctx)}/api/v2/attachments/${id}/content`;
  }) : null;
  const comment = html ? { html_body: html + (skippedNote ? `<p>${skippedNote}</p>` : '') } : { body: (mail.text.trim() || '(空白邮件 / empty message)') + skippedNote };
  const address = addresses.find((a) => a.id === row.recipient_address_id);
  const result = await changeTicket(
    actor,
    null,
    {
      subject: mail.subject.slice(0, 255) || '(无主题)',
      comment: { ...comment, public: true, ...(files.tokens.length ? { uploads: files.tokens } : {}) },
      ...(ccIds.length ? { collaborator_ids: ccIds } : {}),
      emailMessageId: mail.messageId,
      channelGroupId: address?.defaultGroupId ?? null,
    },
    { via: via('new_ticket') },
  );
  return { status: 'processed', reason: null, ticketId: result.ticket.id, thread: { by: 'new_ticket' } };
}

/**
 * A delivery failure of mail this helpdesk sent: the ticket whose mail bounced (found by the
 * returned Message-ID, this helpdesk's own) gets an internal note saying who could not be
 * reached and why, and those of its people who bounced are not mailed for a while. Anyone
 * can write "From: postmaster@", so a report that names none of our Message-IDs is not
 * believed (it is held as machine mail), and only the ticket's own people are suppressed.
 */
async function recordBounce(ctx: Ctx, bounce: Bounce, mail: ParsedMail, via: Via): Promise<Outcome | null> {
  if (bounce.originalMessageIds.length === 0) {
    return null;
  }
  const sent = await ctx.db.selectFrom('email_message_ids').select(['ticket_id', 'message_id']).where('account_id', '=', ctx.account.id).where('direction', '=', 'out').where('message_id', 'in', bounce.originalMessageIds.slice(0, 20)).executeTakeFirst();
  const ticket = sent ? await ctx.db.selectFrom('tickets').select(['id', 'nice_id', 'requester_id', 'assignee_id']).where('account_id', '=', ctx.account.id).where('id', '=', sent.ticket_id).where('deleted_at', 'is', null).executeTakeFirst() : undefined;
  if (!sent || !ticket) {
    return null;
  }
  const peopleIds = [ticket.requester_id, ...(ticket.assignee_id === null ? [] : [ticket.assignee_id]), ...(await listCollaborators(ctx, ticket.id, 'cc')), ...(await listCollaborators(ctx, ticket.id, 'follower'))];
  const people = new Set((await ctx.db.selectFrom('users').select('email').where('account_id', '=', ctx.account.id).where('id', 'in', peopleIds).execute()).flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])));
  await suppress(ctx, bounce.recipients.filter((r) => people.has(r.address)), ticket.id);
  const who = bounce.recipients.map((r) => r.address).join(', ') || '?';
  const locale = resolveLocale(ctx.account.locale);
  const note = bounce.recipients.map((r) => translate(locale, 'mail.bounce.note', { address: r.address, status: r.status ?? '—', diagnostic: r.diagnostic ?? mail.subject })).join('\n\n') || mail.subject;
  await changeTicket(ctx, ticket.nice_id, { emailMessageId: mail.messageId, comment: { body: note.slice(0, 10_000), public: false } }, { via });
  return { status: 'processed', reason: `delivery failure for ${who}`, ticketId: ticket.id, thread: { by: 'bounce', message_id: sent.message_id } };
}

/**
 * The outbox handler for one inbound message: parses it, decides where it belongs and
 * changes the ticket through the one door, all in one transaction with the message's
 * new status, so a crash or a second delivery processes it exactly once. A message
 * that cannot be read is quarantined with its error and never stalls the others.
 */
export async function processInbound(deps: Deps, accountId: number, inboundId: number): Promise<void> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) {
    return;
  }
  const ctx = systemCtx({ db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: 'kefu-email', origin: null } }, account, 'Email');
  const first = await deps.db.selectFrom('inbound_emails').selectAll().where('account_id', '=', accountId).where('id', '=', inboundId).executeTakeFirst();
  if (!first || first.status !== 'received') {
    return;
  }
  const finish = (db: Db, outcome: Outcome, mail: ParsedMail | null) =>
    db
      .updateTable('inbound_emails')
      .set({
        status: outcome.status,
        reason: outcome.reason,
        thread_reason: outcome.thread ? JSON.stringify(outcome.thread) : null,
        ticket_id: outcome.ticketId,
        from_address: mail?.from?.address ?? null,
        subject: mail?.subject.slice(0, 500) ?? null,
        processed_at: deps.clock.now(),
      })
      .where('account_id', '=', accountId)
      .where('id', '=', inboundId)
      .where('status', '=', 'received')
      .execute();
  let mail: ParsedMail;
  try {
    mail = await parseMail(await readAll(deps.blobs, first.raw_sha256));
  } catch (error) {
    await finish(deps.db, { status: 'quarantined', reason: `unreadable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000), ticketId: null, thread: null }, null);
    return;
  }
  try {
    await inTransaction(ctx, async (tx) => {
      let q = tx.db.selectFrom('inbound_emails').select(['id', 'status', 'recipient_address_id', 'mail_from', 'reason']).where('account_id', '=', accountId).where('id', '=', inboundId);
      if (dialectOf(tx.db) === 'postgres') {
        q = q.forUpdate();
      }
      const row = await q.executeTakeFirst();
      if (!row || row.status !== 'received') {
        return;
      }
      // The sender is counted for the rate limit before deciding.
      await tx.db.updateTable('inbound_emails').set({ from_address: mail.from?.address ?? null }).where('account_id', '=', accountId).where('id', '=', inboundId).execute();
      const outcome = await handle(tx, row, mail);
      await finish(tx.db, outcome, mail);
    });
  } catch (error) {
    if (!(error instanceof KefuError)) {
      throw error; // the outbox retries, then parks it
    }
    await finish(deps.db, { status: 'quarantined', reason: `${error.message}: ${JSON.stringify(error.details ?? {})}`.slice(0, 1000), ticketId: null, thread: null }, mail);
  }
}
