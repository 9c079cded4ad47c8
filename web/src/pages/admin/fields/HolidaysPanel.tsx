import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Form, Input, Radio, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { DeleteButton } from '../kit/DeleteButton';
import { FormModal } from '../kit/FormModal';
import { LoadFailed } from '../kit/LoadFailed';
import { daysBetween } from './hours';
import type { Holiday, OfficialCalendar, Schedule } from './types';

type HolidayValues = { name: string; start_date: string; end_date: string; kind: 'holiday' | 'workday' };

/**
 * A schedule's days off and make-up workdays (调休): following the official calendar
 * automatically, its own list on top, and one click to copy a year of official days into
 * that list (to see them, or to adjust one).
 */
export function HolidaysPanel({ schedule, now, onChanged }: { schedule: Schedule; now: Date; onChanged: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['admin-schedule-holidays', schedule.id];
  const holidays = useQuery({ queryKey: key, queryFn: async () => (await api<{ holidays: Holiday[] }>('GET', `/api/v2/business_hours/schedules/${schedule.id}/holidays`)).holidays });
  const calendars = useQuery({ queryKey: ['admin-official-calendars'], queryFn: async () => (await api<{ official_calendars: OfficialCalendar[] }>('GET', '/api/v2/business_hours/official_calendars')).official_calendars });
  const cn = calendars.data?.find((c) => c.region === 'CN');
  const thisYear = now.getFullYear();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [year, setYear] = useState<number | 'all'>(thisYear);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    await onChanged();
  };

  const years = [...new Set((holidays.data ?? []).map((h) => Number(h.start_date.slice(0, 4))))].sort();
  const shownYear = year !== 'all' && !years.includes(year) ? 'all' : year;
  const rows = (holidays.data ?? []).filter((h) => shownYear === 'all' || h.start_date.startsWith(String(shownYear)) || h.end_date.startsWith(String(shownYear)));
  const importYears = cn ? Array.from({ length: Math.min(4, cn.last_year - cn.first_year + 1) }, (_, i) => cn.last_year - i).filter((y) => y <= thisYear + 1) : [];
  const defaultImportYear = cn ? Math.min(thisYear, cn.last_year) : thisYear;
  const weekday = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
  const withDay = (iso: string) => t('admin.fields.schedules.dateWithDay', { date: iso, day: weekday.format(new Date(`${iso}T00:00:00Z`)) });

  const importOfficial = async (y: number) => {
    setImporting(true);
    try {
      const res = await api<{ holidays: Holiday[]; skipped: number }>('POST', `/api/v2/business_hours/schedules/${schedule.id}/holidays`, { official_holidays: { region: 'CN', year: y } });
      void message.success(res.holidays.length ? t('admin.fields.schedules.imported', { count: res.holidays.length, year: y }) : t('admin.fields.schedules.importedNone', { year: y }));
      setYear(y);
      await refresh();
    } catch (e) {
      void message.error(e instanceof ApiError ? (Object.values(e.details).flat()[0]?.description ?? e.description) : t('errors.network'));
    } finally {
      setImporting(false);
    }
  };
  const follow = async (on: boolean) => {
    try {
      await api('PUT', `/api/v2/business_hours/schedules/${schedule.id}`, { schedule: { official_calendar: on ? 'CN' : null } });
      void message.success(on ? t('admin.fields.schedules.followOn') : t('admin.fields.schedules.followOff'));
      await onChanged();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    }
  };

  return (
    <div>
      <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px', marginBottom: 16 }}>
        <label style={{ display: 'flex', gap: 10, alignItems: 'center', cursor: 'pointer' }}>
          <Switch checked={schedule.official_calendar !== null} onChange={(on) => void follow(on)} aria-label={t('admin.fields.schedules.follow')} />
          <Typography.Text strong>{t('admin.fields.schedules.follow')}</Typography.Text>
        </label>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0 54px', fontSize: 13 }}>
          {cn ? t('admin.fields.schedules.followHelp', { first: cn.first_year, last: cn.last_year }) : t('admin.fields.schedules.followHelpNoData')}
        </Typography.Paragraph>
        {schedule.official_calendar && cn && thisYear >= cn.last_year ? (
          <Alert type="warning" showIcon style={{ margin: '8px 0 0 54px' }} title={t('admin.fields.schedules.coverageWarning', { last: cn.last_year, next: cn.last_year + 1 })} />
        ) : null}
      </div>

      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 12, flexWrap: 'wrap' }}>
        <Segmented<number | 'all'>
          size="small"
          value={shownYear}
          onChange={setYear}
          options={[...years.map((y) => ({ value: y, label: t('admin.fields.schedules.yearLabel', { year: y }) })), { value: 'all' as const, label: t('admin.fields.schedules.allYears') }]}
        />
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('admin.fields.schedules.addHoliday')}
          </Button>
          {cn ? (
            <Dropdown.Button
              type="primary"
              loading={importing}
              onClick={() => void importOfficial(defaultImportYear)}
              menu={{ items: importYears.map((y) => ({ key: String(y), label: t('admin.fields.schedules.importYear', { year: y }) })), onClick: ({ key: y }) => void importOfficial(Number(y)) }}
            >
              <CalendarOutlined />
              {t('admin.fields.schedules.importYear', { year: defaultImportYear })}
            </Dropdown.Button>
          ) : null}
        </Space>
      </div>
      {holidays.isError ? <LoadFailed onRetry={() => holidays.refetch()} /> : null}
      <Table<Holiday>
        rowKey={(h) => String(h.id)}
        size="small"
        loading={holidays.isLoading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        locale={{ emptyText: t('admin.fields.schedules.noHolidays') }}
        columns={[
          { title: t('admin.fields.schedules.holidayName'), dataIndex: 'name' },
          {
            title: t('admin.fields.schedules.dates'),
            render: (_, h) => {
              const n = daysBetween(h.start_date, h.end_date);
              return (
                <Space size={8}>
                  <span>
                    {withDay(h.start_date)}
                    {h.start_date === h.end_date ? null : ` – ${withDay(h.end_date)}`}
                  </span>
                  <Typography.Text type="secondary">{t('admin.fields.schedules.dayCount', { count: n })}</Typography.Text>
                </Space>
              );
            },
          },
          {
            title: t('admin.fields.schedules.kind'),
            width: 120,
            render: (_, h) => (h.kind === 'holiday' ? <Tag color="red">{t('admin.fields.schedules.kinds.holiday')}</Tag> : <Tag color="blue">{t('admin.fields.schedules.kinds.workday')}</Tag>),
          },
          {
            title: t('admin.kit.actions'),
            width: 90,
            render: (_, h) => (
              <DeleteButton
                title={t('admin.fields.schedules.deleteHoliday', { name: h.name })}
                onConfirm={async () => {
                  await api('DELETE', `/api/v2/business_hours/schedules/${schedule.id}/holidays/${h.id}`);
                  void message.success(t('admin.kit.deleted'));
                  await refresh();
                }}
              />
            ),
          },
        ]}
      />
      <FormModal<HolidayValues>
        title={t('admin.fields.schedules.addHoliday')}
        open={adding}
        initialValues={{ name: '', start_date: '', end_date: '', kind: 'holiday' }}
        onCancel={() => setAdding(false)}
        aliases={{ 'holiday.name': 'name', 'holiday.start_date': 'start_date', 'holiday.end_date': 'end_date', 'holiday.kind': 'kind' }}
        onSubmit={async (v) => {
          await api('POST', `/api/v2/business_hours/schedules/${schedule.id}/holidays`, { holiday: { ...v, end_date: v.end_date || v.start_date } });
          setAdding(false);
          void message.success(t('admin.kit.saved'));
          await refresh();
        }}
      >
        {() => (
          <>
            <Form.Item name="name" label={t('admin.fields.schedules.holidayName')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
              <Input placeholder={t('admin.fields.schedules.holidayPlaceholder')} maxLength={255} />
            </Form.Item>
            <Space size={16} style={{ display: 'flex' }}>
              <Form.Item name="start_date" label={t('admin.fields.schedules.startDate')} rules={[{ required: true, message: t('errors.required') }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="end_date" label={t('admin.fields.schedules.endDate')} extra={t('admin.fields.schedules.endDateHelp')}>
                <Input type="date" />
              </Form.Item>
            </Space>
            <Form.Item name="kind" label={t('admin.fields.schedules.kind')}>
              <Radio.Group
                options={[
                  { value: 'holiday', label: t('admin.fields.schedules.kindHelp.holiday') },
                  { value: 'workday', label: t('admin.fields.schedules.kindHelp.workday') },
                ]}
              />
            </Form.Item>
          </>
        )}
      </FormModal>
    </div>
  );
}
