import { actorUserId, type Ctx } from '../../context.js';
import { cachedFields } from '../custom-fields/fields.js';
import { isoTime } from '../../platform/clock.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { TicketRecord } from './repo.js';
import { canBeSolvedByRequester } from './status-rules.js';

/** What a page of tickets needs beside the rows, loaded in one query each. */
export type TicketExtras = { ccs: Map<number, number[]>; followers: Map<number, number[]>; withIncidents: Set<number> };

export async function loadTicketExtras(ctx: Ctx, tickets: TicketRecord[]): Promise<TicketExtras> {
  const extras: TicketExtras = { ccs: new Map(), followers: new Map(), withIncidents: new Set() };
  if (tickets.length === 0) {
    return extras;
  }
  const rows = await ctx.db
    .selectFrom('ticket_collaborators')
    .select(['ticket_id', 'kind', 'user_id'])
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', 'in', tickets.map((t) => t.id))
    .orderBy('user_id')
    .execute();
  for (const r of rows) {
    const map = r.kind === 'cc' ? extras.ccs : extras.followers;
    map.set(r.ticket_id, [...(map.get(r.ticket_id) ?? []), r.user_id]);
  }
  const problems = tickets.filter((t) => t.type === 'problem').map((t) => t.niceId);
  if (problems.length > 0) {
    const linked = await ctx.db
      .selectFrom('tickets')
      .select('problem_id')
      .distinct()
      .where('account_id', '=', ctx.account.id)
      .where('problem_id', 'in', problems)
      .where('deleted_at', 'is', null)
      .execute();
    for (const l of linked) {
      if (l.problem_id !== null) {
        extras.withIncidents.add(l.problem_id);
      }
    }
  }
  return extras;
}

export function presentVia(channel: string, source: Record<string, unknown>) {
  return { channel, source: { from: {}, to: {}, rel: null, ...source } };
}

/** Zendesk's ticket shape; `id` is the ticket's number in its helpdesk. */
export function presentTicket(ctx: Ctx, t: TicketRecord, extras: TicketExtras) {
  const agent = ctx.permissions.isAgent;
  return {
    id: t.niceId,
    url: apiUrl(ctx, `tickets/${t.niceId}`),
    external_id: t.externalId,
    via: presentVia(t.via.channel, t.via.source),
    created_at: isoTime(t.createdAt),
    updated_at: isoTime(t.updatedAt),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    collaborator_ids: extras.ccs.get(t.id) ?? [],
    email_cc_ids: extras.ccs.get(t.id) ?? [],
    follower_ids: agent ? (extras.followers.get(t.id) ?? []) : [],
    problem_id: t.problemId,
    has_incidents: extras.withIncidents.has(t.niceId),
    followup_source_id: t.followupSourceId,
    is_public: t.isPublic,
    due_at: isoTime(t.dueAt),
    tags: agent ? t.tags : [],
    custom_fields: agent ? Object.entries(t.customFields).map(([id, value]) => ({ id: /^\d+$/.test(id) ? Number(id) : id, value })) : [],
    ticket_form_id: t.formId,
    satisfaction_rating: null,
    allow_attachments: true,
  };
}

/** The ticket fields a requester may see on their requests (active and shown in the portal), by id. */
export async function loadPortalFieldIds(ctx: Ctx): Promise<ReadonlySet<string>> {
  return new Set((await cachedFields(ctx, 'ticket')).filter((f) => f.active && f.visibleInPortal).map((f) => String(f.id)));
}

/** The end user's view of their ticket (Zendesk's Request): only the field values the portal shows. */
export function presentRequest(ctx: Ctx, t: TicketRecord, portalFieldIds: ReadonlySet<string>) {
  return {
    id: t.niceId,
    url: apiUrl(ctx, `requests/${t.niceId}`),
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    type: t.type,
    requester_id: t.requesterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    via: presentVia(t.via.channel, t.via.source),
    can_be_solved_by_me: actorUserId(ctx) === t.requesterId && canBeSolvedByRequester(t.status, t.assigneeId),
    ticket_form_id: t.formId,
    custom_fields: Object.entries(t.customFields)
      .filter(([id]) => portalFieldIds.has(id))
      .map(([id, value]) => ({ id: Number(id), value })),
    solved: t.status === 'solved' || t.status === 'closed',
    followup_source_id: t.followupSourceId,
    created_at: isoTime(t.createdAt),
    updated_at: isoTime(t.updatedAt),
  };
}
