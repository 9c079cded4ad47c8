import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, List, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../components/form-errors';
import { DeleteButton } from '../kit/DeleteButton';
import type { TriggerCategory } from './types';
import { ruleKeys } from './use-rules';

/** Categories group triggers in the list (支付、售后…); deleting one keeps its triggers, uncategorised. */
export function TriggerCategoriesButton({ categories }: { categories: TriggerCategory[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ruleKeys.categories });
    await queryClient.invalidateQueries({ queryKey: ruleKeys.list('triggers') });
  };
  const add = async (values: { name: string }) => {
    try {
      await api('POST', '/api/v2/trigger_categories', { trigger_category: { name: values.name, position: categories.length } });
      form.resetFields();
      await refresh();
    } catch (e) {
      const rest = applyApiError(form, e, t, { 'trigger_category.name': 'name' });
      if (rest) {
        void message.error(rest);
      }
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('admin.rules.triggers.categories')}</Button>
      <Modal open={open} title={t('admin.rules.triggers.categories')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <List
          size="small"
          dataSource={categories}
          locale={{ emptyText: t('admin.rules.triggers.noCategories') }}
          renderItem={(c) => (
            <List.Item
              actions={[
                <DeleteButton
                  key="delete"
                  title={t('admin.rules.triggers.deleteCategory', { name: c.name })}
                  onConfirm={async () => {
                    await api('DELETE', `/api/v2/trigger_categories/${c.id}`);
                    await refresh();
                  }}
                />,
              ]}
            >
              {c.name}
            </List.Item>
          )}
        />
        <Form form={form} layout="inline" onFinish={(v) => void add(v)} style={{ marginTop: 16 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ flex: 1, marginInlineEnd: 0 }}>
              <Input placeholder={t('admin.rules.triggers.categoryPlaceholder')} maxLength={255} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('admin.rules.triggers.addCategory')}
            </Button>
          </Space.Compact>
        </Form>
      </Modal>
    </>
  );
}
