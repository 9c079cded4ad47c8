import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import type { TicketRecord } from '../tickets/repo.js';
import { listCollaborators, nextSequence } from '../tickets/repo.js';
import type { Audience } from './audience.js';

export type TicketEventType = 'ticket.created' | 'ticket.updated' | 'ticket.deleted';
export type PersonalEventType = 'notification.created';

/** A ticket's live event, heard by those who may read the ticket as it now is. */
export async function recordTicketEvent(
  ctx: Ctx,
  type: TicketEventType,
  ticket: TicketRecord,
  comment: { id: number; public: boolean; authorId: number } | null,
): Promise<void> {
  const org =
    ticket.organizationId === null
      ? null
      : await ctx.db.selectFrom('organizations').select('shared_tickets').where('account_id', '=', ctx.account.id).where('id', '=', ticket.organizationId).executeTakeFirst();
  const audience: Audience = {
    requesterId: ticket.requesterId,
    assigneeId: ticket.assigneeId,
    groupId: ticket.groupId,
    organizationId: ticket.organizationId,
    organizationShared: org?.shared_tickets === 1,
    ccIds: await listCollaborators(ctx, ticket.id, 'cc'),
    public: comment === null || comment.public,
  };
  const data = {
    ticket: {
      id: ticket.niceId,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      assignee_id: ticket.assigneeId,
      group_id: ticket.groupId,
      updated_at: isoTime(ticket.updatedAt),
    },
    comment: comment ? { id: comment.id, public: comment.public, author_id: comment.authorId } : null,
  };
  await recordEvent(ctx, type, audience, data);
}

/** A live event for one user only (their notification), numbered and published like ticket events. */
export async function recordPersonalEvent(ctx: Ctx, type: PersonalEventType, userId: number, data: object): Promise<void> {
  const audience: Audience = { requesterId: 0, assigneeId: null, groupId: null, organizationId: null, organizationShared: false, ccIds: [], public: false, userIds: [userId] };
  await recordEvent(ctx, type, audience, data);
}

/**
 * Records a live event in the change's transaction, numbered per account. The number
 * comes from a counter row held until commit, so numbers follow commit order and a
 * client resuming "after n" misses nothing; the outbox publishes it after commit.
 */
async function recordEvent(ctx: Ctx, type: TicketEventType | PersonalEventType, audience: Audience, data: object): Promise<void> {
  const seq = await nextSequence(ctx, 'event');
  await ctx.db
    .insertInto('realtime_events')
    .values({ account_id: ctx.account.id, seq, type, audience: JSON.stringify(audience), data: JSON.stringify(data), created_at: ctx.clock.now() })
    .execute();
  await writeOutbox(ctx, { topic: 'realtime.publish', payload: { seq } });
}
