import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { Choice } from '../types';

type Named = { id: number; name: string };

const sources = {
  user: { search: (q: string) => `/api/v2/users/autocomplete?name=${encodeURIComponent(q)}`, one: (id: string) => `/api/v2/users/${id}`, list: 'users', item: 'user' },
  organization: { search: (q: string) => `/api/v2/organizations/autocomplete?name=${encodeURIComponent(q)}`, one: (id: string) => `/api/v2/organizations/${id}`, list: 'organizations', item: 'organization' },
} as const;

/** A person or organization picked by typing part of the name; accounts hold too many to list. */
export function RemoteSelect({ kind, value, onChange, words, wordLabel, status }: { kind: 'user' | 'organization'; value: string; onChange: (v: string) => void; words: Choice[]; wordLabel: (c: Choice) => string; status?: 'error' }) {
  const { t } = useTranslation();
  const source = sources[kind];
  const [query, setQuery] = useState('');
  const found = useQuery({
    queryKey: ['rules-remote', kind, query],
    queryFn: () => api<Record<string, Named[]>>('GET', source.search(query)),
    enabled: query.trim().length >= 2,
  });
  const current = useQuery({
    queryKey: ['rules-remote-one', kind, value],
    queryFn: () => api<Record<string, Named>>('GET', source.one(value)),
    enabled: /^\d+$/.test(value),
    staleTime: 60_000,
  });
  const named = [...(current.data?.[source.item] ? [current.data[source.item] as Named] : []), ...(found.data?.[source.list] ?? [])];
  const options = [
    ...words.map((w) => ({ value: w.value, label: wordLabel(w) })),
    ...[...new Map(named.map((n) => [n.id, n])).values()].map((n) => ({ value: String(n.id), label: n.name })),
  ];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value === '' && !words.some((w) => w.value === '') ? undefined : value}
      onChange={onChange}
      options={options}
      loading={found.isFetching}
      placeholder={t('admin.rules.builder.typeToSearch')}
      notFoundContent={query.trim().length < 2 ? t('admin.rules.builder.typeToSearch') : t('admin.rules.builder.nothingFound')}
      status={status}
      style={{ width: '100%' }}
    />
  );
}
