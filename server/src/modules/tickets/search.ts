import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { DAY, HOUR, MINUTE } from '../../platform/clock.js';
import { invalidField } from '../../platform/errors.js';
import { msg } from '../../platform/messages.js';
import type { SearchFilter } from '../../platform/search/query.js';

export const ticketFilterKeys = new Set([
  'status', 'priority', 'ticket_type', 'assignee', 'requester', 'submitter', 'group', 'organization', 'tag', 'tags',
  'via', 'created', 'updated', 'solved', 'due_date', 'subject', 'type',
]);

const statusOrder = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const priorityOrder = ['low', 'normal', 'high', 'urgent'] as const;

type Eb = ExpressionBuilder<Database, 'tickets'>;

function ordered(column: 'tickets.status' | 'tickets.priority', order: readonly string[], f: SearchFilter): Expression<SqlBool> {
  const index = order.indexOf(f.value.toLowerCase());
  if (index === -1) {
    throw invalidField('query', msg('ticket.search_order', { key: f.key, values: order }), 'InvalidValue');
  }
  const pick = {
    ':': [order[index] ?? ''],
    '<': order.slice(0, index),
    '<=': order.slice(0, index + 1),
    '>': order.slice(index + 1),
    '>=': order.slice(index),
  }[f.op];
  return pick.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(pick)})`;
}

/** A time filter: a date (2026-01-01), a full ISO time, or an age such as 4hours, 2days. */
function parseTime(ctx: Ctx, value: string, key: string): number {
  const age = /^(\d+)(minute|hour|day|week)s?$/i.exec(value);
  if (age) {
    const unit = { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY }[age[2]?.toLowerCase() as 'minute'];
    return ctx.clock.now() - Number(age[1]) * unit;
  }
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at)) {
    throw invalidField('query', msg('ticket.search_date', { key }), 'InvalidValue');
  }
  return at;
}

function timeFilter(ctx: Ctx, eb: Eb, column: 'tickets.created_at' | 'tickets.updated_at' | 'tickets.solved_at' | 'tickets.due_at', f: SearchFilter): Expression<SqlBool> {
  const at = parseTime(ctx, f.value, f.key);
  const relative = /^\d+[a-z]+$/i.test(f.value);
  // An age reads the other way round: created>4hours means more than 4 hours ago.
  const op = relative ? ({ ':': '>=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const)[f.op] : f.op === ':' ? '>=' : f.op;
  if (f.op === ':' && !relative) {
    return eb.and([eb(column, '>=', at), eb(column, '<', at + DAY)]);
  }
  return eb(column, op, at);
}

/** A person named by me, none, an id, an email or (part of) a name. */
function person(ctx: Ctx, eb: Eb, column: 'tickets.assignee_id' | 'tickets.requester_id' | 'tickets.submitter_id', value: string): Expression<SqlBool> {
  const v = value.toLowerCase();
  if (v === 'me') {
    return eb(column, '=', ctx.actor.kind === 'user' ? ctx.actor.user.id : 0);
  }
  if (v === 'none') {
    return eb(column, 'is', null);
  }
  if (/^\d+$/.test(v)) {
    return eb(column, '=', Number(v));
  }
  const people = eb
    .selectFrom('users')
    .select('users.id')
    .where('users.account_id', '=', ctx.account.id)
    .where((u) =>
      v.includes('@')
        ? u.exists(u.selectFrom('user_identities').select('user_identities.id').whereRef('user_identities.user_id', '=', 'users.id').where('user_identities.account_id', '=', ctx.account.id).where('user_identities.value', '=', v))
        : u(sql`lower(users.name)`, '=', v),
    );
  return eb(column, 'in', people);
}

function named(ctx: Ctx, eb: Eb, column: 'tickets.group_id' | 'tickets.organization_id', table: 'groups' | 'organizations', value: string): Expression<SqlBool> {
  if (value.toLowerCase() === 'none') {
    return eb(column, 'is', null);
  }
  if (/^\d+$/.test(value)) {
    return eb(column, '=', Number(value));
  }
  return eb(column, 'in', eb.selectFrom(table).select(`${table}.id`).where(`${table}.account_id`, '=', ctx.account.id).where(sql`lower(${sql.ref(`${table}.name`)})`, '=', value.toLowerCase()));
}

/** One search filter as a condition on `tickets`. */
export function ticketFilter(ctx: Ctx, f: SearchFilter) {
  return (eb: Eb): Expression<SqlBool> => {
    const condition = ((): Expression<SqlBool> => {
      switch (f.key) {
        case 'status':
          return ordered('tickets.status', statusOrder, f);
        case 'priority':
          return ordered('tickets.priority', priorityOrder, f);
        case 'ticket_type':
          return eb('tickets.type', '=', f.value.toLowerCase() as 'question');
        case 'assignee':
          return person(ctx, eb, 'tickets.assignee_id', f.value);
        case 'requester':
          return person(ctx, eb, 'tickets.requester_id', f.value);
        case 'submitter':
          return person(ctx, eb, 'tickets.submitter_id', f.value);
        case 'group':
          return named(ctx, eb, 'tickets.group_id', 'groups', f.value);
        case 'organization':
          return named(ctx, eb, 'tickets.organization_id', 'organizations', f.value);
        case 'tag':
        case 'tags':
          return eb.exists(
            eb
              .selectFrom('ticket_tags')
              .select('ticket_tags.tag')
              .whereRef('ticket_tags.account_id', '=', 'tickets.account_id')
              .whereRef('ticket_tags.ticket_id', '=', 'tickets.id')
              .where('ticket_tags.tag', '=', f.value.toLowerCase()),
          );
        case 'via':
          return eb('tickets.via_channel', '=', f.value.toLowerCase());
        case 'created':
          return timeFilter(ctx, eb, 'tickets.created_at', f);
        case 'updated':
          return timeFilter(ctx, eb, 'tickets.updated_at', f);
        case 'solved':
          return timeFilter(ctx, eb, 'tickets.solved_at', f);
        case 'due_date':
          return timeFilter(ctx, eb, 'tickets.due_at', f);
        default:
          throw invalidField('query', msg('ticket.search_filter', { key: f.key }), 'InvalidValue');
      }
    })();
    return f.negate ? eb.not(condition) : condition;
  };
}
