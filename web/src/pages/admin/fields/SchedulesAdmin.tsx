import { ClockCircleOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { FormModal } from '../kit/FormModal';
import { LoadFailed } from '../kit/LoadFailed';
import { HolidaysPanel } from './HolidaysPanel';
import { SchedulePreview } from './SchedulePreview';
import { timeZoneOptions } from './time-zones';
import type { Schedule } from './types';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

const schedulesKey = ['admin-schedules'] as const;
type ScheduleValues = { name: string; time_zone: string };

/** 服务时间与节假日: when the team works, which SLA targets count in business hours. */
export default function SchedulesAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const schedules = useQuery({ queryKey: schedulesKey, queryFn: async () => (await api<{ schedules: Schedule[] }>('GET', '/api/v2/business_hours/schedules')).schedules });
  const [active, setActive] = useState<string | undefined>();
  const [editing, setEditingState] = useState<Schedule | null | 'new'>(null);
  // The dialog's form keeps the values it first mounted with, so each opening gets a fresh one.
  const [editorKey, setEditorKey] = useState(0);
  const setEditing = (s: Schedule | null | 'new') => {
    if (s !== null) {
      setEditorKey((k) => k + 1);
    }
    setEditingState(s);
  };
  const list = schedules.data ?? [];
  const current = list.find((s) => String(s.id) === active) ?? list[0];
  const refresh = () => queryClient.invalidateQueries({ queryKey: schedulesKey });

  const makeDefault = async (s: Schedule) => {
    try {
      await api('PUT', `/api/v2/business_hours/schedules/${s.id}`, { schedule: { default: true } });
      void message.success(t('admin.fields.schedules.madeDefault', { name: s.name }));
      await refresh();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    }
  };

  let body;
  if (schedules.isLoading) {
    body = <Skeleton active />;
  } else if (schedules.isError) {
    body = <LoadFailed onRetry={() => schedules.refetch()} />;
  } else if (!current) {
    body = (
      <Empty description={t('admin.fields.schedules.empty')}>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.fields.schedules.add')}
        </Button>
      </Empty>
    );
  } else {
    body = (
      <>
        <Tabs
          activeKey={String(current.id)}
          onChange={setActive}
          items={list.map((s) => ({
            key: String(s.id),
            label: (
              <Space size={6}>
                {s.default ? <StarFilled style={{ color: '#faad14' }} /> : <ClockCircleOutlined />}
                {s.name}
              </Space>
            ),
          }))}
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Space size={12}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {current.name}
            </Typography.Title>
            <Tag>{current.time_zone}</Tag>
            {current.default ? <Tag color="gold">{t('admin.fields.schedules.defaultTag')}</Tag> : null}
          </Space>
          <Space size={0}>
            {!current.default ? (
              <Button type="link" onClick={() => void makeDefault(current)}>
                {t('admin.fields.schedules.makeDefault')}
              </Button>
            ) : null}
            <Button type="link" onClick={() => setEditing(current)}>
              {t('admin.fields.schedules.rename')}
            </Button>
            <DeleteButton
              title={current.default ? t('admin.fields.schedules.deleteDefaultConfirm', { name: current.name }) : t('admin.fields.schedules.deleteConfirm', { name: current.name })}
              onConfirm={async () => {
                await api('DELETE', `/api/v2/business_hours/schedules/${current.id}`);
                void message.success(t('admin.kit.deleted'));
                setActive(undefined);
                await refresh();
              }}
            />
          </Space>
        </div>
        {current.default ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('admin.fields.schedules.notDefaultHelp')} />}
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title={t('admin.fields.schedules.weeklyTitle')}>
            <WeeklyHoursEditor key={current.id} schedule={current} onSaved={refresh} />
          </Card>
          <Card size="small" title={t('admin.fields.schedules.previewTitle')}>
            <SchedulePreview schedule={current} version={JSON.stringify(current)} />
          </Card>
          <Card size="small" title={t('admin.fields.schedules.holidaysTitle')}>
            <HolidaysPanel key={current.id} schedule={current} now={new Date()} onChanged={refresh} />
          </Card>
        </Space>
      </>
    );
  }

  return (
    <AdminSection
      title={t('admin.nav.schedules')}
      help={t('admin.fields.schedules.help')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.fields.schedules.add')}
        </Button>
      }
    >
      {body}
      <FormModal<ScheduleValues>
        key={editorKey}
        title={editing === 'new' ? t('admin.fields.schedules.add') : t('admin.fields.schedules.rename')}
        open={editing !== null}
        initialValues={editing && editing !== 'new' ? { name: editing.name, time_zone: editing.time_zone } : { name: '', time_zone: 'Asia/Shanghai' }}
        onCancel={() => setEditing(null)}
        aliases={{ 'schedule.name': 'name', 'schedule.time_zone': 'time_zone' }}
        onSubmit={async (v) => {
          if (editing && editing !== 'new') {
            await api('PUT', `/api/v2/business_hours/schedules/${editing.id}`, { schedule: v });
          } else {
            const res = await api<{ schedule: Schedule }>('POST', '/api/v2/business_hours/schedules', { schedule: v });
            setActive(String(res.schedule.id));
          }
          setEditing(null);
          void message.success(t('admin.kit.saved'));
          await refresh();
        }}
      >
        {() => (
          <>
            <Form.Item name="name" label={t('admin.fields.schedules.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
              <Input maxLength={255} placeholder={t('admin.fields.schedules.namePlaceholder')} />
            </Form.Item>
            <Form.Item name="time_zone" label={t('admin.fields.schedules.timeZone')} extra={editing === 'new' ? t('admin.fields.schedules.newHelp') : undefined}>
              <Select showSearch options={timeZoneOptions()} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </AdminSection>
  );
}
