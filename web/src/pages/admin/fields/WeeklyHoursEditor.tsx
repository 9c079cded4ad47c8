import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { type DayRange, dayProblem, hhmm, timeOptions, toIntervals, toWeek, type Week, weeklyHours, weekOrder } from './hours';
import type { Schedule } from './types';

const lunchBreakDay: DayRange[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 18 * 60],
];

/**
 * The weekly hours of a schedule, a row per day with as many intervals as the team works
 * (09:00–12:00 and 13:30–18:00 around lunch). Saved as a whole through the workweek API.
 */
export function WeeklyHoursEditor({ schedule, onSaved }: { schedule: Schedule; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [week, setWeek] = useState<Week>(() => toWeek(schedule.intervals));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = JSON.stringify(toWeek(schedule.intervals));
  useEffect(() => setWeek(JSON.parse(saved) as Week), [saved]);
  const dirty = JSON.stringify(week) !== saved;
  const problems = week.map(dayProblem);
  const setDay = (d: number, ranges: DayRange[]) => setWeek(week.map((r, i) => (i === d ? ranges : r)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/api/v2/business_hours/schedules/${schedule.id}/workweek`, { workweek: { intervals: toIntervals(week) } });
      void message.success(t('admin.fields.schedules.hoursSaved'));
      await onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.details).flat()[0]?.description ?? e.description) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('admin.fields.schedules.hoursSummary', { hours: weeklyHours(week) })}</Typography.Text>
        <Space>
          <Button size="small" onClick={() => setWeek(week.map((r, d) => (d >= 1 && d <= 5 ? lunchBreakDay : [])))}>
            {t('admin.fields.schedules.presetLunch')}
          </Button>
          <Button size="small" onClick={() => setWeek(week.map(() => [[0, 1440]]))}>
            {t('admin.fields.schedules.preset247')}
          </Button>
        </Space>
      </div>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <div style={{ border: '1px solid #f0f0f0', borderRadius: 8 }}>
        {weekOrder.map((d) => {
          const ranges = week[d] ?? [];
          const open = ranges.length > 0;
          const problem = problems[d];
          return (
            <div key={d} data-testid={`day-${d}`} style={{ display: 'grid', gridTemplateColumns: '64px 90px 1fr auto', gap: 12, alignItems: 'start', padding: '10px 16px', borderBottom: d === 0 ? undefined : '1px solid #f0f0f0' }}>
              <Typography.Text strong style={{ lineHeight: '24px' }}>
                {t(`admin.fields.schedules.days.${d}`)}
              </Typography.Text>
              <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center', lineHeight: '24px' }}>
                <Switch size="small" checked={open} onChange={(on) => setDay(d, on ? [[9 * 60, 18 * 60]] : [])} aria-label={t('admin.fields.schedules.openOn', { day: t(`admin.fields.schedules.days.${d}`) })} />
                <Typography.Text type={open ? undefined : 'secondary'}>{open ? t('admin.fields.schedules.open') : t('admin.fields.schedules.closed')}</Typography.Text>
              </label>
              <div>
                <Space wrap size={[16, 8]}>
                  {ranges.map(([s, e], i) => (
                    <Space.Compact key={i} size="small">
                      <Select size="small" showSearch style={{ width: 84 }} value={s} options={timeOptions.slice(0, 96)} aria-label={t('admin.fields.schedules.startOf', { day: t(`admin.fields.schedules.days.${d}`), n: i + 1 })} onChange={(v: number) => setDay(d, ranges.map((r, n) => (n === i ? [v, r[1]] : r)))} />
                      <Button size="small" disabled style={{ pointerEvents: 'none' }}>
                        –
                      </Button>
                      <Select size="small" showSearch style={{ width: 84 }} value={e} options={timeOptions.slice(1)} aria-label={t('admin.fields.schedules.endOf', { day: t(`admin.fields.schedules.days.${d}`), n: i + 1 })} onChange={(v: number) => setDay(d, ranges.map((r, n) => (n === i ? [r[0], v] : r)))} />
                      <Button size="small" icon={<CloseOutlined />} aria-label={t('admin.fields.schedules.removeInterval')} onClick={() => setDay(d, ranges.filter((_, n) => n !== i))} />
                    </Space.Compact>
                  ))}
                  {open ? (
                    <Button
                      size="small"
                      type="link"
                      icon={<PlusOutlined />}
                      onClick={() => {
                        const last = ranges.at(-1)?.[1] ?? 9 * 60;
                        setDay(d, [...ranges, [Math.min(last + 60, 1380), Math.min(last + 120, 1440)]]);
                      }}
                    >
                      {t('admin.fields.schedules.addInterval')}
                    </Button>
                  ) : null}
                </Space>
                {problem ? (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                    {t(`admin.fields.schedules.problem.${problem}`)}
                  </Typography.Text>
                ) : null}
              </div>
              {open && d >= 1 && d <= 5 ? (
                <Button size="small" type="link" onClick={() => setWeek(week.map((r, day) => (day >= 1 && day <= 5 ? ranges.map((x): DayRange => [x[0], x[1]]) : r)))} title={ranges.map(([s, e]) => `${hhmm(s)}–${hhmm(e)}`).join(', ')}>
                  {t('admin.fields.schedules.copyToWeekdays')}
                </Button>
              ) : (
                <span />
              )}
            </div>
          );
        })}
      </div>
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!dirty || problems.some(Boolean)} loading={busy} onClick={() => void save()}>
          {t('admin.fields.schedules.saveHours')}
        </Button>
        <Button disabled={!dirty} onClick={() => setWeek(JSON.parse(saved) as Week)}>
          {t('admin.fields.schedules.revert')}
        </Button>
      </Space>
    </div>
  );
}
