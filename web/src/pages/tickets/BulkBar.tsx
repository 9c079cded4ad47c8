import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useAgents, useGroups } from '../../api/tickets';
import type { TicketStatus } from '../../api/types';
import { describeFailure, finished, type JobStatus } from './job-status';
import { type BulkChange, useBulkChange } from './use-bulk-change';
import type { RowPatch } from './view-cache';

type Selected = { id: number; subject: string };
type MacroChoice = { id: number; title: string };

const statuses: TicketStatus[] = ['open', 'pending', 'hold', 'solved'];

const describe = describeFailure;

/** Some of the tickets refused a change made one by one; each line names one. */
class BulkRefusal extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/**
 * What an agent can do to the selected tickets at once: set status, assignee, group, add
 * tags, apply a macro, merge into one, mark as spam, delete. Changes go through the API's bulk endpoints
 * (jobs); failures are reported per ticket and nothing else is lost. Status, assignee, group, tags,
 * spam and delete show in the list at once and the bar closes (see useBulkChange); a macro and
 * a merge, whose effects only the server knows, wait here for their job.
 */
export function BulkBar({ selected, onDone }: { selected: Selected[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const agents = useAgents();
  const groups = useGroups();
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const [target, setTarget] = useState<number | null>(null);
  const [macro, setMacro] = useState<MacroChoice | null>(null);
  const macros = useQuery({ queryKey: ['macros', 'active'], queryFn: async () => (await api<{ macros: MacroChoice[] }>('GET', '/api/v2/macros/active')).macros });
  const ids = selected.map((s) => s.id);

  const run = async (start: () => Promise<{ job_status: JobStatus } | undefined>, done: string) => {
    setBusy(true);
    setFailures([]);
    try {
      const started = await start();
      const job = started ? await finished(started.job_status) : null;
      const failed = (job?.results ?? []).filter((r) => !r.success);
      if (job?.status === 'failed') {
        setFailures([job.message ?? t('errors.generic')]);
      } else if (failed.length > 0) {
        setFailures(failed.map((f) => `#${f.id ?? ids[f.index ?? -1] ?? ''} ${f.error ?? ''} ${describe(f.details)}`.trim()));
      } else {
        void message.success(done);
        onDone();
      }
    } catch (e) {
      if (e instanceof BulkRefusal) {
        setFailures(e.lines);
        return;
      }
      setFailures([e instanceof ApiError ? `${e.description} ${describe(e.details)}`.trim() : t('errors.network')]);
    } finally {
      setBusy(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['view-rows'] }),
        queryClient.invalidateQueries({ queryKey: ['view-counts'] }),
      ]);
    }
  };
  // A macro is applied to each ticket by the API's own apply (its audit names the macro); one
  // ticket refusing (a required field, no permission) does not stop the others.
  const applyMacro = (chosen: MacroChoice) =>
    run(async () => {
      const refused: string[] = [];
      for (const id of ids) {
        try {
          await api('POST', `/api/v2/tickets/${id}/macros/${chosen.id}/apply`);
        } catch (e) {
          refused.push(`#${id} ${e instanceof ApiError ? `${e.description} ${describe(e.details)}`.trim() : t('errors.network')}`);
        }
      }
      if (refused.length > 0) {
        throw new BulkRefusal(refused);
      }
      return undefined;
    }, t('bulk.macroApplied', { count: ids.length, title: chosen.title }));
  const bulk = useBulkChange();
  const change = (c: BulkChange) => {
    bulk.mutate(c);
    onDone();
  };
  const update = (ticket: Record<string, unknown>, shows: RowPatch = {}) => {
    const agent = (agents.data ?? []).find((a) => a.id === shows.assignee_id);
    const group = (groups.data ?? []).find((g) => g.id === shows.group_id);
    change({ kind: 'update', ids, ticket, shows, names: { users: agent?.id ? [{ id: agent.id, name: agent.name }] : [], groups: group ? [group] : [] } });
  };

  return (
    <div data-testid="bulk-bar" style={{ padding: '8px 12px', marginBottom: 12, background: '#f0f7ff', borderRadius: 8 }}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{t('bulk.selected', { count: ids.length })}</Typography.Text>
        <Select<TicketStatus> size="small" aria-label={t('bulk.status')} placeholder={t('bulk.status')} value={null} disabled={busy} style={{ width: 120 }} onChange={(status) => update({ status }, { status })} options={statuses.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))} />
        <Select<number> size="small" aria-label={t('bulk.assignee')} placeholder={t('bulk.assignee')} value={null} disabled={busy} style={{ width: 130 }} showSearch={{ optionFilterProp: 'label' }} onChange={(assignee_id) => update({ assignee_id }, { assignee_id })} options={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        <Select<number> size="small" aria-label={t('bulk.group')} placeholder={t('bulk.group')} value={null} disabled={busy} style={{ width: 130 }} onChange={(group_id) => update({ group_id, assignee_id: null }, { group_id, assignee_id: null })} options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
        <Select<string[]> size="small" mode="tags" aria-label={t('bulk.tags')} placeholder={t('bulk.tags')} value={[]} disabled={busy} style={{ width: 150 }} onChange={(tags) => tags.length > 0 && update({ additional_tags: tags })} tokenSeparators={[' ', ',']} open={false} />
        <Select<number>
          size="small"
          aria-label={t('bulk.macro')}
          placeholder={t('bulk.macro')}
          value={null}
          disabled={busy}
          style={{ width: 150 }}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={macros.isLoading ? t('app.loading') : t('macros.none')}
          onChange={(id) => setMacro((macros.data ?? []).find((m) => m.id === id) ?? null)}
          options={(macros.data ?? []).map((m) => ({ value: m.id, label: m.title }))}
        />
        <Button size="small" disabled={busy || ids.length < 2} onClick={() => (setTarget(ids[0] ?? null), setMerging(true))}>
          {t('bulk.merge')}
        </Button>
        <Popconfirm title={t('bulk.spamConfirm', { count: ids.length })} onConfirm={() => change({ kind: 'spam', ids })}>
          <Button size="small" danger disabled={busy}>
            {t('bulk.spam')}
          </Button>
        </Popconfirm>
        <Popconfirm title={t('bulk.deleteConfirm', { count: ids.length })} onConfirm={() => change({ kind: 'delete', ids })}>
          <Button size="small" danger type="primary" disabled={busy}>
            {t('bulk.delete')}
          </Button>
        </Popconfirm>
        {busy ? <Typography.Text type="secondary">{t('bulk.working')}</Typography.Text> : null}
      </Flex>
      {failures.length > 0 ? <Alert type="error" showIcon style={{ marginTop: 8 }} message={t('bulk.someFailed')} description={failures.join('\n')} closable onClose={() => setFailures([])} /> : null}
      <Modal
        open={macro !== null}
        title={t('bulk.macroTitle')}
        okText={t('bulk.macroApply')}
        cancelText={t('macros.cancel')}
        onCancel={() => setMacro(null)}
        onOk={() => {
          const chosen = macro;
          setMacro(null);
          if (chosen) {
            void applyMacro(chosen);
          }
        }}
      >
        <Typography.Paragraph>{t('bulk.macroConfirm', { count: ids.length, title: macro?.title ?? '' })}</Typography.Paragraph>
      </Modal>
      <Modal
        open={merging}
        title={t('bulk.mergeTitle')}
        okText={t('bulk.merge')}
        cancelText={t('macros.cancel')}
        okButtonProps={{ danger: true, disabled: target === null }}
        onCancel={() => setMerging(false)}
        onOk={() => {
          setMerging(false);
          const sources = ids.filter((id) => id !== target);
          void run(() => api('POST', `/api/v2/tickets/${target}/merge`, { ids: sources }), t('bulk.merged', { count: sources.length }));
        }}
      >
        <Typography.Paragraph type="secondary">{t('bulk.mergeHelp')}</Typography.Paragraph>
        <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as number)}>
          <Space direction="vertical">
            {selected.map((s) => (
              <Radio key={s.id} value={s.id}>
                #{s.id} {s.subject}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Modal>
    </div>
  );
}
