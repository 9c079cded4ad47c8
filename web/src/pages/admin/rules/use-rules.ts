import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Definition, Rule, RuleDefinitions, TriggerCategory } from './types';

export type RuleTable = 'triggers' | 'automations';
export const singular = { triggers: 'trigger', automations: 'automation' } as const;

export const ruleKeys = {
  list: (table: string) => ['admin-rules', table] as const,
  definitions: (table: string) => ['admin-rules', table, 'definitions'] as const,
  categories: ['admin-rules', 'trigger-categories'] as const,
};

/** What the editor may offer for this kind of rule (from the server's validator table). */
export function useDefinitions(table: RuleTable) {
  return useQuery({ queryKey: ruleKeys.definitions(table), queryFn: () => api<RuleDefinitions>('GET', `/api/v2/${table}/definitions`), staleTime: 30_000 });
}

export function useRules(table: RuleTable) {
  return useQuery({ queryKey: ruleKeys.list(table), queryFn: () => api<Record<string, Rule[]>>('GET', `/api/v2/${table}`), select: (d) => d[table] ?? [] });
}

export function useTriggerCategories(enabled: boolean) {
  return useQuery({ queryKey: ruleKeys.categories, queryFn: () => api<{ trigger_categories: TriggerCategory[] }>('GET', '/api/v2/trigger_categories'), enabled, select: (d) => d.trigger_categories });
}

export const emptyDefinitions: Definition[] = [];
