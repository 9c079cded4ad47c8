import { ArrowRightOutlined, MailOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAudits, useGroups, usePeople, useTicketFields, useTicketForms, type Audit } from '../../api/tickets';
import { useTimeFormat } from '../../components/use-time-format';
import { changeLines, type Names, notificationLines } from './audit-lines';

const peopleIn = (audits: Audit[]): number[] =>
  audits.flatMap((a) => [
    ...(a.author_id === null ? [] : [a.author_id]),
    ...a.events.flatMap((e) =>
      (e.type === 'Create' || e.type === 'Change') && ['assignee_id', 'requester_id', 'collaborator_ids', 'follower_ids'].includes(e.field)
        ? [e.value, e.type === 'Change' ? e.previous_value : null].flat().filter((v): v is number => typeof v === 'number')
        : [],
    ),
  ]);

/**
 * The ticket's history, newest first: for every audit who acted, when (in the reader's time
 * zone), through which channel, and what happened — each property's old and new value by
 * name, comments, rules applied and the notifications they sent.
 */
export function HistoryList({ ticketId }: { ticketId: number }) {
  const { t, i18n } = useTranslation();
  const audits = useAudits(ticketId, true);
  const all = (audits.data?.pages ?? []).flatMap((p) => p.audits);
  const people = usePeople(peopleIn(all));
  const groups = useGroups();
  const fields = useTicketFields();
  const forms = useTicketForms();
  const time = useTimeFormat('medium');

  if (audits.isLoading) {
    return <Skeleton active />;
  }
  if (audits.isError) {
    return <Alert type="error" showIcon message={t('tickets.history.error')} action={<Button size="small" onClick={() => void audits.refetch()}>{t('tickets.history.retry')}</Button>} />;
  }
  if (all.length === 0) {
    return <Empty description={t('tickets.history.empty')} />;
  }
  const personNames = new Map((people.data ?? []).map((u) => [u.id, u.name]));
  const names: Names = {
    person: (id) => personNames.get(id) ?? `#${id}`,
    group: (id) => (groups.data ?? []).find((g) => g.id === id)?.name ?? `#${id}`,
    form: (id) => (forms.data ?? []).find((f) => f.id === id)?.display_name ?? `#${id}`,
    fields: new Map((fields.data ?? []).map((f) => [f.id, f])),
    language: i18n.language,
  };
  return (
    <Flex vertical gap={0} data-testid="history">
      {[...all].reverse().map((audit) => {
        const author = audit.author_id === null ? t('tickets.history.system') : names.person(audit.author_id);
        const channel = t(`tickets.channels.${audit.via.channel}`, { defaultValue: audit.via.channel });
        const rules = (audit.metadata.rules ?? []).filter((r) => r.actions.some((a) => a.result === 'applied'));
        const notices = notificationLines(audit.metadata.rules, t, names);
        return (
          <div key={audit.id} data-testid="audit" style={{ display: 'flex', gap: 12, padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Avatar size="small" style={{ flex: 'none', background: audit.author_id === null ? '#8c8c8c' : '#1677ff' }}>
              {author.slice(0, 1)}
            </Avatar>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Flex gap={8} align="baseline" wrap>
                <Typography.Text strong>{author}</Typography.Text>
                <Typography.Text type="secondary">{time.format(new Date(audit.created_at))}</Typography.Text>
                <Tag bordered={false}>{t('tickets.history.via', { channel })}</Tag>
              </Flex>
              <Flex vertical gap={4} style={{ marginTop: 6 }}>
                {audit.events.map((e, i) => {
                  switch (e.type) {
                    case 'Comment':
                      return (
                        <Typography.Paragraph key={i} style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                          <Tag color={e.public ? 'blue' : 'gold'} bordered={false}>
                            {e.public ? t('tickets.history.publicComment') : t('tickets.history.internalComment')}
                          </Tag>
                          {e.body}
                        </Typography.Paragraph>
                      );
                    case 'Create':
                    case 'Change':
                      return changeLines(e, t, names).map((line) => (
                        <Flex key={`${i}-${line.key}`} gap={6} wrap align="center" data-testid="audit-change">
                          <Typography.Text type="secondary">{line.label}</Typography.Text>
                          {line.from !== null ? (
                            <>
                              <Typography.Text delete type="secondary">
                                {line.from}
                              </Typography.Text>
                              <ArrowRightOutlined style={{ fontSize: 11, color: '#8c8c8c' }} />
                            </>
                          ) : null}
                          <Typography.Text>{line.to}</Typography.Text>
                          {line.rule ? (
                            <Tag bordered={false} color="purple">
                              {line.rule}
                            </Tag>
                          ) : null}
                        </Flex>
                      ));
                    case 'FollowUp':
                      return <Typography.Text key={i}>{t('tickets.history.followUp', { id: e.source_id })}</Typography.Text>;
                    case 'SlaBreach':
                      return (
                        <Typography.Text key={i} type="danger">
                          {t('tickets.history.slaBreach', { metric: t(`tickets.history.metrics.${e.metric}`, { defaultValue: e.metric }) })}
                        </Typography.Text>
                      );
                    default:
                      return null;
                  }
                })}
                {rules.map((r) => (
                  <Typography.Text key={`${r.kind}-${r.id}`} type="secondary">
                    <ThunderboltOutlined /> {t(`tickets.history.applied.${r.kind}`, { title: r.title })}
                  </Typography.Text>
                ))}
                {notices.map((n) => (
                  <Typography.Text key={n.key} type="secondary">
                    <MailOutlined /> {n.text}
                  </Typography.Text>
                ))}
              </Flex>
            </div>
          </div>
        );
      })}
      {audits.hasNextPage ? (
        <Button type="link" loading={audits.isFetchingNextPage} onClick={() => void audits.fetchNextPage()}>
          {t('tickets.loadMore')}
        </Button>
      ) : null}
    </Flex>
  );
}
