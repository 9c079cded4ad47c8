import type { Ctx } from '../../context.js';
import type { NotificationKind } from '../../db/schema.js';
import { isoTime } from '../../platform/clock.js';
import { accountOrigin } from '../../platform/http/urls.js';
import { resolveLocale, translate } from '../../platform/i18n.js';
import { mailTicketPeople } from '../../rules/notify.js';
import { recordPersonalEvent } from '../realtime/events.js';
import { listCollaborators, type TicketRecord } from '../tickets/repo.js';
import { preferencesOf, wants } from './preferences.js';

type Change = { before: TicketRecord | null; saved: TicketRecord; actorId: number | null; comment: { plain: string; public: boolean } | null; auditId: number };

const EXCERPT = 200;

/** Staff named with @ in a comment: "@刘洋" or "@Li Wei", matched on whole active agents' names. */
async function mentioned(ctx: Ctx, text: string): Promise<number[]> {
  if (!/@\S/.test(text)) {
    return [];
  }
  const staff = await ctx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('account_id', '=', ctx.account.id)
    .where('role', 'in', ['agent', 'admin'])
    .where('active', '=', 1)
    .where('suspended', '=', 0)
    .execute();
  return staff.filter((u) => u.name.trim().length >= 2 && text.includes(`@${u.name.trim()}`)).map((u) => u.id);
}

/**
 * In the change's transaction, tells agents what concerns them: the new assignee that a ticket
 * is theirs, whoever is @mentioned in a comment, and the assignee and followers that someone
 * commented. Never the person who made the change; one notification per person, the most
 * specific kind. Each is kept (for the bell and its unread count) and pushed live, as their
 * preferences allow; a mention is mailed too, as nothing else mails it.
 */
export async function notifyAgents(ctx: Ctx, change: Change): Promise<void> {
  const { before, saved, actorId, comment } = change;
  const kinds = new Map<number, NotificationKind>();
  const add = (userId: number | null, kind: NotificationKind) => {
    if (userId !== null && userId !== actorId && !kinds.has(userId)) {
      kinds.set(userId, kind);
    }
  };
  // Only staff mention staff: a customer writing "@刘洋" is just text.
  if (comment && ctx.permissions.isAgent) {
    for (const id of await mentioned(ctx, comment.plain)) {
      add(id, 'mention');
    }
  }
  if (saved.assigneeId !== null && saved.assigneeId !== (before?.assigneeId ?? null)) {
    add(saved.assigneeId, 'assigned');
  }
  if (comment && before) {
    add(saved.assigneeId, 'reply');
    for (const id of await listCollaborators(ctx, saved.id, 'follower')) {
      add(id, 'reply');
    }
  }
  if (kinds.size === 0) {
    return;
  }
  // Only people who are staff now: a follower since made an end user must not read internal notes here.
  const staff = new Set(
    (await ctx.db.selectFrom('users').select('id').where('account_id', '=', ctx.account.id).where('id', 'in', [...kinds.keys()]).where('role', 'in', ['agent', 'admin']).where('active', '=', 1).where('suspended', '=', 0).execute()).map((u) => u.id),
  );
  for (const id of kinds.keys()) {
    if (!staff.has(id)) {
      kinds.delete(id);
    }
  }
  if (kinds.size === 0) {
    return;
  }
  const prefs = await preferencesOf(ctx, [...kinds.keys()]);
  const now = ctx.clock.now();
  const excerpt = (comment?.plain ?? saved.subject).replace(/\s+/g, ' ').trim().slice(0, EXCERPT);
  const mailMentions: number[] = [];
  for (const [userId, kind] of kinds) {
    if (kind === 'mention' && wants(prefs, userId, 'email', 'mention')) {
      mailMentions.push(userId);
    }
    if (!wants(prefs, userId, 'in_app', kind)) {
      continue;
    }
    const row = await ctx.db
      .insertInto('notifications')
      .values({ account_id: ctx.account.id, user_id: userId, kind, ticket_id: saved.id, audit_id: change.auditId, actor_id: actorId, excerpt, read_at: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordPersonalEvent(ctx, 'notification.created', userId, {
      notification: { id: row.id, kind, ticket_id: saved.niceId, subject: saved.subject, actor_id: actorId, excerpt, read: false, created_at: isoTime(now) },
    });
  }
  if (mailMentions.length > 0) {
    const people = await ctx.db.selectFrom('users').select(['id', 'email']).where('account_id', '=', ctx.account.id).where('id', 'in', mailMentions).where('email', 'is not', null).execute();
    const actor = actorId === null ? null : await ctx.db.selectFrom('users').select('name').where('account_id', '=', ctx.account.id).where('id', '=', actorId).executeTakeFirst();
    const locale = resolveLocale(ctx.account.locale);
    const vars = { actor: actor?.name ?? ctx.account.name, id: String(saved.niceId), subject: saved.subject, excerpt, link: `${accountOrigin(ctx)}/tickets/${saved.niceId}` };
    await mailTicketPeople(
      ctx,
      saved,
      people.map((p) => ({ email: p.email as string, agentId: p.id })),
      { subject: translate(locale, 'mail.mention.subject', vars), body: translate(locale, 'mail.mention.body', vars), layout: null, auditId: change.auditId },
    );
  }
}
