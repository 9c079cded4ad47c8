import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { invalidField } from '../../platform/errors.js';
import { msg } from '../../platform/messages.js';
import { registerJob } from '../job-statuses/jobs.js';
import { updateUserRow } from '../users/repo.js';
import { changeTicket } from './change-ticket.js';
import { listCollaborators } from './repo.js';
import { ticketCreateInput, ticketUpdateInput } from './schema.js';
import type { Via } from './repo.js';

const apiVia: Via = { channel: 'api', source: {} };

const updateItem = z.object({ id: z.number().int().positive(), changes: ticketUpdateInput });
const createItem = ticketCreateInput;
const idItem = z.object({ id: z.number().int().positive() });

export const mergeInput = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(5),
  target_comment: z.string().trim().min(1).max(65_535).optional(),
  source_comment: z.string().trim().min(1).max(65_535).optional(),
  target_comment_is_public: z.boolean().optional(),
  source_comment_is_public: z.boolean().optional(),
});
export type MergeInput = z.infer<typeof mergeInput>;

registerJob('bulk_update', async (ctx, item, index) => {
  const { id, changes } = updateItem.parse(item);
  await changeTicket(ctx, id, changes, { via: apiVia });
  return { index, id, action: 'update', success: true, status: 'Updated' };
});

registerJob('bulk_delete', async (ctx, item, index) => {
  const { id } = idItem.parse(item);
  await changeTicket(ctx, id, { deleted: true }, { via: apiVia });
  return { index, id, action: 'delete', success: true, status: 'Deleted' };
});

registerJob('bulk_create', async (ctx, item, index) => {
  const { via_followup_source_id, submitter_id, ...input } = createItem.parse(item);
  const made = await changeTicket(
    ctx,
    null,
    { ...input, ...(submitter_id ? { submitterId: submitter_id } : {}), ...(via_followup_source_id ? { followupSourceId: via_followup_source_id } : {}) },
    { via: apiVia },
  );
  return { index, id: made.ticket.niceId, action: 'create', success: true, status: 'Created' };
});

registerJob('ticket_merge', async (ctx, item) => {
  const { target, input } = z.object({ target: z.number().int().positive(), input: mergeInput }).parse(item);
  await mergeTickets(ctx, target, input);
  return { id: target, action: 'merge', success: true, status: 'Merged', source_ids: input.ids };
});

/**
 * Merges tickets into a target, all or nothing: each source gets a note and closes; the
 * target gets a note naming them and their last words, and their requesters as CCs.
 */
export async function mergeTickets(ctx: Ctx, targetId: number, input: MergeInput): Promise<void> {
  if (input.ids.includes(targetId)) {
    throw invalidField('ids', msg('ticket.merge_self'), 'InvalidValue');
  }
  const sources = [];
  for (const id of [...new Set(input.ids)]) {
    const closed = await changeTicket(
      ctx,
      id,
      {
        merging: true,
        comment: { body: input.source_comment ?? `This request was closed and merged into request #${targetId}.`, public: input.source_comment_is_public ?? false },
      },
      { via: { channel: 'merge', source: { rel: 'merge', to: { ticket_id: targetId } } }, field: `ids.${id}` },
    );
    sources.push(closed.ticket);
  }
  const target = await changeTicket(ctx, targetId, {}, { via: apiVia });
  const ccs = new Set(await listCollaborators(ctx, target.ticket.id, 'cc'));
  for (const s of sources) {
    if (s.requesterId !== target.ticket.requesterId) {
      ccs.add(s.requesterId);
    }
  }
  const summary = sources.map((s) => `#${s.niceId} ${s.subject}\n${s.description}`).join('\n\n');
  await changeTicket(
    ctx,
    targetId,
    {
      collaborator_ids: [...ccs],
      comment: {
        body: input.target_comment ?? `Requests ${sources.map((s) => `#${s.niceId}`).join(', ')} were closed and merged into this request.\n\n${summary}`,
        public: input.target_comment_is_public ?? false,
      },
    },
    { via: { channel: 'merge', source: { rel: 'merge', from: { ticket_ids: sources.map((s) => s.niceId) } } } },
  );
}

/** Spam: the ticket is deleted and an end-user requester suspended, so they cannot write again. */
export async function markAsSpam(ctx: Ctx, id: number): Promise<void> {
  const { ticket } = await changeTicket(ctx, id, { deleted: true }, { via: apiVia });
  const requester = await ctx.db
    .selectFrom('users')
    .select(['role'])
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', ticket.requesterId)
    .executeTakeFirst();
  if (requester?.role === 'end-user') {
    await updateUserRow(ctx, ticket.requesterId, { suspended: 1 });
  }
}
