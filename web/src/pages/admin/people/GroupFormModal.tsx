import { Col, Divider, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import type { Group, GroupRouting } from './types';

type GroupForm = { name: string; description: string; default: boolean; mode: GroupRouting['mode']; max_open: number | null };

const routingModes: GroupRouting['mode'][] = ['round_robin', 'least_open', 'skills'];

/** Creates or edits a group: its name and purpose, whether it is the default, and how its tickets are routed. */
export function GroupFormModal({
  group,
  routing,
  open,
  onClose,
  onSaved,
}: {
  group: Group | null;
  routing: GroupRouting | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const initial: GroupForm = {
    name: group?.name ?? '',
    description: group?.description ?? '',
    default: group?.default ?? false,
    mode: routing?.mode ?? 'round_robin',
    max_open: routing?.max_open ?? null,
  };

  const submit = async (v: GroupForm) => {
    const body = { group: { name: v.name, description: v.description ?? '', ...(v.default !== initial.default ? { default: v.default } : {}) } };
    const saved = group
      ? await api<{ group: Group }>('PUT', `/api/v2/groups/${group.id}`, body)
      : await api<{ group: Group }>('POST', '/api/v2/groups', body);
    // Routing lives beside the group; only written when it differs from what the group had.
    if (v.mode !== initial.mode || (v.max_open ?? null) !== initial.max_open) {
      await api('PUT', `/api/v2/routing/groups/${saved.group.id}`, { group_routing: { mode: v.mode, max_open: v.max_open ?? null } });
    }
    onSaved();
  };

  return (
    <FormModal<GroupForm>
      title={group ? t('admin.people.groups.editTitle', { name: group.name }) : t('admin.people.groups.newTitle')}
      open={open}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      width={560}
      aliases={{ 'group.name': 'name', 'group.description': 'description', 'group.default': 'default', 'group_routing.mode': 'mode', 'group_routing.max_open': 'max_open' }}
    >
      {() => (
        <>
          <Form.Item name="name" label={t('admin.people.groups.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input maxLength={255} placeholder={t('admin.people.groups.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="description" label={t('admin.people.groups.description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('admin.people.groups.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="default"
            label={t('admin.people.groups.default')}
            valuePropName="checked"
            extra={group?.default ? t('admin.people.groups.defaultLocked') : t('admin.people.groups.defaultHelp')}
          >
            <Switch disabled={group?.default} />
          </Form.Item>
          <Divider style={{ margin: '8px 0 16px' }} />
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('admin.people.groups.routing')}
          </Typography.Title>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="mode" label={t('admin.people.groups.mode')}>
                <Select options={routingModes.map((m) => ({ value: m, label: t(`admin.people.groups.modes.${m}`) }))} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="max_open" label={t('admin.people.groups.maxOpen')}>
                <InputNumber min={1} max={10000} style={{ width: '100%' }} placeholder={t('admin.people.groups.unlimited')} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('admin.people.groups.routingHelp')}
          </Typography.Text>
        </>
      )}
    </FormModal>
  );
}
