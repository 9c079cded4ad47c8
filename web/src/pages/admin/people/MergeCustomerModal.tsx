import { Alert, Form, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import type { Person } from './types';

type MergeForm = { target: number };

/** Merges one customer into another: the source's identities and tickets move to the target, and the source is deleted. */
export function MergeCustomerModal({ source, onClose, onMerged }: { source: Person | null; onClose: () => void; onMerged: (target: Person) => void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Person[]>([]);
  const [searching, setSearching] = useState(false);

  const search = async (text: string) => {
    if (text.trim().length < 1) {
      setOptions([]);
      return;
    }
    setSearching(true);
    try {
      const res = await api<{ users: Person[] }>('GET', `/api/v2/users/search?role=end-user&per_page=20&query=${encodeURIComponent(text.trim())}`);
      setOptions(res.users.filter((u) => u.id !== source?.id));
    } finally {
      setSearching(false);
    }
  };

  const submit = async (v: MergeForm) => {
    const res = await api<{ user: Person }>('PUT', `/api/v2/users/${source?.id}/merge`, { user: { id: v.target } });
    onMerged(res.user);
  };

  return (
    <FormModal<MergeForm>
      title={source ? t('admin.people.merge.title', { name: source.name }) : null}
      open={source !== null}
      onCancel={onClose}
      onSubmit={submit}
      okText={t('admin.people.merge.ok')}
      aliases={{ 'user.id': 'target' }}
    >
      {() => (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('admin.people.merge.warning', { name: source?.name ?? '' })} />
          <Form.Item name="target" label={t('admin.people.merge.target')} rules={[{ required: true, message: t('errors.required') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={(text) => void search(text)}
              notFoundContent={searching ? <Spin size="small" /> : t('admin.people.merge.typeToSearch')}
              placeholder={t('admin.people.merge.placeholder')}
              options={options.map((u) => ({ value: u.id, label: u.email ? `${u.name} · ${u.email}` : u.name }))}
            />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
