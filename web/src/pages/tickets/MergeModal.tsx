import { useQuery } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Ticket } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';
import { describeFailure, finished, type JobStatus } from './job-status';

type Values = { target: number; target_comment: string; target_comment_is_public: boolean; source_comment: string; source_comment_is_public: boolean };

/** Tickets matching what the agent typed: "#123" or "123" finds that ticket; words search. */
function useTargets(query: string, exclude: number) {
  return useQuery({
    queryKey: ['merge-targets', query],
    enabled: query.length > 0,
    queryFn: async () => {
      const number = /^#?(\d+)$/.exec(query)?.[1];
      if (number) {
        const found = await api<{ ticket: Ticket }>('GET', `/api/v2/tickets/${number}`).catch(() => null);
        return found ? [found.ticket] : [];
      }
      return (await api<{ results: Ticket[] }>('GET', `/api/v2/search?query=${encodeURIComponent(`type:ticket ${query}`)}&per_page=20`)).results;
    },
    select: (list) => list.filter((tk) => tk.id !== exclude && tk.status !== 'closed'),
  });
}

/**
 * Merges this ticket into another: choose the target by number or words, edit the note each
 * ticket gets, then confirm (merging closes this ticket and cannot be undone).
 */
export function MergeModal({ ticket, open, onClose, onMerged }: { ticket: Ticket; open: boolean; onClose: () => void; onMerged: (target: number) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const targets = useTargets(query, ticket.id);
  const target = Form.useWatch('target', form);
  useEffect(() => {
    // The notes name the target as soon as one is chosen, unless the agent already wrote their own.
    if (target !== undefined && !form.isFieldTouched('target_comment') && !form.isFieldTouched('source_comment')) {
      form.setFieldsValue({
        target_comment: t('tickets.merge.defaultTargetNote', { id: ticket.id, subject: ticket.subject }),
        source_comment: t('tickets.merge.defaultSourceNote', { id: target }),
      });
    }
  }, [target, form, t, ticket.id, ticket.subject]);

  const merge = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const started = await api<{ job_status: JobStatus }>('POST', `/api/v2/tickets/${v.target}/merge`, {
        ids: [ticket.id],
        target_comment: v.target_comment,
        source_comment: v.source_comment,
        target_comment_is_public: v.target_comment_is_public,
        source_comment_is_public: v.source_comment_is_public,
      });
      const job = await finished(started.job_status);
      const failed = job.results.find((r) => !r.success);
      if (job.status === 'failed' || failed) {
        setError([job.message, failed?.error, describeFailure(failed?.details)].filter(Boolean).join(' ') || t('errors.generic'));
        return;
      }
      onMerged(v.target);
    } catch (e) {
      setError(e instanceof ApiError ? [e.description, describeFailure(e.details)].filter(Boolean).join(' ') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const confirm = (v: Values) => {
    modal.confirm({
      title: t('tickets.merge.confirmTitle'),
      content: t('tickets.merge.confirmText', { source: ticket.id, target: v.target }),
      okText: t('tickets.merge.confirmOk'),
      okButtonProps: { danger: true },
      cancelText: t('tickets.merge.cancel'),
      onOk: () => merge(v),
    });
  };

  return (
    <Modal
      open={open}
      title={t('tickets.merge.title', { id: ticket.id })}
      okText={t('tickets.merge.next')}
      cancelText={t('tickets.merge.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('tickets.merge.help')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" preserve={false} onFinish={confirm} initialValues={{ target_comment_is_public: false, source_comment_is_public: false }}>
        <Form.Item name="target" label={t('tickets.merge.target')} rules={[{ required: true, message: t('tickets.merge.chooseTarget') }]}>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('tickets.merge.targetPlaceholder')}
            notFoundContent={targets.isFetching ? <Spin size="small" /> : query ? t('tickets.merge.noMatch') : t('tickets.merge.typeToSearch')}
            options={(targets.data ?? []).map((tk) => ({
              value: tk.id,
              label: (
                <span>
                  <StatusTag status={tk.status} /> #{tk.id} {tk.subject}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="target_comment" label={t('tickets.merge.targetNote')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ marginBottom: 4 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="target_comment_is_public" valuePropName="checked">
          <Checkbox>{t('tickets.merge.public')}</Checkbox>
        </Form.Item>
        <Form.Item name="source_comment" label={t('tickets.merge.sourceNote')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ marginBottom: 4 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="source_comment_is_public" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('tickets.merge.public')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
