import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Condition, Conditions, Definition, RowErrors } from '../types';
import { groupedSubjects, useRuleLabels } from './labels';
import { ValueEditor } from './ValueEditor';
import styles from './builder.module.css';

/** A fresh row for a field: its first operator, and its first value where there is a list. */
export function blankCondition(d: Definition): Condition {
  const operator = d.operators[0]?.value ?? 'is';
  const first = d.values.find((v) => v.value !== '');
  return { field: d.subject, operator, value: d.type === 'list' || d.type === 'checkbox' ? (first?.value ?? '') : '' };
}

function ConditionRow({ condition, definitions, errors, onChange, onRemove, testId }: { condition: Condition; definitions: Definition[]; errors?: RowErrors[string]; onChange: (c: Condition) => void; onRemove: () => void; testId: string }) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const d = definitions.find((x) => x.subject === condition.field);
  const operator = d?.operators.find((o) => o.value === condition.operator);
  const message = errors?.field ?? errors?.operator ?? errors?.value;
  return (
    <div className={styles.row} data-testid={testId}>
      <div className={styles.cells}>
        <Select
          className={styles.subject}
          showSearch={{ optionFilterProp: 'label' }}
          value={condition.field || undefined}
          placeholder={t('admin.rules.builder.chooseField')}
          options={groupedSubjects(definitions, labels, 'condition')}
          status={errors?.field ? 'error' : undefined}
          onChange={(field: string) => {
            const next = definitions.find((x) => x.subject === field);
            if (next) {
              onChange(blankCondition(next));
            }
          }}
          popupMatchSelectWidth={false}
        />
        {d ? (
          <Select
            className={styles.operator}
            value={condition.operator}
            options={d.operators.map((o) => ({ value: o.value, label: labels.operator(o.value, d) }))}
            status={errors?.operator ? 'error' : undefined}
            onChange={(op: string) => onChange({ ...condition, operator: op, value: d.operators.find((o) => o.value === op)?.terminal ? '' : condition.value })}
            popupMatchSelectWidth={false}
          />
        ) : null}
        <div className={styles.value}>
          {d && !operator?.terminal ? <ValueEditor definition={d} value={condition.value} onChange={(value) => onChange({ ...condition, value })} status={errors?.value ? 'error' : undefined} /> : null}
          {!d && condition.field ? <Typography.Text type="warning">{t('admin.rules.builder.unknownField', { field: condition.field })}</Typography.Text> : null}
        </div>
        <Button type="text" aria-label={t('admin.rules.builder.removeRow')} icon={<DeleteOutlined />} onClick={onRemove} />
      </div>
      {message ? (
        <Typography.Text type="danger" className={styles.error} role="alert">
          {message}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** The "all of these" and "any of these" groups of a rule's conditions, row by row. */
export function ConditionBuilder({
  value,
  onChange,
  definitions,
  errors = {},
  groupErrors = {},
  groups = ['all', 'any'],
}: {
  value: Conditions;
  onChange: (v: Conditions) => void;
  definitions: Definition[];
  errors?: RowErrors;
  groupErrors?: Record<string, string>;
  groups?: ('all' | 'any')[];
}) {
  const { t } = useTranslation();
  const update = (group: 'all' | 'any', rows: Condition[]) => onChange({ ...value, [group]: rows });
  return (
    <div className={styles.builder}>
      {groupErrors[''] ? <Alert type="error" showIcon title={groupErrors['']} /> : null}
      {groups.map((group) => (
        <section key={group} className={styles.group} data-testid={`conditions-${group}`}>
          <div className={styles.groupHead}>
            <Typography.Text strong>{t(`admin.rules.builder.${group}`)}</Typography.Text>
            <Typography.Text type="secondary">{t(`admin.rules.builder.${group}Help`)}</Typography.Text>
          </div>
          {groupErrors[group] ? <Alert type="error" showIcon title={groupErrors[group]} className={styles.groupError} data-testid={`conditions-${group}-error`} /> : null}
          {value[group].map((c, i) => (
            <ConditionRow
              key={i}
              testId={`condition-${group}-${i}`}
              condition={c}
              definitions={definitions}
              errors={errors[`${group}.${i}`]}
              onChange={(next) => update(group, value[group].map((x, j) => (j === i ? next : x)))}
              onRemove={() => update(group, value[group].filter((_, j) => j !== i))}
            />
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => update(group, [...value[group], { field: '', operator: '', value: '' }])}>
            {t('admin.rules.builder.addCondition')}
          </Button>
        </section>
      ))}
    </div>
  );
}
