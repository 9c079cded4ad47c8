import type { TFunction } from 'i18next';
import type { AuditEvent, FiredRule } from '../../api/tickets';
import { displayValue, fieldTitle } from '../../components/custom-fields/labels';
import type { TicketField, TicketForm } from '../../components/custom-fields/types';

/** What the history needs to name things: people, groups, forms and fields by id. */
export type Names = {
  person: (id: number) => string;
  group: (id: number) => string;
  form: (id: number) => string;
  fields: Map<number, TicketField>;
  forms?: TicketForm[];
  language: string;
};

/** One line of an audit: a field's name, what it was and what it became (both read aloud). */
export type ChangeLine = { key: string; label: string; from: string | null; to: string; rule: string | null };

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

/** A property's value in words: statuses and priorities translated, ids named. */
function valueText(field: string, value: unknown, t: TFunction, names: Names): string {
  const none = t('tickets.none');
  if (isEmpty(value)) {
    return none;
  }
  switch (field) {
    case 'status':
      return t(`tickets.statuses.${String(value)}`);
    case 'priority':
      return t(`tickets.priorities.${String(value)}`);
    case 'type':
      return t(`tickets.types.${String(value)}`);
    case 'assignee_id':
    case 'requester_id':
      return names.person(Number(value));
    case 'group_id':
      return names.group(Number(value));
    case 'ticket_form_id':
      return names.form(Number(value));
    case 'organization_id':
      return `#${String(value)}`;
    case 'problem_id':
      return `#${String(value)}`;
    case 'collaborator_ids':
    case 'follower_ids':
      return ids(value).map(names.person).join('、');
    case 'tags':
      return Array.isArray(value) ? value.map(String).join(' ') : String(value);
    case 'deleted':
      return value === true ? t('tickets.history.deletedYes') : t('tickets.history.deletedNo');
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** The lines one Create or Change event makes: custom fields give one line per answer that moved. */
export function changeLines(event: Extract<AuditEvent, { type: 'Create' | 'Change' }>, t: TFunction, names: Names): ChangeLine[] {
  const rule = event.via ? t(`tickets.history.byRule.${event.via.source.rel}`, { title: event.via.source.from.title }) : null;
  const previous = event.type === 'Change' ? event.previous_value : undefined;
  if (event.field === 'custom_fields') {
    const now = (event.value ?? {}) as Record<string, unknown>;
    const was = (previous ?? {}) as Record<string, unknown>;
    const words = { yes: t('customFields.yes'), no: t('customFields.no'), empty: t('tickets.none') };
    return [...new Set([...Object.keys(was), ...Object.keys(now)])]
      .filter((id) => JSON.stringify(was[id] ?? null) !== JSON.stringify(now[id] ?? null))
      .map((id) => {
        const field = names.fields.get(Number(id));
        return {
          key: `cf-${id}`,
          label: field ? fieldTitle(field, names.language) : t('tickets.history.unknownField', { id }),
          from: event.type === 'Change' ? displayValue(field, was[id], words) : null,
          to: displayValue(field, now[id], words),
          rule,
        };
      });
  }
  return [
    {
      key: event.field,
      label: t(`tickets.history.fields.${event.field}`, { defaultValue: event.field }),
      from: event.type === 'Change' ? valueText(event.field, previous, t, names) : null,
      to: valueText(event.field, event.value, t, names),
      rule,
    },
  ];
}

/** Whom a rule's notification went to, in words (the requester, the assignee, a group, an address). */
export function notificationLines(rules: FiredRule[] | undefined, t: TFunction, names: Names): { key: string; text: string }[] {
  return (rules ?? []).flatMap((rule) =>
    rule.actions
      .filter((a) => a.result === 'applied' && a.field.startsWith('notification_'))
      .map((a, i) => {
        const target = Array.isArray(a.value) ? String(a.value[0] ?? '') : a.value;
        const who =
          a.field === 'notification_webhook'
            ? t('tickets.history.webhook')
            : a.field === 'notification_email'
              ? target
              : a.field === 'notification_group'
                ? target === 'group_id'
                  ? t('tickets.history.recipients.group_id')
                  : names.group(Number(target))
                : ['requester_id', 'assignee_id', 'current_user', 'requester_and_ccs'].includes(target)
                  ? t(`tickets.history.recipients.${target}`)
                  : names.person(Number(target));
        return { key: `${rule.kind}-${rule.id}-${i}`, text: t('tickets.history.notified', { who, rule: rule.title }) };
      }),
  );
}
