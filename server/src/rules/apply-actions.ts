import type { Ctx } from '../context.js';
import type { TicketStatus } from '../db/schema.js';
import { findGroup, listMembershipsOfUser } from '../modules/groups/repo.js';
import { pickAgent } from '../modules/routing/pick-agent.js';
import { decideStatus } from '../modules/tickets/status-rules.js';
import { findUser } from '../modules/users/repo.js';
import { cachedFields, checkValue } from '../modules/custom-fields/fields.js';
import { cachedForms } from '../modules/custom-fields/forms.js';
import { renderMessage } from '../platform/messages.js';
import type { Action } from './definitions.js';
import { type TicketState, tagList } from './ticket-state.js';

export type RuleRef = { kind: 'trigger' | 'automation' | 'macro'; id: number; title: string };
export type ActionOutcome = { field: string; value: string | string[]; result: 'applied' | 'skipped'; reason?: string };
export type FiredRule = RuleRef & { actions: ActionOutcome[] };
export type NotificationField = 'notification_user' | 'notification_group' | 'notification_email' | 'notification_webhook';
export type Notification = { rule: RuleRef; field: NotificationField; value: string[] };

/** A ticket being changed by rules: the properties, people to add, what to send, and who did what. */
export type Draft = {
  state: TicketState;
  ccAdds: Set<number>;
  followerAdds: Set<number>;
  notifications: Notification[];
  changedBy: Map<string, RuleRef>;
  comment: { body?: string; html_body?: string; public?: boolean } | null;
};

export function newDraft(state: TicketState): Draft {
  return { state: { ...state, tags: [...state.tags], custom_fields: { ...state.custom_fields } }, ccAdds: new Set(), followerAdds: new Set(), notifications: [], changedBy: new Map(), comment: null };
}

const NOTIFICATIONS = new Set(['notification_user', 'notification_group', 'notification_email', 'notification_webhook']);

/**
 * Applies a rule's actions to the draft. An action that cannot apply (a group that is
 * gone, an assignee outside the group, a status the status rules forbid) is skipped
 * with its reason, never failing the change that fired the rule.
 */
export async function applyActions(ctx: Ctx, draft: Draft, actions: Action[], rule: RuleRef): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  const me = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  const set = (field: keyof TicketState, value: unknown) => {
    (draft.state as Record<string, unknown>)[field] = value;
    draft.changedBy.set(field, rule);
  };
  for (const action of actions) {
    const done = (result: 'applied' | 'skipped' = 'applied', reason?: string) =>
      outcomes.push({ field: action.field, value: action.value, result, ...(reason ? { reason } : {}) });
    if (NOTIFICATIONS.has(action.field)) {
      draft.notifications.push({ rule, field: action.field as NotificationField, value: action.value as string[] });
      done();
      continue;
    }
    const value = String(action.value);
    const person = value === 'current_user' ? me : value === '' ? null : Number(value);
    switch (action.field) {
      case 'status': {
        const decision = decideStatus({
          current: draft.state.status as TicketStatus,
          requested: value as TicketStatus,
          actor: 'system',
          publicComment: false,
          assigned: draft.state.assignee_id !== null,
          assigning: false,
        });
        if (decision.ok) {
          set('status', decision.status);
          done();
        } else {
          done('skipped', renderMessage('en', decision.reason));
        }
        break;
      }
      case 'priority':
      case 'type':
        set(action.field, value === '' ? null : value);
        done();
        break;
      case 'subject':
        set('subject', value);
        done();
        break;
      case 'ticket_form_id':
        if (person !== null && !(await cachedForms(ctx)).some((f) => f.id === person && f.active)) {
          done('skipped', 'no such active form');
          break;
        }
        set('ticket_form_id', person);
        done();
        break;
      case 'group_id': {
        if (person === null) {
          set('group_id', null);
          done();
          break;
        }
        if (!(await findGroup(ctx, person))) {
          done('skipped', 'the group no longer exists');
          break;
        }
        set('group_id', person);
        const assignee = draft.state.assignee_id;
        if (assignee !== null && !(await listMembershipsOfUser(ctx, assignee)).some((m) => m.groupId === person)) {
          // As in Zendesk: moving a ticket to a group its assignee is not in unassigns it.
          set('assignee_id', null);
        }
        done();
        break;
      }
      case 'assignee_id': {
        if (person === null) {
          if (value === 'current_user') {
            done('skipped', 'no current user to assign');
          } else {
            set('assignee_id', null);
            done();
          }
          break;
        }
        const user = await findUser(ctx, person);
        if (!user || user.role === 'end-user' || user.suspended) {
          done('skipped', 'the assignee is not an active agent');
          break;
        }
        const groups = (await listMembershipsOfUser(ctx, person)).map((m) => m.groupId);
        if (draft.state.group_id === null) {
          set('group_id', user.defaultGroupId ?? groups[0] ?? null);
        } else if (!groups.includes(draft.state.group_id)) {
          done('skipped', 'the assignee is not in the ticket’s group');
          break;
        }
        set('assignee_id', person);
        done();
        break;
      }
      case 'route': {
        if (draft.state.group_id === null) {
          done('skipped', 'the ticket has no group to route in');
          break;
        }
        const agent = await pickAgent(ctx, draft.state.group_id, { tags: draft.state.tags });
        if (agent === null) {
          done('skipped', 'no available agent in the group');
        } else {
          set('assignee_id', agent);
          done();
        }
        break;
      }
      case 'set_tags':
        set('tags', [...new Set(tagList(value))]);
        done();
        break;
      case 'current_tags':
        set('tags', [...new Set([...draft.state.tags, ...tagList(value)])]);
        done();
        break;
      case 'remove_tags': {
        const removed = new Set(tagList(value));
        set('tags', draft.state.tags.filter((t) => !removed.has(t)));
        done();
        break;
      }
      case 'cc':
      case 'follower': {
        const user = person === null ? null : await findUser(ctx, person);
        if (!user || (action.field === 'follower' && user.role === 'end-user')) {
          done('skipped', action.field === 'follower' ? 'followers must be agents' : 'no such user');
          break;
        }
        (action.field === 'cc' ? draft.ccAdds : draft.followerAdds).add(user.id);
        done();
        break;
      }
      case 'comment_value':
        draft.comment = { ...draft.comment, body: value };
        done();
        break;
      case 'comment_value_html':
        draft.comment = { ...draft.comment, html_body: value };
        done();
        break;
      case 'comment_mode_is_public':
        draft.comment = { ...draft.comment, public: value === 'true' };
        done();
        break;
      default:
        if (action.field.startsWith('custom_fields_')) {
          const id = action.field.slice('custom_fields_'.length);
          const field = (await cachedFields(ctx, 'ticket')).find((f) => String(f.id) === id && f.active);
          const checked = field ? checkValue(field, field.type === 'multiselect' ? tagList(value) : value, draft.state.custom_fields[id]) : null;
          if (!checked?.ok) {
            done('skipped', checked ? renderMessage('en', checked.reason) : 'no such active field');
            break;
          }
          draft.state.custom_fields = { ...draft.state.custom_fields, [id]: checked.value };
          draft.changedBy.set('custom_fields', rule);
          done();
        } else {
          done('skipped', 'unknown action');
        }
    }
  }
  return outcomes;
}
