import { ThunderboltOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { TicketPriority, TicketStatus, TicketType } from '../../api/types';
import { SafeHtml } from '../../components/SafeHtml';

type Macro = { id: number; title: string; description: string | null };

/** What a macro would do to this ticket (the API's preview), applied to the unsaved draft. */
export type MacroResult = {
  macro: Macro;
  ticket: {
    status?: TicketStatus;
    priority?: TicketPriority | null;
    type?: TicketType | null;
    assignee_id?: number | null;
    group_id?: number | null;
    tags?: string[];
    collaborator_ids?: number[];
    follower_ids?: number[];
    custom_fields?: { id: number; value: unknown }[];
  };
  comment: { body: string | null; html_body: string | null; public: boolean } | null;
};

/**
 * Picks a macro, shows what it would change (comment and properties) and, on confirm,
 * hands the result to the composer, which submits it with the agent's own edits.
 */
export function MacroPicker({ ticketId, names, onApply }: { ticketId: number; names: { agent: (id: number) => string; group: (id: number) => string }; onApply: (r: MacroResult) => void }) {
  const { t } = useTranslation();
  const macros = useQuery({ queryKey: ['macros', 'active'], queryFn: async () => (await api<{ macros: Macro[] }>('GET', '/api/v2/macros/active')).macros });
  const [preview, setPreview] = useState<MacroResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const choose = async (id: number) => {
    const macro = (macros.data ?? []).find((m) => m.id === id);
    if (!macro) {
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const { result } = await api<{ result: Omit<MacroResult, 'macro'> }>('GET', `/api/v2/tickets/${ticketId}/macros/${id}/apply`);
      setPreview({ macro, ...result });
    } catch (e) {
      setError(e instanceof ApiError ? e.description : t('errors.network'));
    } finally {
      setLoading(false);
    }
  };

  const rows = preview ? changeRows(preview, names, t) : [];
  return (
    <>
      <Select<number>
        data-shortcut="macro"
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('macros.apply')}
        placeholder={
          <span>
            <ThunderboltOutlined /> {t('macros.apply')}
          </span>
        }
        value={null}
        loading={macros.isLoading || loading}
        onChange={(id) => void choose(id)}
        options={(macros.data ?? []).map((m) => ({ value: m.id, label: m.title }))}
        notFoundContent={t('macros.none')}
        style={{ minWidth: 200 }}
      />
      {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} /> : null}
      <Modal
        open={preview !== null}
        title={t('macros.previewTitle', { title: preview?.macro.title ?? '' })}
        okText={t('macros.use')}
        cancelText={t('macros.cancel')}
        onCancel={() => setPreview(null)}
        onOk={() => {
          if (preview) {
            onApply(preview);
          }
          setPreview(null);
        }}
        destroyOnHidden
      >
        {preview?.macro.description ? <Typography.Paragraph type="secondary">{preview.macro.description}</Typography.Paragraph> : null}
        {preview?.comment ? (
          <div data-testid="macro-preview-comment" style={{ padding: 12, borderRadius: 8, marginBottom: 12, background: preview.comment.public ? '#fafafa' : '#fffbe6', border: '1px solid #f0f0f0' }}>
            <Tag color={preview.comment.public ? 'blue' : 'gold'}>{preview.comment.public ? t('tickets.publicReply') : t('tickets.internalNote')}</Tag>
            {preview.comment.html_body ? <SafeHtml html={preview.comment.html_body} /> : <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{preview.comment.body}</Typography.Paragraph>}
          </div>
        ) : null}
        {rows.length > 0 ? <Descriptions size="small" column={1} bordered items={rows} /> : <Typography.Text type="secondary">{t('macros.noChanges')}</Typography.Text>}
      </Modal>
    </>
  );
}

function changeRows(r: MacroResult, names: { agent: (id: number) => string; group: (id: number) => string }, t: ReturnType<typeof useTranslation>['t']) {
  const none = t('tickets.none');
  const c = r.ticket;
  const rows: { key: string; label: string; children: string }[] = [];
  if (c.status !== undefined) {
    rows.push({ key: 'status', label: t('tickets.status'), children: t(`tickets.statuses.${c.status}`) });
  }
  if (c.priority !== undefined) {
    rows.push({ key: 'priority', label: t('tickets.priority'), children: c.priority ? t(`tickets.priorities.${c.priority}`) : none });
  }
  if (c.type !== undefined) {
    rows.push({ key: 'type', label: t('tickets.type'), children: c.type ? t(`tickets.types.${c.type}`) : none });
  }
  if (c.assignee_id !== undefined) {
    rows.push({ key: 'assignee', label: t('tickets.assignee'), children: c.assignee_id === null ? none : names.agent(c.assignee_id) });
  }
  if (c.group_id !== undefined) {
    rows.push({ key: 'group', label: t('tickets.group'), children: c.group_id === null ? none : names.group(c.group_id) });
  }
  if (c.tags !== undefined) {
    rows.push({ key: 'tags', label: t('tickets.tags'), children: c.tags.join(', ') || none });
  }
  return rows;
}
