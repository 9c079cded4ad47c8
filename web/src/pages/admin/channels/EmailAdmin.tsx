import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { AddressFormModal } from './AddressFormModal';
import { LoadFailed } from '../kit/LoadFailed';
import { MailboxFormModal } from './MailboxFormModal';
import { SuppressionsCard } from './SuppressionsCard';
import type { Mailbox, RecipientAddress } from './types';

const stateColor: Record<string, string> = { idle: 'green', polling: 'green', connecting: 'blue', error: 'red', disabled: 'default' };
const forwardingColor: Record<string, string> = { verified: 'green', pending: 'gold', failed: 'red' };

/** The email channel: support addresses (with their own SMTP where needed), connected IMAP mailboxes, suppressed recipients. */
export default function EmailAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const addresses = useQuery({ queryKey: ['recipient-addresses'], queryFn: () => api<{ recipient_addresses: RecipientAddress[] }>('GET', '/api/v2/recipient_addresses') });
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api<{ mailboxes: Mailbox[] }>('GET', '/api/v2/mailboxes'), refetchInterval: 15_000 });
  const [editing, setEditing] = useState<RecipientAddress | 'new' | null>(null);
  const [connecting, setConnecting] = useState(false);
  const when = useTimeFormat('short');
  const all = addresses.data?.recipient_addresses ?? [];
  const addressOf = (id: number) => all.find((a) => a.id === id)?.email ?? `#${id}`;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['recipient-addresses'] });
    await queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
  };
  const saved = async (close: () => void) => {
    close();
    void message.success(t('admin.kit.saved'));
    await refresh();
  };
  const setActive = async (m: Mailbox, active: boolean) => {
    await api('PUT', `/api/v2/mailboxes/${m.id}`, { mailbox: { active } });
    await refresh();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <AdminSection
        title={t('admin.channels.email.addresses')}
        help={t('admin.channels.email.addressesHelp')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('admin.channels.email.addAddress')}
          </Button>
        }
      >
        {addresses.isError ? (
          <LoadFailed error={addresses.error} onRetry={() => void addresses.refetch()} />
        ) : (
          <Table<RecipientAddress>
            rowKey={(a) => String(a.id)}
            loading={addresses.isLoading}
            dataSource={all}
            pagination={false}
            locale={{ emptyText: t('admin.channels.email.noAddresses') }}
            columns={[
              { title: t('admin.channels.email.email'), dataIndex: 'email', render: (v: string, a: RecipientAddress) => (a.default ? <Space>{v}<Tag color="blue">{t('admin.channels.email.default')}</Tag></Space> : v) },
              { title: t('admin.channels.email.name'), dataIndex: 'name' },
              {
                title: t('admin.channels.email.forwarding'),
                render: (_: unknown, a: RecipientAddress) => <Tag color={forwardingColor[a.forwarding_status] ?? 'default'}>{t(`admin.channels.email.forwardingStates.${a.forwarding_status}` as 'admin.channels.email.forwardingStates.verified')}</Tag>,
              },
              { title: t('admin.channels.email.sending'), render: (_: unknown, a: RecipientAddress) => (a.smtp ? <Typography.Text>{`SMTP · ${a.smtp.host}:${a.smtp.port}`}</Typography.Text> : <Typography.Text type="secondary">{t('admin.channels.email.relay')}</Typography.Text>) },
              {
                title: t('admin.kit.actions'),
                width: 140,
                render: (_: unknown, a: RecipientAddress) => (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing(a)}>
                      {t('admin.kit.edit')}
                    </Button>
                    <DeleteButton
                      title={t('admin.channels.email.deleteAddress', { email: a.email })}
                      onConfirm={async () => {
                        await api('DELETE', `/api/v2/recipient_addresses/${a.id}`);
                        void message.success(t('admin.kit.deleted'));
                        await refresh();
                      }}
                    />
                  </Space>
                ),
              },
            ]}
          />
        )}
      </AdminSection>

      <AdminSection
        title={t('admin.channels.email.mailboxes')}
        help={t('admin.channels.email.mailboxesHelp')}
        extra={
          <Button onClick={() => setConnecting(true)} disabled={all.length === 0}>
            {t('admin.channels.email.connect')}
          </Button>
        }
      >
        {mailboxes.isError ? (
          <LoadFailed error={mailboxes.error} onRetry={() => void mailboxes.refetch()} />
        ) : (
          <Table<Mailbox>
            rowKey={(m) => String(m.id)}
            loading={mailboxes.isLoading}
            dataSource={mailboxes.data?.mailboxes ?? []}
            pagination={false}
            locale={{ emptyText: t('admin.channels.email.noMailboxes') }}
            columns={[
              { title: t('admin.channels.email.address'), render: (_: unknown, m: Mailbox) => addressOf(m.recipient_address_id) },
              { title: t('admin.channels.email.server'), render: (_: unknown, m: Mailbox) => `${m.username} @ ${m.host}:${m.port} / ${m.folder}` },
              {
                title: t('admin.channels.email.state'),
                render: (_: unknown, m: Mailbox) => (
                  <Space direction="vertical" size={0}>
                    <Tag color={stateColor[m.state] ?? 'default'}>{t(`admin.channels.email.states.${m.state}` as 'admin.channels.email.states.idle')}</Tag>
                    {m.state === 'error' && m.last_error ? <Typography.Text type="danger">{m.last_error}</Typography.Text> : null}
                  </Space>
                ),
              },
              { title: t('admin.channels.email.lastSync'), render: (_: unknown, m: Mailbox) => (m.last_synced_at ? when.format(new Date(m.last_synced_at)) : '—') },
              {
                title: t('admin.kit.actions'),
                width: 150,
                render: (_: unknown, m: Mailbox) => (
                  <Space size={4}>
                    <Tooltip title={t(m.active ? 'admin.channels.email.pause' : 'admin.channels.email.resume')}>
                      <Switch size="small" checked={m.active} onChange={(on) => void setActive(m, on)} aria-label={t(m.active ? 'admin.channels.email.pause' : 'admin.channels.email.resume')} />
                    </Tooltip>
                    <DeleteButton
                      title={t('admin.channels.email.deleteMailbox', { username: m.username })}
                      label={t('admin.channels.email.disconnect')}
                      onConfirm={async () => {
                        await api('DELETE', `/api/v2/mailboxes/${m.id}`);
                        await refresh();
                      }}
                    />
                  </Space>
                ),
              },
            ]}
          />
        )}
      </AdminSection>

      <SuppressionsCard />

      <AddressFormModal key={editing === 'new' ? 'new' : (editing?.id ?? 'none')} address={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} onSaved={() => saved(() => setEditing(null))} />
      <MailboxFormModal addresses={all} open={connecting} onClose={() => setConnecting(false)} onSaved={() => saved(() => setConnecting(false))} />
    </Space>
  );
}
