import { HOUR } from '../platform/clock.js';
import { type Condition, type Conditions, HOURS_FIELDS, PERSON_FIELD, UNTIL_FIELDS } from './definitions.js';
import { PRIORITIES, STATUSES, type TicketState, tagList } from './ticket-state.js';

/** What one update is, for the conditions only triggers can test. */
export type UpdateFacts = {
  type: 'Create' | 'Change';
  via: string;
  comment: { public: boolean; text: string } | null;
  actorRole: 'end_user' | 'agent';
  actorId: number | null;
  /** SLA metrics whose breach this change records. */
  slaBreaches?: string[];
};

export type TicketTimes = {
  created_at: number;
  updated_at: number;
  assigned_at: number | null;
  requester_updated_at: number | null;
  assignee_updated_at: number | null;
  status_updated_at: number;
  solved_at: number | null;
  due_at: number | null;
  sla_next_breach_at: number | null;
};

/** Everything a condition may read about a ticket. */
export type Facts = {
  now: number;
  ticket: TicketState;
  /** The ticket before this update (null when it is being created); triggers only. */
  previous: TicketState | null;
  ticketVia: string;
  times: TicketTimes | null;
  update: UpdateFacts | null;
  withinBusinessHours: (() => boolean) | null;
  /** The requester's and organization's custom field values, when a rule needs them. */
  people?: { requester: Record<string, unknown>; organization: Record<string, unknown> };
};

function read(state: TicketState, field: string, facts?: Facts): unknown {
  const person = PERSON_FIELD.exec(field);
  if (person) {
    const values = person[1] === 'requester' ? facts?.people?.requester : facts?.people?.organization;
    return values?.[person[2] ?? ''] ?? null;
  }
  if (field.startsWith('custom_fields_')) {
    return state.custom_fields[field.slice('custom_fields_'.length)] ?? null;
  }
  return (state as Record<string, unknown>)[field] ?? null;
}

/** A stored value and a rule's value compare as text; "" means nothing set. */
function same(stored: unknown, value: string, facts: Facts): boolean {
  if (value === 'current_user') {
    return stored !== null && stored === facts.update?.actorId;
  }
  if (stored === null || stored === undefined || stored === '') {
    return value === '';
  }
  if (Array.isArray(stored)) {
    return stored.map(String).includes(value);
  }
  return (typeof stored === 'string' || typeof stored === 'number' || typeof stored === 'boolean' ? String(stored) : JSON.stringify(stored)) === value;
}

function ordered(field: string, stored: unknown, value: string, operator: string): boolean {
  const order: readonly string[] = field === 'status' ? STATUSES : PRIORITIES;
  const a = order.indexOf(String(stored));
  const b = order.indexOf(value);
  if (a < 0 || b < 0) {
    return false;
  }
  return operator === 'less_than' ? a < b : a > b;
}

function includesWord(text: string, value: string): boolean {
  const haystack = text.toLowerCase();
  // Chinese has no spaces between words, so each listed word is matched as a substring.
  return value
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .some((word) => haystack.includes(word));
}

function hoursCondition(c: Condition, facts: Facts): boolean {
  const t = facts.times;
  if (!t) {
    return false;
  }
  let hours: number;
  if (c.field in UNTIL_FIELDS) {
    const at = t[UNTIL_FIELDS[c.field as keyof typeof UNTIL_FIELDS]];
    if (at === null) {
      return false;
    }
    hours = (at - facts.now) / HOUR;
  } else {
    const spec = HOURS_FIELDS[c.field as keyof typeof HOURS_FIELDS];
    const at = t[spec.column];
    if (at === null || (spec.status !== null && facts.ticket.status !== spec.status)) {
      return false;
    }
    hours = (facts.now - at) / HOUR;
  }
  const limit = Number(c.value);
  // "is 24" holds during the 24th hour, as Zendesk counts whole hours.
  return c.operator === 'is' ? Math.floor(hours) === limit : c.operator === 'less_than' ? hours < limit : hours > limit;
}

export function conditionHolds(c: Condition, facts: Facts): boolean {
  const { ticket, previous, update } = facts;
  switch (c.field) {
    case 'current_tags': {
      const has = tagList(c.value).some((tag) => ticket.tags.includes(tag));
      return c.operator === 'includes' ? has : !has;
    }
    case 'subject_includes_word': {
      const has = includesWord(ticket.subject, c.value);
      return c.operator === 'includes' ? has : !has;
    }
    case 'via_id':
      return (facts.ticketVia === c.value) === (c.operator === 'is');
    case 'update_type':
      return update?.type === c.value;
    case 'current_via_id':
      return update !== null && (update.via === c.value) === (c.operator === 'is');
    case 'comment_is_public':
      if (!update?.comment) {
        return false;
      }
      return c.value === 'not_relevant' || String(update.comment.public) === c.value;
    case 'comment_includes_word': {
      const has = update?.comment ? includesWord(update.comment.text, c.value) : false;
      return c.operator === 'includes' ? has : !has;
    }
    case 'role':
      return update !== null && (update.actorRole === c.value) === (c.operator === 'is');
    case 'sla_metric_breached':
      return (update?.slaBreaches ?? []).some((m) => c.value === 'any' || m === c.value);
    case 'within_business_hours':
      return facts.withinBusinessHours !== null && facts.withinBusinessHours() === (c.value === 'true');
    default:
      break;
  }
  if (c.field in HOURS_FIELDS || c.field in UNTIL_FIELDS) {
    return hoursCondition(c, facts);
  }
  const now = read(ticket, c.field, facts);
  const before = previous ? read(previous, c.field, facts) : null;
  const changed = previous === null ? now !== null : JSON.stringify(now) !== JSON.stringify(before);
  switch (c.operator) {
    case 'is':
      return same(now, c.value, facts);
    case 'is_not':
      return !same(now, c.value, facts);
    case 'less_than':
    case 'greater_than':
      return ordered(c.field, now, c.value, c.operator);
    case 'present':
      return now !== null && now !== '';
    case 'not_present':
      return now === null || now === '';
    case 'changed':
      return changed;
    case 'not_changed':
      return !changed;
    case 'value':
      return changed && same(now, c.value, facts);
    case 'not_value':
      return changed && !same(now, c.value, facts);
    case 'value_previous':
      return changed && same(before, c.value, facts);
    case 'not_value_previous':
      return changed && !same(before, c.value, facts);
    default:
      return false;
  }
}

/** Every `all` condition holds, and at least one `any` when there are any. */
export function conditionsHold(conditions: Conditions, facts: Facts): boolean {
  return conditions.all.every((c) => conditionHolds(c, facts)) && (conditions.any.length === 0 || conditions.any.some((c) => conditionHolds(c, facts)));
}
