import { Card, Flex, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, languageNames, languages, setLanguage } from '../i18n';

/** The centred card the setup, sign-in and password pages share. */
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
          <Select
            size="small"
            aria-label={t('app.language')}
            value={i18n.language as Language}
            onChange={(value: Language) => void setLanguage(value)}
            options={languages.map((l) => ({ value: l, label: languageNames[l] }))}
            style={{ width: 110 }}
          />
        </Flex>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {title}
        </Typography.Title>
        {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
        {children}
      </Card>
    </Flex>
  );
}
