import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { apiErrorMessage } from '../../../components/form-errors';
import { AdminList } from '../kit/AdminList';
import { DeleteButton } from '../kit/DeleteButton';
import { MoveButtons } from '../kit/orderColumn';
import { savePositions, useReorder } from '../kit/reorder';
import { useCustomFields } from './FieldList';
import { FormEditor } from './FormEditor';
import type { TicketForm } from './types';

const formsKey = ['admin-ticket-forms'] as const;

/** What PUT needs: the whole form, as the server replaces conditions and field lists wholesale. */
function inputOf(f: TicketForm) {
  return { name: f.name, display_name: f.display_name, position: f.position, active: f.active, end_user_visible: f.end_user_visible, ticket_field_ids: f.ticket_field_ids, agent_conditions: f.agent_conditions, end_user_conditions: f.end_user_conditions };
}

/** 工单表单: which fields a kind of request asks for, in what order, and which show only when they apply. */
export default function TicketFormsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const forms = useQuery({ queryKey: formsKey, queryFn: async () => (await api<{ ticket_forms: TicketForm[] }>('GET', '/api/v2/ticket_forms')).ticket_forms });
  const fields = useCustomFields('ticket');
  const [editing, setEditing] = useState<TicketForm | null | 'new'>(null);
  const [busy, setBusy] = useState(false);
  const list = forms.data ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: formsKey });
  const fieldName = (id: number) => fields.data?.find((f) => f.id === id)?.title ?? `#${id}`;

  const write = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) {
        void message.success(done);
      }
    } catch (e) {
      void message.error(apiErrorMessage(e, t));
    } finally {
      setBusy(false);
      await refresh();
    }
  };
  const put = (f: TicketForm, change: Partial<ReturnType<typeof inputOf>> & { default?: boolean }) => api('PUT', `/api/v2/ticket_forms/${f.id}`, { ticket_form: { ...inputOf(f), ...change } });
  const { moving, onMove } = useReorder(list, (order) => savePositions(order, (form, position) => put(form, { position })), refresh);
  const clone = (f: TicketForm) =>
    write(() => api('POST', '/api/v2/ticket_forms', { ticket_form: { ...inputOf(f), position: undefined, name: t('admin.fields.forms.copyName', { name: f.name }), display_name: t('admin.fields.forms.copyName', { name: f.display_name }), default: false } }), t('admin.fields.forms.cloned'));

  return (
    <AdminList
      title={t('admin.nav.forms')}
      help={t('admin.fields.forms.help')}
      newLabel={t('admin.fields.forms.add')}
      onNew={() => setEditing('new')}
      newDisabled={fields.isLoading}
      failed={forms.isError || fields.isError}
      onRetry={() => Promise.all([forms.refetch(), fields.refetch()])}
      dialogs={
        <FormEditor
          form={editing === 'new' ? null : editing}
          fields={fields.data ?? []}
          open={editing !== null}
          onClose={() => setEditing(null)}
          onSaved={(f) => {
            setEditing(null);
            void message.success(t('admin.fields.forms.saved', { name: f.name }));
            void refresh();
            // Field deletion depends on which forms hold a field.
            void queryClient.invalidateQueries({ queryKey: ['admin-fields'] });
          }}
        />
      }
    >
      <Table<TicketForm>
        rowKey={(f) => String(f.id)}
        loading={forms.isLoading || busy || moving}
        dataSource={list}
        pagination={false}
        locale={{ emptyText: t('admin.fields.forms.empty') }}
        columns={[
          {
            title: t('admin.fields.forms.name'),
            render: (_, f) => (
              <div>
                <Space size={6}>
                  <Button type="link" style={{ padding: 0, height: 'auto', fontWeight: 500 }} onClick={() => setEditing(f)}>
                    {f.name}
                  </Button>
                  {f.default ? <Tag color="blue">{t('admin.fields.forms.defaultTag')}</Tag> : null}
                </Space>
                {f.display_name !== f.name ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('admin.fields.forms.portalName', { name: f.display_name })}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
          {
            title: t('admin.fields.forms.fieldsColumn'),
            render: (_, f) =>
              f.ticket_field_ids.length === 0 ? (
                <Typography.Text type="secondary">{t('admin.fields.forms.onlySystem')}</Typography.Text>
              ) : (
                <Tooltip title={f.ticket_field_ids.map(fieldName).join(t('admin.fields.forms.separator'))}>
                  <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                    {f.ticket_field_ids.slice(0, 4).map(fieldName).join(t('admin.fields.forms.separator'))}
                    {f.ticket_field_ids.length > 4 ? t('admin.fields.forms.andMore', { count: f.ticket_field_ids.length - 4 }) : ''}
                  </Typography.Text>
                </Tooltip>
              ),
          },
          {
            title: t('admin.fields.forms.conditionsColumn'),
            width: 140,
            render: (_, f) =>
              f.agent_conditions.length + f.end_user_conditions.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
                  {f.agent_conditions.length ? <span>{t('admin.fields.forms.agentCount', { count: f.agent_conditions.length })}</span> : null}
                  {f.end_user_conditions.length ? <span>{t('admin.fields.forms.endUserCount', { count: f.end_user_conditions.length })}</span> : null}
                </Space>
              ),
          },
          {
            title: t('admin.fields.forms.portalColumn'),
            width: 110,
            render: (_, f) => (f.end_user_visible ? <Tag color="green">{t('admin.fields.forms.visible')}</Tag> : <Typography.Text type="secondary">{t('admin.fields.forms.agentsOnly')}</Typography.Text>),
          },
          {
            title: t('admin.fields.statusColumn'),
            width: 80,
            render: (_, f) => <Switch size="small" checked={f.active} aria-label={t('admin.fields.activeOf', { name: f.name })} onChange={(active) => void write(() => put(f, { active }), active ? t('admin.fields.activated') : t('admin.fields.deactivated'))} />,
          },
          {
            title: t('admin.kit.actions'),
            width: 300,
            render: (_, f) => {
              const index = list.indexOf(f);
              return (
                <Space size={0}>
                  <MoveButtons index={index} count={list.length} onMove={onMove} disabled={busy || moving} />
                  <Button type="link" size="small" onClick={() => setEditing(f)}>
                    {t('admin.kit.edit')}
                  </Button>
                  <Button type="link" size="small" onClick={() => void clone(f)}>
                    {t('admin.fields.forms.clone')}
                  </Button>
                  {!f.default ? (
                    <Button type="link" size="small" onClick={() => void write(() => put(f, { default: true }), t('admin.fields.forms.madeDefault', { name: f.name }))}>
                      {t('admin.fields.forms.makeDefault')}
                    </Button>
                  ) : null}
                  <DeleteButton
                    title={t('admin.fields.forms.deleteConfirm', { name: f.name })}
                    onConfirm={async () => {
                      await api('DELETE', `/api/v2/ticket_forms/${f.id}`);
                      void message.success(t('admin.kit.deleted'));
                      await refresh();
                    }}
                  />
                </Space>
              );
            },
          },
        ]}
      />
    </AdminList>
  );
}
