import { Form, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGroups } from './use-groups';

const labels = {
  views: { title: 'admin.rules.views.visibility', everyone: 'admin.rules.views.everyone', groups: 'admin.rules.views.group', personal: 'admin.rules.views.me' },
  macros: { title: 'admin.rules.macros.availability', everyone: 'admin.rules.macros.everyone', groups: 'admin.rules.macros.groups', personal: 'admin.rules.macros.personal' },
} as const;

/**
 * Who sees a view or may use a macro: everyone, some groups (picked beside it), or only its
 * author. The form's `audience` and `group_ids` fields; `personalOnly` for an agent, whose
 * own items are the only ones they may write.
 */
export function AudienceField({ kind, personalOnly = false }: { kind: keyof typeof labels; personalOnly?: boolean }) {
  const { t } = useTranslation();
  const groups = useGroups(!personalOnly);
  const audience: unknown = Form.useWatch('audience', Form.useFormInstance());
  const l = labels[kind];
  return (
    <Form.Item label={t(l.title)} required>
      <Space wrap align="start">
        <Form.Item name="audience" style={{ marginBottom: 0 }}>
          <Radio.Group
            optionType="button"
            disabled={personalOnly}
            options={[
              { value: 'everyone', label: t(l.everyone) },
              { value: 'groups', label: t(l.groups) },
              { value: 'personal', label: t(l.personal) },
            ]}
          />
        </Form.Item>
        {audience === 'groups' ? (
          <Form.Item name="group_ids" noStyle rules={[{ required: true, type: 'array', min: 1, message: t('errors.required') }]}>
            <Select mode="multiple" style={{ minWidth: 280 }} placeholder={t('admin.rules.macros.groupsPlaceholder')} loading={groups.isLoading} options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} optionFilterProp="label" />
          </Form.Item>
        ) : null}
      </Space>
    </Form.Item>
  );
}
