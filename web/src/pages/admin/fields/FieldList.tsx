import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { apiErrorMessage } from '../../../components/form-errors';
import { LoadFailed } from '../kit/LoadFailed';
import { MoveButtons } from '../kit/orderColumn';
import { savePositions, useReorder } from '../kit/reorder';
import { FieldDeleteButton } from './FieldDeleteButton';
import { FieldEditor } from './FieldEditor';
import { FieldTypeLabel } from './field-types';
import { type CustomField, type FieldEntity, fieldResources } from './types';

/** The built-in ticket fields: always on every ticket, shown so the list is the whole picture. */
const systemFields = ['subject', 'description', 'status', 'type', 'priority', 'group', 'assignee'] as const;
type SystemRow = { system: (typeof systemFields)[number] };
type Row = SystemRow | CustomField;
const isSystem = (r: Row): r is SystemRow => 'system' in r;

export const fieldsKey = (entity: FieldEntity) => ['admin-fields', entity] as const;

export function useCustomFields(entity: FieldEntity) {
  const r = fieldResources[entity];
  return useQuery({ queryKey: fieldsKey(entity), queryFn: async () => (await api<Record<string, CustomField[]>>('GET', `/api/v2/${r.path}`))[r.many] ?? [] });
}

/** One entity's fields: built-in ones first (tickets), then the custom ones in their order. */
export function FieldList({ entity }: { entity: FieldEntity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const fields = useCustomFields(entity);
  const [editing, setEditingState] = useState<CustomField | null | 'new'>(null);
  // The dialog's form keeps the values it first mounted with, so each opening gets a fresh one.
  const [editorKey, setEditorKey] = useState(0);
  const setEditing = (f: CustomField | null | 'new') => {
    if (f !== null) {
      setEditorKey((k) => k + 1);
    }
    setEditingState(f);
  };
  const r = fieldResources[entity];
  const refresh = () => queryClient.invalidateQueries({ queryKey: fieldsKey(entity) });
  const custom = fields.data ?? [];
  const rows: Row[] = [...(entity === 'ticket' ? systemFields.map((system) => ({ system })) : []), ...custom];

  const put = (f: CustomField, change: object) => api('PUT', `/api/v2/${r.path}/${f.id}`, { [r.one]: change });
  const { moving, onMove } = useReorder(custom, (order) => savePositions(order, (field, position) => put(field, { position })), refresh);
  const toggle = async (f: CustomField, active: boolean) => {
    try {
      await put(f, { active });
      void message.success(active ? t('admin.fields.activated') : t('admin.fields.deactivated'));
    } catch (e) {
      void message.error(apiErrorMessage(e, t));
    }
    await refresh();
  };

  if (fields.isError) {
    return <LoadFailed onRetry={() => fields.refetch()} />;
  }
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text type="secondary">{t(`admin.fields.tabHelp.${entity}`)}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.fields.add')}
        </Button>
      </div>
      <Table<Row>
        rowKey={(row) => (isSystem(row) ? row.system : String(row.id))}
        loading={fields.isLoading || moving}
        dataSource={rows}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('admin.fields.empty') }}
        onRow={(row) => (isSystem(row) ? { style: { background: '#fafafa' } } : {})}
        columns={[
          {
            title: t('admin.fields.name'),
            render: (_, row) =>
              isSystem(row) ? (
                <Space>
                  <LockOutlined style={{ color: '#bfbfbf' }} />
                  {t(`admin.fields.system.${row.system}`)}
                </Space>
              ) : (
                <div>
                  <Button type="link" style={{ padding: 0, height: 'auto', fontWeight: 500 }} onClick={() => setEditing(row)}>
                    {row.title}
                  </Button>
                  {row.description ? (
                    <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: 320, fontSize: 12 }}>
                      {row.description}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
          },
          {
            title: t('admin.fields.type'),
            width: 140,
            render: (_, row) =>
              isSystem(row) ? (
                <Tag>{t('admin.fields.systemTag')}</Tag>
              ) : (
                <Space direction="vertical" size={0}>
                  <FieldTypeLabel type={row.type} />
                  {row.custom_field_options ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('admin.fields.optionCount', { count: row.custom_field_options.length })}</Typography.Text> : null}
                </Space>
              ),
          },
          {
            title: entity === 'ticket' ? t('admin.fields.idColumn') : t('admin.fields.key'),
            width: 150,
            render: (_, row) =>
              isSystem(row) ? (
                <Typography.Text type="secondary" code>
                  {row.system}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" code copyable={{ text: entity === 'ticket' ? String(row.id) : (row.key ?? '') }}>
                  {entity === 'ticket' ? row.id : row.key}
                </Typography.Text>
              ),
          },
          ...(entity === 'ticket'
            ? [
                {
                  title: t('admin.fields.requiredColumn'),
                  render: (_: unknown, row: Row) =>
                    isSystem(row) ? (
                      row.system === 'subject' || row.system === 'description' ? <Tag>{t('admin.fields.always')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>
                    ) : (
                      <RequiredTags field={row} />
                    ),
                },
                {
                  title: t('admin.fields.portalColumn'),
                  width: 120,
                  render: (_: unknown, row: Row) => (isSystem(row) ? <Typography.Text type="secondary">{row.system === 'subject' || row.system === 'description' || row.system === 'status' ? t('admin.fields.portal.visible') : t('admin.fields.portal.hidden')}</Typography.Text> : <PortalAccess field={row} />),
                },
              ]
            : []),
          {
            title: t('admin.fields.statusColumn'),
            width: 90,
            render: (_, row) => (isSystem(row) ? <Switch size="small" checked disabled /> : <Switch size="small" checked={row.active} aria-label={t('admin.fields.activeOf', { name: row.title })} onChange={(v) => void toggle(row, v)} />),
          },
          {
            title: t('admin.kit.actions'),
            width: 190,
            render: (_, row) => {
              if (isSystem(row)) {
                return <Typography.Text type="secondary">{t('admin.fields.builtIn')}</Typography.Text>;
              }
              const index = custom.indexOf(row);
              return (
                <Space size={0}>
                  <MoveButtons index={index} count={custom.length} onMove={onMove} disabled={moving} />
                  <Button type="link" size="small" onClick={() => setEditing(row)}>
                    {t('admin.kit.edit')}
                  </Button>
                  <FieldDeleteButton entity={entity} field={row} onDone={refresh} />
                </Space>
              );
            },
          },
        ]}
      />
      <FieldEditor
        key={editorKey}
        entity={entity}
        field={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(f) => {
          setEditing(null);
          void message.success(t('admin.fields.savedField', { name: f.title }));
          void refresh();
        }}
      />
    </>
  );
}

function RequiredTags({ field }: { field: CustomField }) {
  const { t } = useTranslation();
  const tags = [field.required_on_create && t('admin.fields.required.onCreate'), field.required && t('admin.fields.required.onSolve'), field.required_in_portal && field.visible_in_portal && t('admin.fields.required.inPortal')].filter(Boolean);
  return tags.length ? (
    <Space size={[0, 4]} wrap>
      {tags.map((label) => (
        <Tag key={String(label)} color="orange">
          {label}
        </Tag>
      ))}
    </Space>
  ) : (
    <Typography.Text type="secondary">{t('admin.fields.optional')}</Typography.Text>
  );
}

function PortalAccess({ field }: { field: CustomField }) {
  const { t } = useTranslation();
  if (!field.visible_in_portal) {
    return <Typography.Text type="secondary">{t('admin.fields.portal.hidden')}</Typography.Text>;
  }
  return field.editable_in_portal ? <Tag color="blue">{t('admin.fields.portal.editable')}</Tag> : <Tag>{t('admin.fields.portal.visible')}</Tag>;
}
