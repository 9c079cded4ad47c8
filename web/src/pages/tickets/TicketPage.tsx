import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Avatar, Card, Dropdown, Flex, Form, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { ticketKeys, useAgents, useComments, useGroups, usePeople, useTicket } from '../../api/tickets';
import type { Ticket, TicketPriority, TicketStatus, TicketType } from '../../api/types';
import { Composer } from '../../components/Composer';
import { MailHtml } from '../../components/MailHtml';
import { SafeHtml } from '../../components/SafeHtml';
import { StatusTag } from '../../components/StatusTag';
import { MacroPicker, type MacroResult } from './MacroPicker';
import { useTicketPresence } from '../../api/presence';
import { useTimeFormat } from '../../components/use-time-format';
import { useUploads } from '../../components/uploads';
import { queue, useShortcuts } from '../../components/shortcuts';
import { AttachmentLinks } from '../../components/AttachmentLinks';


const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A macro's plain-text comment as the editor's HTML: paragraphs, line breaks kept. */
const htmlOf = (text: string): string => text.split(/\n{2,}/).map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');

const statuses: TicketStatus[] = ['open', 'pending', 'hold', 'solved'];
const priorities: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const types: TicketType[] = ['question', 'incident', 'problem', 'task'];

type Properties = Pick<Ticket, 'assignee_id' | 'group_id' | 'priority' | 'type' | 'tags'>;

/** One ticket: the conversation, a composer that submits with a status, and the properties. */
export default function TicketPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const ticket = useTicket(id);
  const comments = useComments(id);
  const agents = useAgents();
  const groups = useGroups();
  const people = usePeople([...(comments.data ?? []).map((c) => c.author_id), ...(ticket.data ? [ticket.data.requester_id] : [])]);
  const [mode, setMode] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Properties>();
  const colleagues = useTicketPresence(id, body.length > 0);
  const files = useUploads({ compact: true });
  const time = useTimeFormat('medium');
  const navigate = useNavigate();
  const focusComposer = (to: 'public' | 'internal') => {
    setMode(to);
    setTimeout(() => document.querySelector<HTMLElement>('.kefu-editor')?.focus(), 0);
  };
  const go = (step: 1 | -1) => {
    const next = queue.after(id, step);
    if (next !== null) {
      void navigate(`/tickets/${next}`);
    }
  };
  useShortcuts({
    r: () => focusComposer('public'),
    n: () => focusComposer('internal'),
    m: () => document.querySelector<HTMLElement>('[data-shortcut="macro"] input')?.focus(),
    j: () => go(1),
    k: () => go(-1),
  });
  // What an applied macro sets that the form does not show; sent with the next submit.
  const [macro, setMacro] = useState<{ title: string; status?: TicketStatus; extras: Pick<MacroResult['ticket'], 'collaborator_ids' | 'follower_ids' | 'custom_fields'> } | null>(null);

  if (ticket.isLoading) {
    return <Spin />;
  }
  if (!ticket.data) {
    return <Alert type="error" message={t('errors.generic')} />;
  }
  const tk = ticket.data;
  const names = new Map((people.data ?? []).map((u) => [u.id, u.name]));

  const submit = async (status?: TicketStatus) => {
    setBusy(true);
    setError(null);
    try {
      const props = form.getFieldsValue();
      const finalStatus = status ?? macro?.status;
      await api('PUT', `/api/v2/tickets/${id}`, {
        ticket: {
          ...props,
          ...macro?.extras,
          ...(finalStatus ? { status: finalStatus } : {}),
          ...(body ? { comment: { html_body: body, public: mode === 'public', ...(files.uploads ? { uploads: files.uploads } : {}) } } : {}),
        },
      });
      setBody('');
      files.reset();
      setMacro(null);
      void message.success(t('tickets.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.ticket(id) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.comments(id) }),
      ]);
    } catch (e) {
      setError(e instanceof ApiError ? [e.description, ...Object.values(e.details).flat().map((d) => d.description)].join(' ') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const applyMacro = (r: MacroResult) => {
    const { status, priority, type, assignee_id, group_id, tags, collaborator_ids, follower_ids, custom_fields } = r.ticket;
    const extras = { ...(collaborator_ids ? { collaborator_ids } : {}), ...(follower_ids ? { follower_ids } : {}), ...(custom_fields ? { custom_fields } : {}) };
    form.setFieldsValue({
      ...(priority !== undefined ? { priority } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(assignee_id !== undefined ? { assignee_id } : {}),
      ...(group_id !== undefined ? { group_id } : {}),
      ...(tags !== undefined ? { tags } : {}),
    });
    if (r.comment) {
      const html = r.comment.html_body ?? htmlOf(r.comment.body ?? '');
      setBody((current) => `${current}${html}`);
      setMode(r.comment.public ? 'public' : 'internal');
    }
    setMacro({ title: r.macro.title, ...(status ? { status } : {}), extras });
  };
  const agentName = (uid: number) => (agents.data ?? []).find((a) => a.id === uid)?.name ?? `#${uid}`;
  const groupName = (gid: number) => (groups.data ?? []).find((g) => g.id === gid)?.name ?? `#${gid}`;

  return (
    <Flex gap={16} align="flex-start">
      <Flex vertical gap={16} style={{ flex: 1, minWidth: 0 }}>
        <Card>
          <Link to="/tickets">← {t('tickets.back')}</Link>
          <Typography.Title level={3} style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">#{tk.id} </Typography.Text>
            {tk.subject}
          </Typography.Title>
          {colleagues.length > 0 ? (
            <Alert
              data-testid="presence"
              type={colleagues.some((c) => c.typing) ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              message={
                <Space size={4} wrap>
                  <Avatar.Group size="small">
                    {colleagues.map((c) => (
                      <Avatar key={c.id} style={{ background: c.typing ? '#fa8c16' : '#1677ff' }}>
                        {c.name.slice(0, 1)}
                      </Avatar>
                    ))}
                  </Avatar.Group>
                  {colleagues.map((c) => (c.typing ? t('presence.typing', { name: c.name }) : t('presence.viewing', { name: c.name }))).join(t('presence.separator'))}
                </Space>
              }
            />
          ) : null}
          <Space>
            <StatusTag status={tk.status} />
            <Typography.Text type="secondary">{t('tickets.via', { channel: t(`tickets.channels.${tk.via.channel}`, { defaultValue: tk.via.channel }) })}</Typography.Text>
          </Space>
        </Card>
        <Card title={t('tickets.conversation')}>
          <Flex vertical gap={12}>
            {(comments.data ?? []).map((c) => (
              <div
                key={c.id}
                data-testid={c.public ? 'public-comment' : 'internal-note'}
                style={{ padding: 12, borderRadius: 8, background: c.public ? '#fafafa' : '#fffbe6', border: `1px solid ${c.public ? '#f0f0f0' : '#ffe58f'}` }}
              >
                <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
                  <Avatar size="small">{(names.get(c.author_id) ?? '?').slice(0, 1)}</Avatar>
                  <Typography.Text strong>{names.get(c.author_id) ?? ''}</Typography.Text>
                  {c.public ? null : <Tag color="gold">{t('tickets.internal')}</Tag>}
                  <Typography.Text type="secondary">{time.format(new Date(c.created_at))}</Typography.Text>
                </Flex>
                {c.via?.channel === 'email' ? <MailHtml html={c.html_body} /> : <SafeHtml html={c.html_body} />}
                <AttachmentLinks files={c.attachments} />
              </div>
            ))}
          </Flex>
        </Card>
        <Card>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as 'public' | 'internal')}
            options={[
              { value: 'public', label: t('tickets.publicReply') },
              { value: 'internal', label: t('tickets.internalNote') },
            ]}
          />
            <MacroPicker ticketId={id} names={{ agent: agentName, group: groupName }} onApply={applyMacro} />
          </Flex>
          {macro ? (
            <Alert
              type="info"
              showIcon
              closable
              onClose={() => setMacro(null)}
              message={t('macros.applied', { title: macro.title })}
              description={macro.status ? t('macros.willSubmitAs', { status: t(`tickets.statuses.${macro.status}`) }) : undefined}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Composer
            ariaLabel={mode === 'public' ? t('tickets.publicReply') : t('tickets.internalNote')}
            value={body}
            onChange={setBody}
            placeholder={mode === 'public' ? t('tickets.replyPlaceholder') : t('tickets.notePlaceholder')}
            background={mode === 'internal' ? '#fffbe6' : undefined}
            onSubmit={() => void submit()}
          />
          <div style={{ marginTop: 8 }}>{files.upload}</div>
          {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Dropdown.Button
              type="primary"
              loading={busy}
              disabled={files.busy}
              onClick={() => void submit()}
              menu={{
                items: statuses.map((s) => ({ key: s, label: t('tickets.submitAs', { status: t(`tickets.statuses.${s}`) }) })),
                onClick: ({ key }) => void submit(key as TicketStatus),
              }}
            >
              {macro?.status ? t('tickets.submitAs', { status: t(`tickets.statuses.${macro.status}`) }) : t('tickets.submit')}
            </Dropdown.Button>
          </Flex>
        </Card>
      </Flex>
      <Card title={t('tickets.properties')} style={{ width: 300, flex: 'none' }}>
        <Typography.Paragraph>
          <Typography.Text type="secondary">{t('tickets.requester')}：</Typography.Text>
          <Link to={`/users/${tk.requester_id}`}>{names.get(tk.requester_id) ?? ''}</Link>
        </Typography.Paragraph>
        <Form<Properties>
          form={form}
          layout="vertical"
          key={tk.updated_at}
          initialValues={{ assignee_id: tk.assignee_id, group_id: tk.group_id, priority: tk.priority, type: tk.type, tags: tk.tags }}
        >
          <Form.Item name="assignee_id" label={t('tickets.assignee')}>
            <Select allowClear options={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))} placeholder={t('tickets.none')} />
          </Form.Item>
          <Form.Item name="group_id" label={t('tickets.group')}>
            <Select allowClear options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} placeholder={t('tickets.none')} />
          </Form.Item>
          <Form.Item name="priority" label={t('tickets.priority')}>
            <Select allowClear options={priorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))} placeholder={t('tickets.none')} />
          </Form.Item>
          <Form.Item name="type" label={t('tickets.type')}>
            <Select allowClear options={types.map((p) => ({ value: p, label: t(`tickets.types.${p}`) }))} placeholder={t('tickets.none')} />
          </Form.Item>
          <Form.Item name="tags" label={t('tickets.tags')}>
            <Select mode="tags" tokenSeparators={[' ', ',']} />
          </Form.Item>
        </Form>
      </Card>
    </Flex>
  );
}
