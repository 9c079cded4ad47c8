import { actorUserId, type Ctx, inTransaction } from '../../context.js';
import { dialectOf, isUniqueViolation } from '../../db/helpers.js';
import type { TicketStatus } from '../../db/schema.js';
import { type FieldErrors, fieldError, forbidden, invalidField, invalidFields, KefuError, notFound } from '../../platform/errors.js';
import { type Message, msg } from '../../platform/messages.js';
import { htmlFromPlain, plainFromHtml, sanitizeRichText } from '../../platform/rich-text.js';
import { attachUploads } from '../attachments/service.js';
import { recordTicketEvent } from '../realtime/events.js';
import { findGroup, listMembershipsOfUser } from '../groups/repo.js';
import { findOrganization } from '../organizations/repo.js';
import { createUser } from '../users/operations/create-user.js';
import { findUser, findUserIdByEmail, findUsers } from '../users/repo.js';
import { listCollaborators, nextSequence, queryVisibleTickets, replaceCollaborators, replaceTags, ticketColumns, type TicketRecord, toTicket, type Via } from './repo.js';
import type { CommentInput, TicketCreateInput, TicketUpdateInput } from './schema.js';
import { indexTicket, indexTicketScope } from './search-index.js';
import { canBeSolvedByRequester, decideStatus, type StatusInput } from './status-rules.js';
import { type FiredRule, newDraft, type Notification, type RuleRef } from '../../rules/apply-actions.js';
import { sendNotifications } from '../../rules/notify.js';
import { runTriggers } from '../../rules/run-triggers.js';
import type { TicketState } from '../../rules/ticket-state.js';
import { updateSlaTimers } from '../sla/timers.js';
import { applyTicketFieldValues } from '../custom-fields/ticket-values.js';
import { rememberMessageId } from '../email/threading.js';
import { notifyAgents } from '../notifications/notify-agents.js';

type RuleVia = { via?: { channel: 'rule'; source: { from: { id: number; title: string }; rel: RuleRef['kind'] } } };

export type AuditEvent =
  | ({ type: 'Create'; field: string; value: unknown } & RuleVia)
  | ({ type: 'Change'; field: string; value: unknown; previous_value: unknown } & RuleVia)
  | { type: 'Comment'; id: number; public: boolean; author_id: number; body: string; html_body: string; attachments: { id: number; file_name: string; content_type: string; size: number }[] }
  | { type: 'FollowUp'; source_id: number }
  | { type: 'SlaBreach'; metric: string; policy_id: number; breach_at: string };

export type TicketChangeResult = { ticket: TicketRecord; auditId: number | null; commentId: number | null };

/** The change one request (or rule, or channel) makes to a ticket. */
export type TicketChange = TicketUpdateInput & {
  /** Create only: who asked, and who typed it in. */
  submitterId?: number;
  followupSourceId?: number;
  description?: string;
  requester?: TicketCreateInput['requester'];
  /** true deletes (softly, restorable for 30 days); false restores a deleted ticket. */
  deleted?: boolean;
  /** Closing this ticket because it is merged into another. */
  merging?: boolean;
  /** Rules already applied to this change (a macro, an automation), named in its audit. */
  appliedRules?: FiredRule[];
  /** Notifications those rules asked for, sent with the change's own. */
  notifications?: Notification[];
  /** The Message-ID of the mail this change comes from, remembered before notifications thread to it. */
  emailMessageId?: string;
  /** Create only: the group a channel routes new tickets to (a support address's), whoever writes in. */
  channelGroupId?: number | null;
  /** Events Kefu itself records on the ticket (an SLA breach), which triggers can react to. */
  systemEvents?: Extract<AuditEvent, { type: 'SlaBreach' }>[];
};

type Options = {
  via: Via;
  /** Where field errors point: `ticket` for the API, `request` for the Requests API. */
  field?: string;
};

const FIELDS = ['subject', 'status', 'type', 'priority', 'requester_id', 'assignee_id', 'group_id', 'organization_id', 'problem_id', 'due_at', 'external_id', 'tags', 'custom_fields', 'ticket_form_id'] as const;
type Field = (typeof FIELDS)[number];
type State = { [K in Field]: unknown };

const agentOnly: (keyof TicketChange)[] = ['deleted', 'merging', 'status', 'type', 'priority', 'assignee_id', 'group_id', 'organization_id', 'problem_id', 'due_at', 'external_id', 'tags', 'additional_tags', 'remove_tags', 'follower_ids', 'requester_id', 'submitterId'];

function stateOf(t: TicketRecord): State {
  return {
    subject: t.subject,
    status: t.status,
    type: t.type,
    priority: t.priority,
    requester_id: t.requesterId,
    assignee_id: t.assigneeId,
    group_id: t.groupId,
    organization_id: t.organizationId,
    problem_id: t.problemId,
    due_at: t.dueAt,
    external_id: t.externalId,
    tags: t.tags,
    custom_fields: t.customFields,
    ticket_form_id: t.formId,
  };
}

/**
 * The one door for ticket changes. Creating a ticket, a reply, an internal note, a
 * property edit, a bulk update, a merge, a channel's message: all of them come here.
 * In one transaction it checks permission, validates references, applies the status
 * rules, writes the ticket, its tags and collaborators, the comment, and one audit whose
 * events record each field's previous and new value.
 *
 * `niceId` null creates a ticket. A requester's reply to a closed ticket creates a
 * follow-up ticket that links back, and that ticket is returned.
 */
export async function changeTicket(ctx: Ctx, niceId: number | null, change: TicketChange, options: Options): Promise<TicketChangeResult> {
  const field = options.field ?? 'ticket';
  const me = actorUserId(ctx);
  if (me === null && ctx.actor.kind !== 'system') {
    throw new KefuError('Unauthorized');
  }
  return inTransaction(ctx, async (tx) => {
    const before = niceId === null ? null : await lockTicket(tx, niceId, change.deleted === false);
    const isAgent = tx.permissions.isAgent || tx.actor.kind === 'system';
    if (change.deleted !== undefined && !tx.permissions.canDeleteTickets && tx.actor.kind !== 'system') {
      throw forbidden('Your role may not delete or restore tickets');
    }
    if (change.merging && !tx.permissions.canMergeTickets && tx.actor.kind !== 'system') {
      throw forbidden('Your role may not merge tickets');
    }
    const onlyDeletion = change.deleted !== undefined && Object.keys(change).every((k) => k === 'deleted');

    // ---- who may change what ----
    if (!isAgent) {
      // The requester may mark their own open request solved (the portal's "this solved my problem").
      const requesterSolves = (k: keyof TicketChange) => k === 'status' && change.status === 'solved' && before !== null && before.requesterId === me && canBeSolvedByRequester(before.status, before.assigneeId);
      const used = agentOnly.filter((k) => change[k] !== undefined && !requesterSolves(k));
      if (used.length > 0) {
        throw forbidden(`Only agents may set ${used.join(', ')}`);
      }
      if (change.comment && change.comment.public === false) {
        throw forbidden('Only agents may add internal notes');
      }
      if (before && change.subject !== undefined) {
        throw forbidden('Only agents may change the subject');
      }
    } else if (before && !tx.permissions.canEditTickets && tx.actor.kind !== 'system') {
      const edits = Object.keys(change).filter((k) => k !== 'comment');
      if (edits.length > 0 || (change.comment && change.comment.public !== false)) {
        throw forbidden('Your role may add internal notes to tickets but not change them or reply publicly');
      }
    }

    if (before?.status === 'closed' && change.comment && !isAgent) {
      return followUp(tx, before, change.comment, options);
    }

    // ---- the new state ----
    const prev: State | null = before ? stateOf(before) : null;
    const next: State = prev ? { ...prev } : {
      subject: '', status: 'new', type: null, priority: null, requester_id: me, assignee_id: null, group_id: null,
      organization_id: null, problem_id: null, due_at: null, external_id: null, tags: [], custom_fields: {}, ticket_form_id: null,
    };
    for (const key of FIELDS) {
      const value = change[key as keyof TicketChange];
      if (value !== undefined && key !== 'tags' && key !== 'custom_fields' && key !== 'due_at' && key !== 'ticket_form_id') {
        next[key] = value;
      }
    }
    if (change.due_at !== undefined) {
      next.due_at = change.due_at === null ? null : Date.parse(change.due_at);
    }
    if (change.tags !== undefined) {
      next.tags = change.tags;
    }
    if (change.additional_tags || change.remove_tags) {
      const removed = new Set(change.remove_tags ?? []);
      next.tags = [...new Set([...(next.tags as string[]), ...(change.additional_tags ?? [])])].filter((t) => !removed.has(t));
    }
    if (!before && change.requester) {
      next.requester_id = await requesterByEmail(tx, change.requester, field);
    }
    if (!before && change.channelGroupId !== undefined && change.channelGroupId !== null && next.group_id === null) {
      next.group_id = change.channelGroupId;
    }
    if (next.requester_id === null) {
      throw invalidField(`${field}.requester_id`, msg('ticket.requester_needed'), 'Required');
    }

    const errors: FieldErrors = {};
    const fail = (f: string, message: Message, code = 'InvalidValue') => (errors[`${field}.${f}`] ??= []).push(fieldError(message, code));
    await checkReferences(tx, before, next, change, fail);

    // ---- status rules ----
    const requesterId = next.requester_id as number;
    const statusInput: StatusInput = {
      current: before?.status ?? null,
      requested: change.status,
      actor: isAgent ? (tx.actor.kind === 'system' ? 'system' : 'agent') : me === requesterId ? 'requester' : 'other-end-user',
      publicComment: Boolean(change.comment && change.comment.public !== false),
      assigned: next.assignee_id !== null,
      assigning: change.assignee_id !== undefined && change.assignee_id !== (before?.assigneeId ?? null) && change.assignee_id !== null,
    };
    const decision: ReturnType<typeof decideStatus> = onlyDeletion ? { ok: true, status: next.status as TicketStatus } : decideStatus({ ...statusInput, merging: Boolean(change.merging) });
    if (!decision.ok) {
      fail('status', decision.reason, 'InvalidTransition');
    } else {
      next.status = decision.status;
    }
    if (!onlyDeletion && !change.merging) {
      const fields = await applyTicketFieldValues(
        tx,
        {
          given: change.custom_fields,
          stored: (prev?.custom_fields ?? {}) as Record<string, unknown>,
          formId: change.ticket_form_id,
          storedFormId: before?.formId ?? null,
          creating: !before,
          solving: next.status === 'solved' && before?.status !== 'solved',
          byAgent: isAgent,
        },
        fail,
      );
      next.custom_fields = fields.values;
      next.ticket_form_id = fields.formId;
    }
    if (Object.keys(errors).length > 0) {
      throw invalidFields(errors);
    }

    // ---- triggers ----
    let ccs = change.collaborator_ids ? [...new Set(change.collaborator_ids)] : null;
    let followers = change.follower_ids ? [...new Set(change.follower_ids)] : null;
    const commentText = change.comment ?? (change.description ? { body: change.description, public: true } : undefined);
    const requestChanges = !prev || JSON.stringify(prev) !== JSON.stringify(next) || ccs !== null || followers !== null || commentText !== undefined || (change.systemEvents?.length ?? 0) > 0;
    const draft = newDraft(next as TicketState);
    draft.notifications.push(...(change.notifications ?? []));
    const fired: FiredRule[] = [...(change.appliedRules ?? [])];
    if (requestChanges && !onlyDeletion && !change.merging) {
      fired.push(
        ...(await runTriggers(tx, draft, {
          previous: prev as TicketState | null,
          ticketVia: before?.via.channel ?? options.via.channel,
          update: {
            type: before ? 'Change' : 'Create',
            via: options.via.channel,
            comment: commentText ? { public: commentText.public !== false, text: commentText.body ?? plainFromHtml(commentText.html_body ?? '') } : null,
            actorRole: isAgent ? 'agent' : 'end_user',
            actorId: me,
            slaBreaches: (change.systemEvents ?? []).map((e) => e.metric),
          },
        })),
      );
      Object.assign(next, draft.state);
      for (const [kind, adds] of [['cc', draft.ccAdds], ['follower', draft.followerAdds]] as const) {
        if (adds.size > 0) {
          const current = (kind === 'cc' ? ccs : followers) ?? (before ? await listCollaborators(tx, before.id, kind) : []);
          const merged = [...new Set([...current, ...adds])];
          if (kind === 'cc') {ccs = merged;} else {followers = merged;}
        }
      }
    }
    const ruleVia = (f: string): RuleVia => {
      const rule = draft.changedBy.get(f);
      return rule ? { via: { channel: 'rule', source: { from: { id: rule.id, title: rule.title }, rel: rule.kind } } } : {};
    };

    // ---- what changed ----
    const events: AuditEvent[] = [];
    for (const key of FIELDS) {
      const was = prev ? prev[key] : undefined;
      if (!prev) {
        if (next[key] !== null && !(Array.isArray(next[key]) && next[key].length === 0) && JSON.stringify(next[key]) !== '{}') {
          events.push({ type: 'Create', field: key, value: next[key], ...ruleVia(key) });
        }
      } else if (JSON.stringify(was) !== JSON.stringify(next[key])) {
        events.push({ type: 'Change', field: key, value: next[key], previous_value: was, ...ruleVia(key) });
      }
    }
    if (before) {
      for (const [kind, list] of [['cc', ccs], ['follower', followers]] as const) {
        if (list) {
          const old = await listCollaborators(tx, before.id, kind);
          if (JSON.stringify(old) !== JSON.stringify([...list].sort((a, b) => a - b))) {
            events.push({ type: 'Change', field: kind === 'cc' ? 'collaborator_ids' : 'follower_ids', value: list, previous_value: old });
          }
        }
      }
    } else {
      if (ccs?.length) {events.push({ type: 'Create', field: 'collaborator_ids', value: ccs });}
      if (followers?.length) {events.push({ type: 'Create', field: 'follower_ids', value: followers });}
    }
    if (before && change.deleted !== undefined) {
      events.push({ type: 'Change', field: 'deleted', value: change.deleted, previous_value: !change.deleted });
    }
    events.push(...(change.systemEvents ?? []));
    if (before && events.length === 0 && !commentText && fired.every((r) => r.kind !== 'trigger' || r.actions.every((a) => a.result === 'skipped'))) {
      return { ticket: before, auditId: null, commentId: null };
    }

    // ---- write ----
    const now = tx.clock.now();
    const comment = commentText ? renderComment(commentText) : null;
    const ticketRowId = await writeTicket(tx, before, next, { now, comment, me, change, via: options.via });
    if (change.emailMessageId) {
      await rememberMessageId(tx, change.emailMessageId, ticketRowId, 'in');
    }
    if (ccs) {await replaceCollaborators(tx, ticketRowId, 'cc', ccs);}
    if (followers) {await replaceCollaborators(tx, ticketRowId, 'follower', followers);}
    if (JSON.stringify(prev?.tags) !== JSON.stringify(next.tags)) {
      await replaceTags(tx, ticketRowId, next.tags as string[]);
    }

    const authorId = me ?? requesterId;
    const audit = await tx.db
      .insertInto('ticket_audits')
      .values({
        account_id: tx.account.id,
        ticket_id: ticketRowId,
        author_id: me,
        via_channel: options.via.channel,
        via_source: JSON.stringify(options.via.source),
        metadata: JSON.stringify({ system: { ip_address: tx.request.ip, user_agent: tx.request.userAgent }, ...(fired.length > 0 ? { rules: fired } : {}) }),
        events: '[]',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let commentId: number | null = null;
    if (comment) {
      const row = await tx.db
        .insertInto('ticket_comments')
        .values({
          account_id: tx.account.id,
          ticket_id: ticketRowId,
          audit_id: audit.id,
          author_id: authorId,
          is_public: comment.public ? 1 : 0,
          html_body: comment.html,
          plain_body: comment.plain,
          via_channel: options.via.channel,
          redacted_at: null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      commentId = row.id;
      const files = commentText?.uploads?.length ? await attachUploads(tx, commentText.uploads, ticketRowId, row.id, field) : [];
      events.unshift({
        type: 'Comment',
        id: row.id,
        public: comment.public,
        author_id: authorId,
        body: comment.plain,
        html_body: comment.html,
        attachments: files.map((f) => ({ id: f.id, file_name: f.file_name, content_type: f.content_type, size: f.size })),
      });
    }
    if (change.followupSourceId !== undefined) {
      events.push({ type: 'FollowUp', source_id: change.followupSourceId });
    }
    if (!before || comment || prev?.subject !== next.subject || prev?.requester_id !== next.requester_id || JSON.stringify(prev?.tags) !== JSON.stringify(next.tags)) {
      await indexTicket(tx, ticketRowId);
    } else if (prev?.status !== next.status || prev?.group_id !== next.group_id || prev?.assignee_id !== next.assignee_id || change.deleted !== undefined) {
      // Who may find it, and the filters search answers from the index, follow these.
      await indexTicketScope(tx, ticketRowId);
    }
    await tx.db.updateTable('ticket_audits').set({ events: JSON.stringify(events) }).where('account_id', '=', tx.account.id).where('id', '=', audit.id).execute();

    const saved = toTicket(
      await tx.db.selectFrom('tickets').select(ticketColumns).where('tickets.account_id', '=', tx.account.id).where('tickets.id', '=', ticketRowId).executeTakeFirstOrThrow(),
    );
    await updateSlaTimers(tx, saved, { comment: comment ? { public: comment.public, byAgent: isAgent && me !== requesterId } : null, created: !before });
    if (draft.notifications.length > 0) {
      await sendNotifications(tx, saved, draft.notifications, { auditId: audit.id, commentId, assignedTo: saved.assigneeId !== (before?.assigneeId ?? null) ? saved.assigneeId : null });
    }
    await notifyAgents(tx, { before, saved, actorId: me, comment: comment ? { plain: comment.plain, public: comment.public } : null, auditId: audit.id });
    await recordTicketEvent(
      tx,
      !before ? 'ticket.created' : change.deleted === true ? 'ticket.deleted' : 'ticket.updated',
      saved,
      comment && commentId !== null ? { id: commentId, public: comment.public, authorId } : null,
    );
    return { ticket: saved, auditId: audit.id, commentId };
  });
}

/** Reads a ticket the actor may see, locked for the rest of the transaction on PostgreSQL. */
async function lockTicket(ctx: Ctx, niceId: number, deleted: boolean): Promise<TicketRecord> {
  let q = queryVisibleTickets(ctx, { deleted }).where('tickets.nice_id', '=', niceId);
  if (dialectOf(ctx.db) === 'postgres') {
    q = q.forUpdate();
  }
  const row = await q.executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return toTicket(row);
}

type RenderedComment = { html: string; plain: string; public: boolean };

function renderComment(c: CommentInput): RenderedComment {
  const html = c.html_body !== undefined ? sanitizeRichText(c.html_body) : htmlFromPlain(c.body ?? '');
  const plain = c.html_body !== undefined ? plainFromHtml(html) : (c.body ?? '').trim();
  if (plain.length === 0) {
    throw invalidField('comment.body', msg('ticket.empty_comment'), 'Blank');
  }
  return { html, plain, public: c.public !== false };
}

async function requesterByEmail(ctx: Ctx, requester: NonNullable<TicketChange['requester']>, field: string): Promise<number> {
  const existing = await findUserIdByEmail(ctx, requester.email);
  if (existing !== null) {
    return existing;
  }
  if (!ctx.permissions.isAgent) {
    throw forbidden();
  }
  // A new customer writing in: Kefu itself creates them, as a channel would.
  const user = await createUser(
    { ...ctx, permissions: { ...ctx.permissions, canManageUsers: true } },
    { name: requester.name ?? requester.email.split('@')[0] ?? requester.email, email: requester.email, role: 'end-user', ...(requester.locale ? { locale: requester.locale } : {}) },
    { field: `${field}.requester` },
  );
  return user.id;
}

async function checkReferences(
  ctx: Ctx,
  before: TicketRecord | null,
  next: State,
  change: TicketChange,
  fail: (field: string, message: Message, code?: string) => void,
): Promise<void> {
  const requester = await findUser(ctx, next.requester_id as number);
  if (!requester) {
    fail('requester_id', msg('common.no_such_user'), 'NotFound');
  }
  if (change.requester_id !== undefined || !before) {
    // The organization follows the requester unless one is given.
    if (change.organization_id === undefined && requester) {
      next.organization_id = requester.organizationId;
    }
  }
  if (next.organization_id !== null && change.organization_id !== undefined && !(await findOrganization(ctx, next.organization_id as number))) {
    fail('organization_id', msg('common.no_such_organization'), 'NotFound');
  }
  if (next.group_id !== null && change.group_id !== undefined && !(await findGroup(ctx, next.group_id as number))) {
    fail('group_id', msg('common.no_such_group'), 'NotFound');
  }
  if (next.assignee_id !== null && change.assignee_id !== undefined) {
    const assignee = await findUser(ctx, next.assignee_id as number);
    if (!assignee || assignee.role === 'end-user' || assignee.suspended) {
      fail('assignee_id', msg('ticket.active_agent'), 'InvalidAssignee');
    } else {
      const groups = (await listMembershipsOfUser(ctx, assignee.id)).map((m) => m.groupId);
      if (next.group_id === null) {
        next.group_id = assignee.defaultGroupId ?? groups[0] ?? null;
      } else if (!groups.includes(next.group_id as number)) {
        fail('assignee_id', msg('ticket.assignee_not_in_group'), 'InvalidAssignee');
      }
    }
  }
  if (next.problem_id !== null && (change.problem_id !== undefined || change.type !== undefined)) {
    if (next.type !== 'incident') {
      fail('problem_id', msg('ticket.problem_for_incidents'), 'InvalidValue');
    } else if (before && next.problem_id === before.niceId) {
      fail('problem_id', msg('ticket.own_problem'), 'InvalidValue');
    } else {
      const problem = await queryVisibleTickets(ctx).where('tickets.nice_id', '=', next.problem_id as number).executeTakeFirst();
      if (!problem || problem.type !== 'problem') {
        fail('problem_id', msg('ticket.not_a_problem'), 'InvalidValue');
      }
    }
  }
  if (next.due_at !== null && next.type !== 'task') {
    fail('due_at', msg('ticket.due_for_tasks'), 'InvalidValue');
  }
  const people = [...(change.collaborator_ids ?? []), ...(change.follower_ids ?? [])];
  if (people.length > 0) {
    const found = new Map((await findUsers(ctx, [...new Set(people)])).map((u) => [u.id, u]));
    for (const id of change.collaborator_ids ?? []) {
      if (!found.has(id)) {fail('collaborator_ids', msg('ticket.no_such_user', { id }), 'NotFound');}
    }
    for (const id of change.follower_ids ?? []) {
      const u = found.get(id);
      if (!u || u.role === 'end-user') {fail('follower_ids', msg('ticket.not_an_agent', { id }), 'InvalidValue');}
    }
  }
}

async function writeTicket(
  ctx: Ctx,
  before: TicketRecord | null,
  next: State,
  w: { now: number; comment: RenderedComment | null; me: number | null; change: TicketChange; via: Via },
): Promise<number> {
  const { now, comment } = w;
  const status = next.status as TicketStatus;
  const assigneeId = next.assignee_id as number | null;
  const requesterId = next.requester_id as number;
  const assignedChanged = assigneeId !== (before?.assigneeId ?? null) && assigneeId !== null;
  const statusChanged = status !== before?.status;
  const values = {
    subject: next.subject as string,
    status,
    type: next.type as TicketRecord['type'],
    priority: next.priority as TicketRecord['priority'],
    requester_id: requesterId,
    assignee_id: assigneeId,
    group_id: next.group_id as number | null,
    organization_id: next.organization_id as number | null,
    problem_id: next.problem_id as number | null,
    due_at: next.due_at as number | null,
    external_id: next.external_id as string | null,
    tags: JSON.stringify(next.tags),
    custom_fields: JSON.stringify(next.custom_fields),
    ticket_form_id: next.ticket_form_id as number | null,
    updated_at: now,
    ...(assignedChanged ? { assigned_at: now } : {}),
    ...(statusChanged ? { status_updated_at: now } : {}),
    ...(statusChanged && status === 'solved' ? { solved_at: now } : {}),
    ...(w.me !== null && w.me === requesterId && comment ? { requester_updated_at: now } : {}),
    ...(w.me !== null && w.me === assigneeId ? { assignee_updated_at: now } : {}),
    ...(w.change.deleted !== undefined ? { deleted_at: w.change.deleted ? now : null } : {}),
  };
  if (before) {
    await ctx.db
      .updateTable('tickets')
      .set({
        ...values,
        ...(assignedChanged && before.initiallyAssignedAt === null ? { initially_assigned_at: now } : {}),
        ...(statusChanged && status === 'solved' && before.firstSolvedAt === null ? { first_solved_at: now } : {}),
      })
      .where('account_id', '=', ctx.account.id)
      .where('id', '=', before.id)
      .execute();
    return before.id;
  }
  const subject = (next.subject as string) || (comment?.plain.split('\n')[0]?.slice(0, 80) ?? '');
  if (!subject) {
    throw invalidField('ticket.subject', msg('field.blank'), 'Blank');
  }
  const niceId = await nextSequence(ctx, 'ticket');
  const row = await ctx.db
    .insertInto('tickets')
    .values({
      account_id: ctx.account.id,
      nice_id: niceId,
      ...values,
      subject,
      description: comment?.plain ?? '',
      submitter_id: w.change.submitterId ?? w.me ?? requesterId,
      followup_source_id: w.change.followupSourceId ?? null,
      via_channel: w.via.channel,
      via_source: JSON.stringify(w.via.source),
      is_public: comment?.public === false ? 0 : 1,
      created_at: now,
      assigned_at: assigneeId !== null ? now : null,
      initially_assigned_at: assigneeId !== null ? now : null,
      first_solved_at: status === 'solved' ? now : null,
      solved_at: status === 'solved' ? now : null,
      status_updated_at: now,
      requester_updated_at: w.me === requesterId ? now : null,
      assignee_updated_at: null,
      deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw invalidField('ticket.external_id', msg('ticket.external_id_taken'), 'DuplicateValue');
      }
      throw error;
    });
  return row.id;
}

/** A requester's reply to a closed ticket opens a follow-up that links back to it. */
async function followUp(ctx: Ctx, closed: TicketRecord, comment: CommentInput, options: Options): Promise<TicketChangeResult> {
  const system: Ctx = { ...ctx, actor: ctx.actor, permissions: { ...ctx.permissions, isAgent: true, canEditTickets: true } };
  return changeTicket(
    system,
    null,
    {
      subject: closed.subject.startsWith('Re: ') ? closed.subject : `Re: ${closed.subject}`,
      requester_id: closed.requesterId,
      group_id: closed.groupId,
      tags: closed.tags,
      followupSourceId: closed.niceId,
      comment: { ...comment, public: true },
    },
    { ...options, via: { channel: options.via.channel, source: { ...options.via.source, rel: 'follow_up' } } },
  );
}
