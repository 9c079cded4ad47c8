import type { TFunction } from 'i18next';
import type { FieldErrors } from '../../../../api/client';
import type { RowErrors } from '../types';

/**
 * The server names a bad part of a rule by path: `trigger.conditions.all[0].value` from the
 * rules validator, `view.conditions.all.0.value` from zod. This sorts them onto the builder rows,
 * the condition groups and the plain form fields, in the reader's language where the code is known.
 */
export type SortedErrors = {
  conditions: RowErrors;
  /** Errors about a whole group (`all`, `any`) or the conditions as a whole (`''`). */
  conditionGroups: Record<string, string>;
  actions: RowErrors;
  actionsWhole: string | null;
  fields: Record<string, string>;
};

const ROW = /^(all|any)\.(\d+)(?:\.(field|operator|value))?$/;
const ACTION_ROW = /^(\d+)(?:\.(field|value))?/;

const KNOWN = [
  [/must be a number of hours/, 'hours'],
  [/must not be empty/, 'empty'],
  [/must be an email address/, 'email'],
  [/must be an id/, 'id'],
  [/must be one of/, 'oneOf'],
  [/must be \[/, 'notification'],
] as const;

export function messageOf(t: TFunction, e: { description: string; error: string }): string {
  const plain = e.description.replace(/^[\w.[\]]+: /, '');
  const known = t(`admin.rules.errors.${e.error}`, { defaultValue: '' });
  if (known) {
    return known;
  }
  const hint = KNOWN.find(([re]) => re.test(plain));
  return hint ? t(`admin.rules.errors.hint.${hint[1]}`) : plain;
}

export function sortErrors(t: TFunction, details: FieldErrors, root: string, conditionsKey = 'conditions'): SortedErrors {
  const out: SortedErrors = { conditions: {}, conditionGroups: {}, actions: {}, actionsWhole: null, fields: {} };
  for (const [raw, list] of Object.entries(details)) {
    const message = list.map((e) => messageOf(t, e)).join('；');
    const path = raw.replace(/\[(\d+)\]/g, '.$1').replace(new RegExp(`^${root}\\.`), '');
    if (path === conditionsKey || path.startsWith(`${conditionsKey}.`)) {
      const rest = path.slice(conditionsKey.length + 1);
      const row = ROW.exec(rest);
      if (row) {
        const key = `${row[1]}.${row[2]}`;
        out.conditions[key] = { ...out.conditions[key], [row[3] ?? 'value']: message };
      } else {
        out.conditionGroups[rest.split('.')[0] ?? ''] = message;
      }
      continue;
    }
    if (path === 'actions' || path.startsWith('actions.')) {
      const row = ACTION_ROW.exec(path.slice('actions.'.length));
      if (row && path !== 'actions') {
        const key = row[1] ?? '0';
        out.actions[key] = { ...out.actions[key], [row[2] ?? 'value']: message };
      } else {
        out.actionsWhole = message;
      }
      continue;
    }
    out.fields[path] = message;
  }
  return out;
}

/** Everything the rows cannot show, for an alert above the form. */
export function leftoverMessage(sorted: SortedErrors, shown: string[]): string | null {
  const rest = Object.entries(sorted.fields).filter(([k]) => !shown.includes(k));
  return rest.length ? rest.map(([, m]) => m).join('；') : null;
}
