import { InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const SLA_METRICS = ['first_reply_time', 'next_reply_time', 'periodic_update_time', 'pausable_update_time', 'requester_wait_time', 'agent_work_time', 'total_resolution_time'] as const;
export const SLA_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export type SlaPriority = (typeof SLA_PRIORITIES)[number];
export type PolicyMetric = { priority: SlaPriority; metric: SlaMetric; target: number; business_hours: boolean };

export type Cell = { value: number | null; unit: 'minutes' | 'hours' };
/** Targets as the grid edits them: a cell per metric and priority, and calendar or business hours per metric. */
export type Targets = { cells: Record<string, Cell>; business: Record<string, boolean> };

const cellKey = (metric: string, priority: string) => `${metric}/${priority}`;

export function targetsOf(metrics: PolicyMetric[]): Targets {
  const cells: Record<string, Cell> = {};
  const business: Record<string, boolean> = {};
  for (const m of metrics) {
    cells[cellKey(m.metric, m.priority)] = m.target % 60 === 0 ? { value: m.target / 60, unit: 'hours' } : { value: m.target, unit: 'minutes' };
    business[m.metric] = m.business_hours;
  }
  return { cells, business };
}

/** The grid as the API takes it, in a fixed order so a server error's index names one cell. */
export function metricsOf(targets: Targets): PolicyMetric[] {
  return SLA_METRICS.flatMap((metric) =>
    SLA_PRIORITIES.flatMap((priority) => {
      const cell = targets.cells[cellKey(metric, priority)];
      if (!cell || cell.value === null) {
        return [];
      }
      return [{ metric, priority, target: Math.round(cell.unit === 'hours' ? cell.value * 60 : cell.value), business_hours: targets.business[metric] ?? true }];
    }),
  );
}

export const metricCellKey = cellKey;

/** Targets per priority for each metric, in minutes or hours, timed in business or calendar hours. */
export function SlaTargets({ value, onChange, errors = {} }: { value: Targets; onChange: (v: Targets) => void; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const setCell = (key: string, cell: Cell) => onChange({ ...value, cells: { ...value.cells, [key]: cell } });
  return (
    <Table<{ metric: SlaMetric }>
      size="small"
      bordered
      pagination={false}
      rowKey="metric"
      dataSource={SLA_METRICS.map((metric) => ({ metric }))}
      data-testid="sla-targets"
      columns={[
        {
          title: t('admin.rules.sla.metric'),
          width: 190,
          render: (_: unknown, r) => (
            <Tooltip title={t(`admin.rules.sla.metricHelp.${r.metric}`)} placement="right">
              <Typography.Text>{t(`admin.rules.values.${r.metric}`)}</Typography.Text>
            </Tooltip>
          ),
        },
        ...SLA_PRIORITIES.map((priority) => ({
          title: t(`admin.rules.values.${priority}`),
          render: (_: unknown, r: { metric: SlaMetric }) => {
            const key = cellKey(r.metric, priority);
            const cell = value.cells[key] ?? { value: null, unit: 'hours' as const };
            return (
              <Space direction="vertical" size={0} data-testid={`sla-${r.metric}-${priority}`}>
                <Space.Compact>
                  <InputNumber
                    min={1}
                    max={cell.unit === 'hours' ? 8760 : 525_600}
                    value={cell.value}
                    onChange={(v) => setCell(key, { ...cell, value: v })}
                    status={errors[key] ? 'error' : undefined}
                    style={{ width: 72 }}
                    aria-label={`${t(`admin.rules.values.${r.metric}`)} ${t(`admin.rules.values.${priority}`)}`}
                  />
                  <Select
                    value={cell.unit}
                    onChange={(unit: Cell['unit']) => setCell(key, { ...cell, unit })}
                    options={[
                      { value: 'minutes', label: t('admin.rules.sla.minutes') },
                      { value: 'hours', label: t('admin.rules.sla.hours') },
                    ]}
                    style={{ width: 76 }}
                    popupMatchSelectWidth={false}
                  />
                </Space.Compact>
                {errors[key] ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {errors[key]}
                  </Typography.Text>
                ) : null}
              </Space>
            );
          },
        })),
        {
          title: t('admin.rules.sla.hoursMode'),
          width: 130,
          render: (_: unknown, r) => (
            <Select
              value={value.business[r.metric] ?? true}
              onChange={(b: boolean) => onChange({ ...value, business: { ...value.business, [r.metric]: b } })}
              options={[
                { value: true, label: t('admin.rules.sla.business') },
                { value: false, label: t('admin.rules.sla.calendar') },
              ]}
              style={{ width: 116 }}
            />
          ),
        },
      ]}
    />
  );
}
