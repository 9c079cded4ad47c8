import type { Ctx } from '../../context.js';
import { parseStringList } from '../../db/helpers.js';
import type { TicketPriority, TicketStatus, TicketsTable, TicketType } from '../../db/schema.js';
import { visibleTickets } from './access.js';

export type Via = { channel: string; source: Record<string, unknown> };

export type TicketRecord = {
  id: number;
  niceId: number;
  subject: string;
  description: string;
  status: TicketStatus;
  type: TicketType | null;
  priority: TicketPriority | null;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  groupId: number | null;
  organizationId: number | null;
  problemId: number | null;
  followupSourceId: number | null;
  dueAt: number | null;
  externalId: string | null;
  via: Via;
  tags: string[];
  customFields: Record<string, unknown>;
  isPublic: boolean;
  createdAt: number;
  updatedAt: number;
  assignedAt: number | null;
  initiallyAssignedAt: number | null;
  firstSolvedAt: number | null;
  solvedAt: number | null;
  statusUpdatedAt: number;
  requesterUpdatedAt: number | null;
  assigneeUpdatedAt: number | null;
  formId: number | null;
};

export type TicketRow = Omit<TicketsTable, 'id' | 'account_id' | 'deleted_at' | 'ticket_form_id'> & { id: number; ticket_form_id: number | null };

export const ticketColumns = [
  'tickets.id', 'tickets.nice_id', 'tickets.subject', 'tickets.description', 'tickets.status', 'tickets.type',
  'tickets.priority', 'tickets.requester_id', 'tickets.submitter_id', 'tickets.assignee_id', 'tickets.group_id',
  'tickets.organization_id', 'tickets.problem_id', 'tickets.followup_source_id', 'tickets.due_at', 'tickets.external_id',
  'tickets.via_channel', 'tickets.via_source', 'tickets.tags', 'tickets.custom_fields', 'tickets.is_public',
  'tickets.created_at', 'tickets.updated_at', 'tickets.assigned_at', 'tickets.initially_assigned_at',
  'tickets.first_solved_at', 'tickets.solved_at', 'tickets.status_updated_at', 'tickets.requester_updated_at',
  'tickets.assignee_updated_at', 'tickets.ticket_form_id',
] as const;

/** Tickets the actor may see, with every column a record needs. */
export function queryVisibleTickets(ctx: Ctx, options: { deleted?: boolean } = {}) {
  return ctx.db.selectFrom('tickets').select(ticketColumns).where(visibleTickets(ctx, options));
}

export function toTicket(r: TicketRow): TicketRecord {
  return {
    id: r.id,
    niceId: r.nice_id,
    subject: r.subject,
    description: r.description,
    status: r.status,
    type: r.type,
    priority: r.priority,
    requesterId: r.requester_id,
    submitterId: r.submitter_id,
    assigneeId: r.assignee_id,
    groupId: r.group_id,
    organizationId: r.organization_id,
    problemId: r.problem_id,
    followupSourceId: r.followup_source_id,
    dueAt: r.due_at,
    externalId: r.external_id,
    via: { channel: r.via_channel, source: JSON.parse(r.via_source) as Record<string, unknown> },
    tags: parseStringList(r.tags),
    customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
    isPublic: r.is_public === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    assignedAt: r.assigned_at,
    initiallyAssignedAt: r.initially_assigned_at,
    firstSolvedAt: r.first_solved_at,
    solvedAt: r.solved_at,
    statusUpdatedAt: r.status_updated_at,
    requesterUpdatedAt: r.requester_updated_at,
    assigneeUpdatedAt: r.assignee_updated_at,
    formId: r.ticket_form_id,
  };
}

/**
 * Tickets are addressed by their number (nice_id) in the API, as Zendesk's ids are
 * what people see; the row id stays internal.
 */
export async function findVisibleTicket(ctx: Ctx, niceId: number): Promise<TicketRecord | null> {
  const row = await queryVisibleTickets(ctx).where('tickets.nice_id', '=', niceId).executeTakeFirst();
  return row ? toTicket(row) : null;
}

/** A per-account sequence's latest number (0 before its first). */
export async function currentSequence(ctx: Ctx, name: string): Promise<number> {
  const row = await ctx.db.selectFrom('account_sequences').select('value').where('account_id', '=', ctx.account.id).where('name', '=', name).executeTakeFirst();
  return row?.value ?? 0;
}

/** Takes the next number of a per-account sequence, starting at 1. */
export async function nextSequence(ctx: Ctx, name: string): Promise<number> {
  const bumped = await ctx.db
    .updateTable('account_sequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('account_id', '=', ctx.account.id)
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst();
  if (bumped) {
    return bumped.value;
  }
  await ctx.db
    .insertInto('account_sequences')
    .values({ account_id: ctx.account.id, name, value: 0 })
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .execute();
  return nextSequence(ctx, name);
}

export async function replaceTags(ctx: Ctx, ticketId: number, tags: string[]): Promise<void> {
  await ctx.db.deleteFrom('ticket_tags').where('account_id', '=', ctx.account.id).where('ticket_id', '=', ticketId).execute();
  if (tags.length > 0) {
    await ctx.db
      .insertInto('ticket_tags')
      .values(tags.map((tag) => ({ account_id: ctx.account.id, ticket_id: ticketId, tag })))
      .execute();
  }
}

export async function listCollaborators(ctx: Ctx, ticketId: number, kind: 'cc' | 'follower'): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('ticket_collaborators')
    .select('user_id')
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', kind)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function replaceCollaborators(ctx: Ctx, ticketId: number, kind: 'cc' | 'follower', userIds: number[]): Promise<void> {
  await ctx.db
    .deleteFrom('ticket_collaborators')
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', kind)
    .execute();
  if (userIds.length > 0) {
    await ctx.db
      .insertInto('ticket_collaborators')
      .values(userIds.map((user_id) => ({ account_id: ctx.account.id, ticket_id: ticketId, kind, user_id })))
      .execute();
  }
}
