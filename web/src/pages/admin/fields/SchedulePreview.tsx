import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Schedule, SchedulePreview as Preview } from './types';

/** Right now under this schedule: open or not, when it next opens, where common SLA targets land. */
export function SchedulePreview({ schedule, version }: { schedule: Schedule; version: string }) {
  const { t, i18n } = useTranslation();
  const preview = useQuery({ queryKey: ['admin-schedule-preview', schedule.id, version], queryFn: async () => (await api<{ preview: Preview }>('GET', `/api/v2/business_hours/schedules/${schedule.id}/preview`)).preview });
  if (preview.isLoading) {
    return <Skeleton active paragraph={{ rows: 3 }} />;
  }
  if (!preview.data) {
    return <Alert type="error" showIcon title={t('admin.kit.loadFailed')} />;
  }
  const p = preview.data;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(i18n.language, { timeZone: schedule.time_zone, month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }
  const at = (iso: string) => format.format(new Date(iso));
  if (p.targets.length === 0) {
    return <Alert type="warning" showIcon title={t('admin.fields.schedules.neverOpen')} />;
  }
  return (
    <div data-testid="schedule-preview">
      <Typography.Paragraph>
        {t('admin.fields.schedules.nowIs', { time: at(p.now) })}
        {p.open_now ? <Tag color="green" style={{ marginInlineStart: 8 }}>{t('admin.fields.schedules.openNow')}</Tag> : <Tag style={{ marginInlineStart: 8 }}>{t('admin.fields.schedules.closedNow')}</Tag>}
        {!p.open_now && p.next_open ? <Typography.Text type="secondary">{t('admin.fields.schedules.nextOpen', { time: at(p.next_open) })}</Typography.Text> : null}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2, xxl: 4 }} bordered title={<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>{t('admin.fields.schedules.targetsIntro')}</Typography.Text>}>
        {p.targets.map((target) => (
          <Descriptions.Item key={target.minutes} label={t('admin.fields.schedules.businessHours', { count: target.minutes / 60 })}>
            {at(target.at)}
            {target.uncertain ? <Typography.Text type="warning"> {t('admin.fields.schedules.uncertain')}</Typography.Text> : null}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </div>
  );
}
