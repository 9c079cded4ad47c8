import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, ColorPicker, Divider, Form, Input, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { AccountSettings } from '../../../api/types';
import { applyApiError } from '../../../components/form-errors';
import { AdminSection } from '../kit/AdminSection';
import { LoadFailed } from '../kit/LoadFailed';

type Values = { settings: Omit<AccountSettings, 'subdomain'> };

const code = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12.5 };
const DEFAULT_COLOR = '#1677ff';

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];
}

/** The helpdesk's name, language, time zone and look, and what its help center lets customers do. Saved changes show at once. */
export default function BrandingAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The account's own settings, read fresh here (the app's cached copy is what the save updates).
  const settings = useQuery({ queryKey: ['branding-settings'], queryFn: async () => (await api<{ settings: AccountSettings }>('GET', '/api/v2/account/settings')).settings });
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const draft = Form.useWatch('settings', form);

  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue({ settings: settings.data });
    }
  }, [settings.data, form]);

  const save = async (v: Values) => {
    setError(null);
    setSaving(true);
    const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
    const body = { settings: { ...v.settings, logo_url: blank(v.settings.logo_url), favicon_url: blank(v.settings.favicon_url), portal_css: blank(v.settings.portal_css) } };
    try {
      const saved = await api<{ settings: AccountSettings }>('PUT', '/api/v2/account/settings', body);
      // The server's earlier complaints no longer hold once it accepted the values.
      form.setFields((Object.keys(body.settings) as (keyof Values['settings'])[]).map((name) => ({ name: ['settings', name] as const, errors: [] })));
      queryClient.setQueryData(['branding-settings'], saved.settings);
      // The console's header, the portal and every time shown read ['settings']: refresh it now.
      queryClient.setQueryData(keys.settings, saved.settings);
      await queryClient.invalidateQueries({ queryKey: keys.settings });
      void message.success(t('admin.channels.branding.saved'));
    } catch (e) {
      setError(applyApiError(form, e, t));
    } finally {
      setSaving(false);
    }
  };

  if (settings.isError) {
    return (
      <AdminSection title={t('admin.nav.branding')}>
        <LoadFailed error={settings.error} onRetry={() => void settings.refetch()} />
      </AdminSection>
    );
  }
  const brand = draft?.brand_color ?? DEFAULT_COLOR;
  return (
    <AdminSection title={t('admin.nav.branding')} help={t('admin.channels.branding.help')}>
      <Spin spinning={settings.isLoading}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false} style={{ maxWidth: 920 }}>
          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {t('admin.channels.branding.basics')}
          </Divider>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item name={['settings', 'name']} label={t('admin.channels.branding.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
                <Input maxLength={255} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['settings', 'locale']} label={t('admin.channels.branding.locale')} tooltip={t('admin.channels.branding.localeHelp')}>
                <Select options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: t(`admin.channels.branding.locales.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['settings', 'time_zone']} label={t('admin.channels.branding.timeZone')} tooltip={t('admin.channels.branding.timeZoneHelp')}>
                <Select showSearch options={zones} />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('admin.channels.branding.look')}</Divider>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item name={['settings', 'brand_color']} label={t('admin.channels.branding.brandColor')} getValueFromEvent={(color: { toHexString: () => string }) => color.toHexString()}>
                <ColorPicker showText disabledAlpha presets={[{ label: '', colors: ['#1677ff', '#1f73b7', '#13c2c2', '#52c41a', '#fa8c16', '#f5222d', '#eb2f96', '#722ed1', '#262626'] }]} />
              </Form.Item>
              <Form.Item name={['settings', 'logo_url']} label={t('admin.channels.branding.logoUrl')} extra={t('admin.channels.branding.logoHelp')}>
                <Input placeholder="https://" allowClear />
              </Form.Item>
              <Form.Item name={['settings', 'favicon_url']} label={t('admin.channels.branding.faviconUrl')} extra={t('admin.channels.branding.faviconHelp')}>
                <Input placeholder="https://" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">{t('admin.channels.branding.previewTitle')}</Typography.Text>
              <PortalPreview name={draft?.name ?? ''} brand={brand} logo={draft?.logo_url ?? null} favicon={draft?.favicon_url ?? null} />
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('admin.channels.branding.portal')}</Divider>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item name={['settings', 'allow_anonymous_requests']} label={t('admin.channels.branding.allowAnonymous')} extra={t('admin.channels.branding.allowAnonymousHelp')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['settings', 'allow_portal_sign_up']} label={t('admin.channels.branding.allowSignUp')} extra={t('admin.channels.branding.allowSignUpHelp')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name={['settings', 'portal_css']} label={t('admin.channels.branding.portalCss')} extra={t('admin.channels.branding.portalCssHelp')}>
            <Input.TextArea spellCheck={false} autoSize={{ minRows: 5, maxRows: 16 }} style={code} placeholder=".kefu-portal { }" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('admin.kit.save')}
            </Button>
            <Button onClick={() => settings.data && form.setFieldsValue({ settings: settings.data })}>{t('admin.channels.branding.discard')}</Button>
          </Space>
        </Form>
      </Spin>
    </AdminSection>
  );
}

/** The help center's header as the draft would make it: brand colour, logo, name; and the favicon beside a tab title. */
function PortalPreview({ name, brand, logo, favicon }: { name: string; brand: string; logo: string | null; favicon: string | null }) {
  const { t } = useTranslation();
  return (
    <div data-testid="branding-preview" style={{ marginTop: 8, border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '6px 10px', background: '#f5f5f5', fontSize: 12 }}>
        <PreviewImage src={favicon} size={16} />
        <span style={{ color: '#595959' }}>{name}</span>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '12px 16px', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        {logo ? <PreviewImage src={logo} size={28} /> : null}
        <Typography.Text strong>{name}</Typography.Text>
      </div>
      <div style={{ background: `linear-gradient(135deg, ${brand}, ${brand}cc)`, color: '#fff', padding: '20px 16px' }}>
        <div style={{ fontSize: 16, fontWeight: 600 }}>{t('portal.heroTitle')}</div>
        <div style={{ opacity: 0.85, fontSize: 12 }}>{t('portal.heroText', { name })}</div>
      </div>
      <div style={{ padding: 12, background: '#f5f7fa' }}>
        <Button type="primary" size="small" style={{ background: brand }}>
          {t('portal.submit')}
        </Button>
      </div>
    </div>
  );
}

function PreviewImage({ src, size }: { src: string | null; size: number }) {
  const { t } = useTranslation();
  const [broken, setBroken] = useState<string | null>(null);
  if (!src) {
    return null;
  }
  if (broken === src) {
    return <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('admin.channels.branding.badImage')}</Typography.Text>;
  }
  return <img src={src} alt="" height={size} style={{ maxWidth: size * 6 }} onError={() => setBroken(src)} />;
}
