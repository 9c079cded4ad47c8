import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Popconfirm, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../components/form-errors';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { LoadFailed } from '../kit/LoadFailed';
import type { MailTemplate } from './types';

type Values = { mail_template: { html: string; text: string } };
type Preview = { html: string; text: string };

const key = ['mail-template'];
const code = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12.5 };
/** The preview's own policy on top of the frame's sandbox: the layout's styles and images, nothing else. */
const previewPolicy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'">`;
const withPolicy = (html: string) => (/<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + previewPolicy) : /<html[^>]*>/i.test(html) ? html.replace(/<html[^>]*>/i, (tag) => `${tag}<head>${previewPolicy}</head>`) : previewPolicy + html);

const placeholders = [
  ['{{content}}', 'content'],
  ['{{ account.name }}', 'name'],
  ['{{ account.brand_color }}', 'color'],
  ['{{ account.logo_url }}', 'logo'],
] as const;

/** The layout around every mail the team sends: edited as Liquid, previewed as the customer would see it. */
export default function MailTemplateAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const when = useTimeFormat('short');
  const layout = useQuery({ queryKey: key, queryFn: async () => (await api<{ mail_template: MailTemplate }>('GET', '/api/v2/mail_template')).mail_template });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draft = Form.useWatch('mail_template', form);

  useEffect(() => {
    if (layout.data) {
      form.setFieldsValue({ mail_template: { html: layout.data.html, text: layout.data.text } });
    }
  }, [layout.data, form]);

  const save = async (v: Values) => {
    setError(null);
    setSaving(true);
    try {
      const saved = await api<{ mail_template: MailTemplate }>('PUT', '/api/v2/mail_template', v);
      queryClient.setQueryData(key, saved.mail_template);
      void message.success(t('admin.kit.saved'));
    } catch (e) {
      setError(applyApiError(form, e, t));
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    try {
      await api('DELETE', '/api/v2/mail_template');
      await queryClient.invalidateQueries({ queryKey: key });
      form.setFields([{ name: ['mail_template', 'html'], errors: [] }, { name: ['mail_template', 'text'], errors: [] }]);
      void message.success(t('admin.channels.mailTemplate.resetDone'));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    }
  };

  if (layout.isError) {
    return (
      <AdminSection title={t('admin.nav.mail-template')}>
        <LoadFailed error={layout.error} onRetry={() => void layout.refetch()} />
      </AdminSection>
    );
  }
  return (
    <AdminSection
      title={t('admin.nav.mail-template')}
      help={t('admin.channels.mailTemplate.help', { tag: '{{content}}' })}
      extra={
        layout.data ? (
          <Space>
            {layout.data.default ? <Tag>{t('admin.channels.mailTemplate.usingDefault')}</Tag> : <Tag color="blue">{t('admin.channels.mailTemplate.customized')}</Tag>}
            {layout.data.updated_at ? <Typography.Text type="secondary">{t('admin.channels.mailTemplate.updatedAt', { time: when.format(new Date(layout.data.updated_at)) })}</Typography.Text> : null}
          </Space>
        ) : null
      }
    >
      <Spin spinning={layout.isLoading}>
        <Row gutter={24}>
          <Col xs={24} xl={13}>
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
            <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
              <Form.Item name={['mail_template', 'html']} label={t('admin.channels.mailTemplate.html')} rules={[{ required: true, message: t('errors.required') }]}>
                <Input.TextArea spellCheck={false} autoSize={{ minRows: 14, maxRows: 24 }} style={code} />
              </Form.Item>
              <Form.Item name={['mail_template', 'text']} label={t('admin.channels.mailTemplate.text')} extra={t('admin.channels.mailTemplate.textHelp')} rules={[{ required: true, message: t('errors.required') }]}>
                <Input.TextArea spellCheck={false} autoSize={{ minRows: 4, maxRows: 10 }} style={code} />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={saving}>
                  {t('admin.kit.save')}
                </Button>
                <Popconfirm title={t('admin.channels.mailTemplate.resetConfirm')} okText={t('admin.channels.mailTemplate.reset')} cancelText={t('admin.kit.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void reset()}>
                  <Button disabled={layout.data?.default}>{t('admin.channels.mailTemplate.reset')}</Button>
                </Popconfirm>
              </Space>
            </Form>
          </Col>
          <Col xs={24} xl={11}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('admin.channels.mailTemplate.placeholders')}
            </Typography.Title>
            <dl style={{ margin: '0 0 20px', display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 12px' }}>
              {placeholders.map(([tag, what]) => (
                <div key={tag} style={{ display: 'contents' }}>
                  <dt>
                    <Typography.Text code copyable style={{ fontSize: 12 }}>
                      {tag}
                    </Typography.Text>
                  </dt>
                  <dd style={{ margin: 0, color: 'rgba(0,0,0,0.55)' }}>{t(`admin.channels.mailTemplate.placeholder.${what}`)}</dd>
                </div>
              ))}
            </dl>
            <LayoutPreview draft={draft} onProblems={(e) => applyApiError(form, e, t)} />
          </Col>
        </Row>
      </Spin>
    </AdminSection>
  );
}

/** The draft rendered by the server around a sample reply, a moment after typing stops; shown in a frame that runs no scripts. */
function LayoutPreview({ draft, onProblems }: { draft: Values['mail_template'] | undefined; onProblems: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'html' | 'text'>('html');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failed, setFailed] = useState(false);
  const html = draft?.html ?? '';
  const text = draft?.text ?? '';
  useEffect(() => {
    if (!html || !text) {
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      api<{ preview: Preview }>('POST', '/api/v2/mail_template/preview', { mail_template: { html, text } })
        .then((r) => {
          if (!stale) {
            setPreview(r.preview);
            setFailed(false);
          }
        })
        .catch((e: unknown) => {
          if (!stale) {
            setFailed(true);
            onProblems(e);
          }
        });
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // onProblems is a new function each render; the draft is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [html, text]);
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('admin.channels.mailTemplate.preview')}
        </Typography.Title>
        <Segmented
          size="small"
          value={mode}
          onChange={(v) => setMode(v === 'text' ? 'text' : 'html')}
          options={[
            { value: 'html', label: t('admin.channels.mailTemplate.previewHtml') },
            { value: 'text', label: t('admin.channels.mailTemplate.previewText') },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('admin.channels.mailTemplate.previewHelp')}
      </Typography.Paragraph>
      {failed ? <Alert type="warning" showIcon title={t('admin.channels.mailTemplate.previewFailed')} style={{ marginBottom: 8 }} /> : null}
      <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden', background: '#fafafa', opacity: failed ? 0.5 : 1 }}>
        {mode === 'html' ? (
          <iframe title={t('admin.channels.mailTemplate.preview')} sandbox="" srcDoc={withPolicy(preview?.html ?? '')} style={{ width: '100%', height: 420, border: 0, display: 'block', background: '#fff' }} data-testid="mail-preview" />
        ) : (
          <pre style={{ margin: 0, padding: 16, height: 420, overflow: 'auto', whiteSpace: 'pre-wrap', ...code }}>{preview?.text ?? ''}</pre>
        )}
      </div>
    </>
  );
}
