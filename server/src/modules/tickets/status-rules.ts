import type { TicketStatus } from '../../db/schema.js';
import { type Message, msg } from '../../platform/messages.js';

/** What a change asks for and who makes it: the inputs of the status rules. */
export type StatusInput = {
  /** The status before the change; null when the ticket is being created. */
  current: TicketStatus | null;
  /** A status the change sets explicitly, if any. */
  requested: TicketStatus | undefined;
  actor: 'agent' | 'requester' | 'other-end-user' | 'system';
  /** The change adds a public comment. */
  publicComment: boolean;
  /** The ticket has an assignee after the change. */
  assigned: boolean;
  /** The change sets or changes the assignee. */
  assigning: boolean;
  /** The ticket is being merged into another, which closes it whatever its state. */
  merging?: boolean;
};

export type StatusDecision = { ok: true; status: TicketStatus } | { ok: false; reason: Message };

const reopenedByRequester = new Set<TicketStatus>(['pending', 'hold', 'solved']);

/**
 * The ticket status rules, in one place:
 * - only agents (and Kefu itself, for automations) set a status, but a requester may mark
 *   their own assigned request solved;
 * - closed is final: nothing changes it (a reply makes a follow-up ticket instead);
 * - nothing returns to new, and closed is reached only from solved;
 * - new becomes open when the ticket is assigned or an agent answers publicly;
 * - a requester's public reply to a pending, on-hold or solved ticket reopens it;
 * - a ticket can be solved (or closed) only with an assignee;
 * - merging a ticket into another closes it directly (an agent's act).
 */
export function decideStatus(input: StatusInput): StatusDecision {
  const { current, requested, actor } = input;
  if (input.merging && current !== 'closed' && current !== null && (actor === 'agent' || actor === 'system')) {
    return { ok: true, status: 'closed' };
  }
  if (current === 'closed') {
    return { ok: false, reason: msg('ticket.closed') };
  }
  const requesterSolves = actor === 'requester' && requested === 'solved' && current !== null;
  const canSet = actor === 'agent' || actor === 'system' || requesterSolves;
  if (requested !== undefined && requested !== current && !canSet) {
    return { ok: false, reason: msg('ticket.agents_set_status') };
  }

  let next: TicketStatus;
  if (requested !== undefined && canSet) {
    if (requested === 'new' && current !== null && current !== 'new') {
      return { ok: false, reason: msg('ticket.not_back_to_new') };
    }
    if (requested === 'closed' && current !== 'solved') {
      return { ok: false, reason: msg('ticket.close_solved_only') };
    }
    next = requested;
  } else if (current === null) {
    next = input.assigned ? 'open' : 'new';
  } else if (actor === 'requester' && input.publicComment && reopenedByRequester.has(current)) {
    next = 'open';
  } else if (current === 'new' && canSet && (input.assigning || input.publicComment)) {
    next = 'open';
  } else {
    next = current;
  }

  if ((next === 'solved' || next === 'closed') && !input.assigned) {
    return { ok: false, reason: msg('ticket.solve_needs_assignee') };
  }
  return { ok: true, status: next };
}

/** Whether a requester may mark their own request solved now (Zendesk's `can_be_solved_by_me`). */
export const canBeSolvedByRequester = (status: string, assigneeId: number | null): boolean => assigneeId !== null && status !== 'solved' && status !== 'closed' && status !== 'deleted';
