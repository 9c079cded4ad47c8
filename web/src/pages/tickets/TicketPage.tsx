import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Avatar, Button, Card, Dropdown, Flex, Form, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ticketKeys, useAgents, useComments, useGroups, usePeople, useTicket, useTicketFields, useTicketForms } from '../../api/tickets';
import type { TicketStatus } from '../../api/types';
import { answersFor, shownFields, valuesOf } from '../../components/custom-fields/conditions';
import { applyCustomFieldErrors } from '../../components/custom-fields/field-errors';
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
import { applyApiError } from '../../components/form-errors';
import { HistoryList } from './HistoryList';
import { MergeModal } from './MergeModal';
import { PrintSummary } from './PrintSummary';
import { type Properties, PropertiesPanel } from './PropertiesPanel';
import { RequesterCard } from './RequesterCard';
import { TicketActions } from './TicketActions';
import { isPending, takeReturnedDraft, useTicketSubmit } from './use-ticket-submit';
import './ticket-page.css';
import './ticket-print.css';


const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A macro's plain-text comment as the editor's HTML: paragraphs, line breaks kept. */
const htmlOf = (text: string): string => text.split(/\n{2,}/).map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');

const statuses: TicketStatus[] = ['open', 'pending', 'hold', 'solved'];
const sameIds = (a: number[], b: number[]) => JSON.stringify([...a].sort((x, y) => x - y)) === JSON.stringify([...b].sort((x, y) => x - y));

/** Server paths of the standard properties, onto the panel's fields. */
const propertyAliases = Object.fromEntries(['assignee_id', 'group_id', 'priority', 'type', 'tags', 'ticket_form_id', 'collaborator_ids', 'follower_ids'].map((f) => [`ticket.${f}`, f]));

/**
 * One ticket: the conversation (or its history), a composer that submits with a status, the
 * properties with the form's fields and CCs, who is asking, and merge and print.
 */
export default function TicketPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const ticket = useTicket(id);
  const comments = useComments(id);
  const agents = useAgents();
  const groups = useGroups();
  const fields = useTicketFields();
  const forms = useTicketForms();
  const people = usePeople([...(comments.data ?? []).map((c) => c.author_id), ...(ticket.data ? [ticket.data.requester_id, ...ticket.data.collaborator_ids] : [])]);
  const [tab, setTab] = useState<'conversation' | 'history'>('conversation');
  const [merging, setMerging] = useState(false);
  const [mode, setMode] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Properties>();
  const colleagues = useTicketPresence(id, body.length > 0);
  const files = useUploads({ compact: true });
  const time = useTimeFormat('medium');
  const navigate = useNavigate();
  const saving = useTicketSubmit(id);
  // Bumped when the panel should show the ticket as saved again: after a submit, after a conflict.
  const [panelVersion, setPanelVersion] = useState(0);
  // The page stays mounted when j/k moves to another ticket; an answer for the previous one must not land here.
  const shownId = useRef(id);
  shownId.current = id;
  useEffect(() => {
    const draft = takeReturnedDraft(id);
    if (draft) {
      setBody((current) => draft.body + current);
      setMode(draft.mode);
    }
  }, [id]);
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
  const [macro, setMacro] = useState<{ title: string; status?: TicketStatus } | null>(null);

  if (ticket.isLoading) {
    return <Skeleton active />;
  }
  if (!ticket.data) {
    return <Alert type="error" showIcon message={ticket.error instanceof ApiError && ticket.error.status === 404 ? t('tickets.notFound') : t('errors.generic')} />;
  }
  const tk = ticket.data;
  const names = new Map((people.data ?? []).map((u) => [u.id, u.name]));

  /** What the panel changed, in the API's shape: answers only for the fields shown, and only those that moved. */
  const propertyChanges = () => {
    const { custom_fields: answers, ticket_form_id, collaborator_ids, follower_ids, ...props } = form.getFieldsValue(true) as Properties;
    const chosenForm = (forms.data ?? []).find((f) => f.id === ticket_form_id) ?? null;
    const stored = valuesOf(tk.custom_fields);
    const moved = answersFor(shownFields(fields.data ?? [], chosenForm, 'agent', answers ?? {}), answers).filter((a) => JSON.stringify(a.value) !== JSON.stringify(stored[String(a.id)] ?? null));
    return {
      ...props,
      ...(ticket_form_id !== tk.ticket_form_id ? { ticket_form_id: ticket_form_id ?? null } : {}),
      ...(moved.length > 0 ? { custom_fields: moved } : {}),
      ...(sameIds(collaborator_ids ?? [], tk.collaborator_ids) ? {} : { collaborator_ids }),
      ...(sameIds(follower_ids ?? [], tk.follower_ids) ? {} : { follower_ids }),
    };
  };

  /**
   * Sends the panel's changes, the status and the reply. The page shows them at once (see
   * useTicketSubmit); a refusal puts the reply back in the composer and says why beside the
   * fields, and a conflict shows the ticket as it is now.
   */
  const submit = (status?: TicketStatus) => {
    if (saving.isPending) {
      return;
    }
    setError(null);
    const finalStatus = status ?? macro?.status;
    const comment = body ? { html_body: body, public: mode === 'public', ...(files.uploads ? { uploads: files.uploads } : {}) } : undefined;
    setBody('');
    saving.mutate(
      { changes: { ...propertyChanges(), ...(finalStatus ? { status: finalStatus } : {}) }, ...(comment ? { comment } : {}) },
      {
        onSuccess: () => {
          if (shownId.current !== id) {
            return;
          }
          files.reset();
          setMacro(null);
          setPanelVersion((v) => v + 1);
          void message.success(t('tickets.saved'));
        },
        onError: (e) => {
          if (shownId.current !== id) {
            return;
          }
          const draft = takeReturnedDraft(id);
          if (draft) {
            setBody((current) => draft.body + current);
            setMode(draft.mode);
          }
          // The ticket has been fetched again by now (the hook's own callbacks ran first).
          if (e instanceof ApiError && e.status === 409) {
            setPanelVersion((v) => v + 1);
            setError(t('tickets.conflict'));
            return;
          }
          placeErrors(e);
        },
      },
    );
  };

  // Field complaints go to their editors in the panel; the rest (the comment, the status) above the button.
  const placeErrors = (e: unknown) => {
    const rest = applyCustomFieldErrors(form, e);
    const placedOnFields = e instanceof ApiError && Object.keys(rest).length < Object.keys(e.details).length;
    const leftover = e instanceof ApiError ? applyApiError(form, new ApiError(e.status, e.code, e.description, rest), t, propertyAliases) : applyApiError(form, e, t);
    setError(placedOnFields && Object.keys(rest).length === 0 ? t('tickets.fixFields') : leftover);
    const first = e instanceof ApiError ? Object.keys(e.details)[0] : undefined;
    const fieldId = first ? /custom_fields\[(\d+)\]/.exec(first)?.[1] : undefined;
    if (fieldId) {
      form.scrollToField(['custom_fields', fieldId], { behavior: 'smooth', block: 'center' });
    }
  };

  const applyMacro = (r: MacroResult) => {
    const { status, priority, type, assignee_id, group_id, tags, collaborator_ids, follower_ids, custom_fields } = r.ticket;
    // What the macro sets lands in the panel, where the agent sees and can still change it before submitting.
    form.setFieldsValue({
      ...(priority !== undefined ? { priority } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(assignee_id !== undefined ? { assignee_id } : {}),
      ...(group_id !== undefined ? { group_id } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(collaborator_ids !== undefined ? { collaborator_ids } : {}),
      ...(follower_ids !== undefined ? { follower_ids } : {}),
      ...(custom_fields !== undefined ? { custom_fields: { ...((form.getFieldValue('custom_fields') as Properties['custom_fields'] | undefined) ?? {}), ...valuesOf(custom_fields) } } : {}),
    });
    if (r.comment) {
      const html = r.comment.html_body ?? htmlOf(r.comment.body ?? '');
      setBody((current) => `${current}${html}`);
      setMode(r.comment.public ? 'public' : 'internal');
    }
    setMacro({ title: r.macro.title, ...(status ? { status } : {}) });
  };
  const agentName = (uid: number) => (agents.data ?? []).find((a) => a.id === uid)?.name ?? `#${uid}`;
  const groupName = (gid: number) => (groups.data ?? []).find((g) => g.id === gid)?.name ?? `#${gid}`;

  const personName = (uid: number) => names.get(uid) ?? agentName(uid);
  const conversation = (
    <Flex vertical gap={12}>
      {comments.isLoading ? <Skeleton active /> : null}
      {(comments.data ?? []).map((c) => (
        <div
          key={c.id}
          className="kefu-print-comment"
          data-testid={isPending(c) ? 'pending-comment' : c.public ? 'public-comment' : 'internal-note'}
          style={{ padding: 12, borderRadius: 8, background: c.public ? '#fafafa' : '#fffbe6', border: `1px solid ${c.public ? '#f0f0f0' : '#ffe58f'}`, ...(isPending(c) ? { opacity: 0.6 } : {}) }}
        >
          <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
            <Avatar size="small">{(names.get(c.author_id) ?? agentName(c.author_id)).slice(0, 1)}</Avatar>
            <Typography.Text strong>{names.get(c.author_id) ?? agentName(c.author_id)}</Typography.Text>
            {c.public ? null : <Tag color="gold">{t('tickets.internal')}</Tag>}
            {isPending(c) ? <Tag>{t('tickets.sending')}</Tag> : null}
            <Typography.Text type="secondary">{time.format(new Date(c.created_at))}</Typography.Text>
          </Flex>
          {c.via?.channel === 'email' ? <MailHtml html={c.html_body} /> : <SafeHtml html={c.html_body} />}
          <AttachmentLinks files={c.attachments} />
        </div>
      ))}
    </Flex>
  );

  return (
    <Flex gap={16} align="flex-start" className="kefu-ticket-page">
      <Flex vertical gap={16} style={{ flex: 1, minWidth: 0 }}>
        <Card>
          <Flex justify="space-between" align="flex-start" gap={12}>
            <div style={{ minWidth: 0 }}>
              <Link to="/tickets" className="kefu-no-print">
                ← {t('tickets.back')}
              </Link>
              <Typography.Title level={3} style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">#{tk.id} </Typography.Text>
                {tk.subject}
              </Typography.Title>
            </div>
            <TicketActions
              className="kefu-no-print"
              canMerge={tk.status !== 'closed'}
              onHistory={() => setTab('history')}
              onMerge={() => setMerging(true)}
              onPrint={() => {
                setTab('conversation');
                // Let the conversation render before the print dialog snapshots the page.
                setTimeout(() => window.print(), 50);
              }}
            />
          </Flex>
          {colleagues.length > 0 ? (
            <Alert
              data-testid="presence"
              className="kefu-no-print"
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
          <Space wrap>
            <span data-testid="ticket-status">
              <StatusTag status={tk.status} />
            </span>
            <Typography.Text type="secondary">{t('tickets.via', { channel: t(`tickets.channels.${tk.via.channel}`, { defaultValue: tk.via.channel }) })}</Typography.Text>
            {tk.collaborator_ids.length > 0 ? (
              <Typography.Text type="secondary" data-testid="cc-summary">
                {t('tickets.ccSummary', { names: tk.collaborator_ids.map(personName).join('、') })}
              </Typography.Text>
            ) : null}
          </Space>
        </Card>
        <PrintSummary ticket={tk} fields={fields.data ?? []} forms={forms.data ?? []} name={personName} group={groupName} />
        <Card
          activeTabKey={tab}
          onTabChange={(key) => setTab(key as 'conversation' | 'history')}
          tabList={[
            { key: 'conversation', label: t('tickets.conversation') },
            { key: 'history', label: t('tickets.history.tab') },
          ]}
          tabProps={{ size: 'middle' }}
        >
          {tab === 'history' ? <HistoryList ticketId={id} /> : conversation}
        </Card>
        <Card className="kefu-no-print">
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
            onSubmit={() => submit()}
          />
          <div style={{ marginTop: 8 }}>{files.upload}</div>
          {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} role="alert" /> : null}
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Dropdown.Button
              type="primary"
              loading={saving.isPending}
              disabled={files.busy}
              onClick={() => submit()}
              menu={{
                items: statuses.map((s) => ({ key: s, label: t('tickets.submitAs', { status: t(`tickets.statuses.${s}`) }) })),
                onClick: ({ key }) => submit(key as TicketStatus),
              }}
            >
              {macro?.status ? t('tickets.submitAs', { status: t(`tickets.statuses.${macro.status}`) }) : t('tickets.submit')}
            </Dropdown.Button>
          </Flex>
        </Card>
      </Flex>
      <Flex vertical gap={16} style={{ width: 320, flex: 'none' }} className="kefu-no-print">
        <RequesterCard requesterId={tk.requester_id} ticketId={tk.id} />
        <Card size="small" title={t('tickets.properties')} data-testid="properties">
          {fields.isError || forms.isError ? (
            <Alert type="warning" showIcon message={t('tickets.fieldsUnavailable')} style={{ marginBottom: 12 }} action={<Button size="small" onClick={() => void Promise.all([fields.refetch(), forms.refetch()])}>{t('tickets.history.retry')}</Button>} />
          ) : null}
          {fields.isLoading || forms.isLoading ? (
            <Skeleton active />
          ) : (
            <PropertiesPanel form={form} ticket={tk} version={panelVersion} agents={agents.data ?? []} groups={groups.data ?? []} fields={fields.data ?? []} forms={forms.data ?? []} />
          )}
        </Card>
      </Flex>
      <MergeModal
        ticket={tk}
        open={merging}
        onClose={() => setMerging(false)}
        onMerged={(target) => {
          setMerging(false);
          void message.success(t('tickets.merge.done', { id: tk.id, target }));
          void queryClient.invalidateQueries({ queryKey: ticketKeys.ticket(id) });
          void navigate(`/tickets/${target}`);
        }}
      />
    </Flex>
  );
}
