import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Avatar, Button, Card, Flex, Input, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { portalKeys, useRequest, useRequestComments } from '../api/portal';
import type { AccountSettings, Request, User } from '../api/types';
import { SafeHtml } from '../components/SafeHtml';
import { StatusTag } from '../components/StatusTag';
import { PortalLayout } from './PortalLayout';
import { useUploads } from '../components/uploads';
import { useTimeFormat } from '../components/use-time-format';
import { AttachmentLinks } from '../components/AttachmentLinks';
import { RequestFieldValues } from './RequestFieldValues';

/** One request as its requester sees it: the public conversation, a reply box, and "solved". */
export default function RequestPage({ me, settings }: { me: User; settings: AccountSettings | undefined }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const request = useRequest(id);
  const conversation = useRequestComments(id);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const files = useUploads({ compact: true });
  const when = useTimeFormat('medium');

  const send = async (change: { comment?: { body: string; uploads?: string[] }; solved?: true }) => {
    setBusy(true);
    setError(null);
    try {
      const { request: updated } = await api<{ request: Request }>('PUT', `/api/v2/requests/${id}`, { request: change });
      queryClient.setQueryData(portalKeys.request(id), updated);
      setBody('');
      files.reset();
      await queryClient.invalidateQueries({ queryKey: portalKeys.comments(id) });
      void queryClient.invalidateQueries({ queryKey: ['requests'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.description : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const r = request.data;
  const names = new Map((conversation.data?.users ?? []).map((u) => [u.id, u]));
  return (
    <PortalLayout me={me} settings={settings}>
      {request.isLoading ? (
        <Skeleton active />
      ) : !r ? (
        <Alert type="error" showIcon message={t('portal.notFound')} />
      ) : (
        <Flex vertical gap={16}>
          <Card>
            <Link to="/portal/requests">← {t('portal.myRequests')}</Link>
            <Typography.Title level={3} style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">#{r.id} </Typography.Text>
              {r.subject}
            </Typography.Title>
            <Space wrap>
              <StatusTag status={r.status} />
              <Typography.Text type="secondary">{t('portal.created', { when: when.format(new Date(r.created_at)) })}</Typography.Text>
            </Space>
          </Card>
          <RequestFieldValues request={r} />
          <Card title={t('portal.conversation')}>
            {conversation.isLoading ? <Skeleton active /> : null}
            <Flex vertical gap={12}>
              {(conversation.data?.comments ?? []).map((c) => {
                const author = names.get(c.author_id);
                return (
                  <div key={c.id} data-testid="request-comment" style={{ padding: 12, borderRadius: 8, background: author?.agent ? '#f0f7ff' : '#fafafa', border: '1px solid #eef0f3' }}>
                    <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
                      <Avatar size="small" style={{ background: author?.agent ? (settings?.brand_color ?? '#1677ff') : '#bfbfbf' }}>
                        {(author?.name ?? '?').slice(0, 1)}
                      </Avatar>
                      <Typography.Text strong>{author?.name ?? ''}</Typography.Text>
                      {author?.agent ? <Tag color="blue">{t('portal.support')}</Tag> : null}
                      <Typography.Text type="secondary">{when.format(new Date(c.created_at))}</Typography.Text>
                    </Flex>
                    <SafeHtml html={c.html_body} />
                    <AttachmentLinks files={c.attachments} />
                  </div>
                );
              })}
            </Flex>
          </Card>
          <Card>
            {r.status === 'closed' ? <Alert type="info" showIcon message={t('portal.closedHelp')} style={{ marginBottom: 12 }} /> : null}
            {r.status === 'solved' ? <Alert type="success" showIcon message={t('portal.solvedHelp')} style={{ marginBottom: 12 }} /> : null}
            <Input.TextArea aria-label={t('portal.reply')} value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 3, maxRows: 12 }} placeholder={t('portal.replyPlaceholder')} />
            <div style={{ marginTop: 12 }}>{files.upload}</div>
            {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} role="alert" /> : null}
            <Flex justify="space-between" wrap gap={8} style={{ marginTop: 12 }}>
              {r.can_be_solved_by_me ? (
                <Popconfirm title={t('portal.solveConfirm')} okText={t('portal.solve')} cancelText={t('portal.cancel')} onConfirm={() => void send({ solved: true, ...(body.trim() ? { comment: { body } } : {}) })}>
                  <Button icon={<CheckCircleOutlined />} disabled={busy}>
                    {t('portal.solve')}
                  </Button>
                </Popconfirm>
              ) : (
                <span />
              )}
              <Button type="primary" loading={busy} disabled={!body.trim() || files.busy} onClick={() => void send({ comment: { body, ...(files.uploads ? { uploads: files.uploads } : {}) } })}>
                {t('portal.sendReply')}
              </Button>
            </Flex>
          </Card>
        </Flex>
      )}
    </PortalLayout>
  );
}
