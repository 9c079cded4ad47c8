import { useTranslation } from 'react-i18next';
import type { Choice, Definition } from '../types';

/**
 * Names for what the definitions endpoints return as stable words: subjects, operators and
 * built-in values are translated here; the account's own things arrive with their titles.
 */
export function useRuleLabels() {
  const { t } = useTranslation();
  const p = 'admin.rules';
  return {
    subject: (d: Pick<Definition, 'subject' | 'title'>, side: 'condition' | 'action' = 'condition'): string =>
      d.title ?? t(side === 'action' ? [`${p}.actionSubjects.${d.subject}`, `${p}.subjects.${d.subject}`] : [`${p}.subjects.${d.subject}`], { defaultValue: d.subject }),
    operator: (operator: string, d?: Pick<Definition, 'type' | 'subject'>): string =>
      t([...(d ? [`${p}.operatorsBySubject.${d.subject}.${operator}`, `${p}.operatorsByType.${d.type}.${operator}`] : []), `${p}.operators.${operator}`], { defaultValue: operator }),
    value: (subject: string, c: Choice): string =>
      c.title ?? t([`${p}.valuesBySubject.${subject}.${c.value || 'none'}`, `${p}.values.${c.value || 'none'}`], { defaultValue: c.value }),
    group: (group: string): string => t(`${p}.groups.${group}`, { defaultValue: group }),
  };
}

export type RuleLabels = ReturnType<typeof useRuleLabels>;

/** Field choices grouped as the editor's dropdown shows them (ticket, time, requester…). */
export function groupedSubjects(definitions: Definition[], labels: RuleLabels, side: 'condition' | 'action') {
  const groups = [...new Set(definitions.map((d) => d.group))];
  return groups.map((g) => ({
    label: labels.group(g),
    title: g,
    options: definitions.filter((d) => d.group === g).map((d) => ({ value: d.subject, label: labels.subject(d, side) })),
  }));
}
