import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Flex, Select, Table, Tag, Typography } from 'antd';
import { type ComponentProps, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { LoadFailed } from '../kit/LoadFailed';
import type { AuditLog, Page } from './types';

const PER_PAGE = 25;
const actions: AuditLog['action'][] = ['create', 'update', 'destroy', 'login', 'exported'];
const sourceTypes = ['account', 'api_token', 'custom_role', 'group', 'group_membership', 'organization', 'organization_membership', 'ticket', 'user', 'user_identity', 'view', 'webhook', 'trigger', 'automation', 'macro'] as const;
const actionColor: Record<AuditLog['action'], string> = { create: 'green', update: 'blue', destroy: 'red', login: 'default', exported: 'purple' };
type Range = ComponentProps<typeof DatePicker.RangePicker>['value'];
type Filters = { actor?: number; action?: AuditLog['action']; type?: string; range?: Range };

function query(filters: Filters, page: number): string {
  const q = new URLSearchParams({ page: String(page), per_page: String(PER_PAGE) });
  if (filters.actor !== undefined) {
    q.set('filter[actor_id]', String(filters.actor));
  }
  if (filters.action) {
    q.set('filter[action]', filters.action);
  }
  if (filters.type) {
    q.set('filter[source_type]', filters.type);
  }
  const [from, to] = filters.range ?? [];
  if (from && to) {
    q.append('filter[created_at][]', from.startOf('day').toISOString());
    q.append('filter[created_at][]', to.endOf('day').toISOString());
  }
  return q.toString();
}

/** Who changed what in the settings, and who signed in: filtered by person, action, kind of object and dates. */
export default function AuditLogAdmin() {
  const { t } = useTranslation();
  const when = useTimeFormat('medium');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const staff = useQuery({ queryKey: ['audit-actors'], queryFn: () => api<{ users: { id: number; name: string }[] }>('GET', '/api/v2/users?role[]=agent&role[]=admin&per_page=100') });
  const list = useQuery({
    queryKey: ['audit-logs', filters.actor, filters.action, filters.type, filters.range?.[0]?.valueOf(), filters.range?.[1]?.valueOf(), page],
    queryFn: () => api<Page<'audit_logs', AuditLog>>('GET', `/api/v2/audit_logs?${query(filters, page)}`),
    placeholderData: (previous) => previous,
  });
  const filter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const typeName = (type: string) => ((sourceTypes as readonly string[]).includes(type) ? t(`admin.channels.audit.types.${type as (typeof sourceTypes)[number]}`) : type);
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== null);

  return (
    <AdminSection title={t('admin.nav.audit-log')} help={t('admin.channels.audit.help')}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 180 }}
          placeholder={t('admin.channels.audit.anyActor')}
          aria-label={t('admin.channels.audit.actor')}
          value={filters.actor}
          onChange={(v: number | undefined) => filter({ actor: v })}
          options={(staff.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Select allowClear style={{ width: 140 }} placeholder={t('admin.channels.audit.anyAction')} aria-label={t('admin.channels.audit.action')} value={filters.action} onChange={(v: AuditLog['action'] | undefined) => filter({ action: v })} options={actions.map((a) => ({ value: a, label: t(`admin.channels.audit.actions.${a}`) }))} />
        <Select allowClear style={{ width: 160 }} placeholder={t('admin.channels.audit.anyType')} aria-label={t('admin.channels.audit.sourceType')} value={filters.type} onChange={(v: string | undefined) => filter({ type: v })} options={sourceTypes.map((s) => ({ value: s, label: t(`admin.channels.audit.types.${s}`) }))} />
        <DatePicker.RangePicker aria-label={t('admin.channels.audit.range')} value={filters.range} onChange={(v) => filter({ range: v ?? undefined })} />
        {filtered ? (
          <Button type="link" onClick={() => (setFilters({}), setPage(1))}>
            {t('admin.channels.audit.clear')}
          </Button>
        ) : null}
      </Flex>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<AuditLog>
          rowKey="id"
          size="middle"
          loading={list.isLoading || list.isFetching}
          dataSource={list.data?.audit_logs ?? []}
          locale={{ emptyText: t('admin.channels.audit.empty') }}
          pagination={{ current: page, pageSize: PER_PAGE, total: list.data?.count ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (count) => t('admin.channels.audit.total', { count }) }}
          expandable={{ expandedRowRender: (log) => <Changes log={log} />, rowExpandable: (log) => Object.keys(log.changes).length > 0 }}
          columns={[
            { title: t('admin.channels.audit.time'), render: (_: unknown, l: AuditLog) => when.format(new Date(l.created_at)), width: 170 },
            { title: t('admin.channels.audit.actor'), dataIndex: 'actor_name', width: 140 },
            { title: t('admin.channels.audit.action'), render: (_: unknown, l: AuditLog) => <Tag color={actionColor[l.action]}>{t(`admin.channels.audit.actions.${l.action}`)}</Tag>, width: 90 },
            {
              title: t('admin.channels.audit.what'),
              render: (_: unknown, l: AuditLog) => (
                <span>
                  <Typography.Text type="secondary">{typeName(l.source_type)}</Typography.Text> {l.source_label}
                </span>
              ),
            },
            { title: t('admin.channels.audit.ip'), render: (_: unknown, l: AuditLog) => l.ip_address ?? '—', width: 130 },
          ]}
        />
      )}
    </AdminSection>
  );
}

/** Each field's value before and after, as the log recorded them. */
function Changes({ log }: { log: AuditLog }) {
  const { t } = useTranslation();
  const show = (v: unknown) => {
    if (v === '[hidden]') {
      return <Typography.Text type="secondary">{t('admin.channels.audit.hidden')}</Typography.Text>;
    }
    if (v === null || v === undefined || v === '') {
      return <Typography.Text type="secondary">{t('admin.channels.audit.empty_value')}</Typography.Text>;
    }
    return <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{typeof v === 'string' ? v : JSON.stringify(v)}</Typography.Text>;
  };
  const entries = Object.entries(log.changes);
  if (entries.length === 0) {
    return <Typography.Text type="secondary">{t('admin.channels.audit.noChanges')}</Typography.Text>;
  }
  return (
    <Descriptions size="small" column={1} bordered title={t('admin.channels.audit.changes')} styles={{ label: { width: 200 } }}>
      {entries.map(([field, [before, after]]) => (
        <Descriptions.Item key={field} label={field}>
          {show(before)} → {show(after)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
