import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { usePeople } from '../../api/tickets';
import type { User } from '../../api/types';

type Props = { value?: number[]; onChange?: (ids: number[]) => void; id?: string; placeholder?: string };

/** Search-as-you-type for anyone in the helpdesk (CCs can be customers or staff), chosen by id. */
export function PeopleSelect({ value, onChange, id, placeholder }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  // Ask the server once typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: ['user-search', query],
    enabled: query.length > 0,
    queryFn: async () => (await api<{ users: User[] }>('GET', `/api/v2/users/search?query=${encodeURIComponent(query)}&per_page=20`)).users,
  });
  const chosen = usePeople(value ?? []);
  const label = (u: User) => (u.email ? `${u.name} <${u.email}>` : u.name);
  const options = new Map<number, { value: number; label: string }>();
  for (const u of [...(chosen.data ?? []), ...(query ? (found.data ?? []) : [])]) {
    if (u.id !== null) {
      options.set(u.id, { value: u.id, label: label(u) });
    }
  }
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(ids) => onChange?.(ids)}
      options={[...options.values()]}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      onBlur={() => setTyped('')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : query ? t('tickets.people.noMatch') : t('tickets.people.typeToSearch')}
      placeholder={placeholder}
      labelRender={({ value: v }) => (chosen.data ?? []).find((u) => u.id === v)?.name ?? options.get(Number(v))?.label ?? `#${String(v)}`}
    />
  );
}
