import { Alert, Button, Divider, Drawer, Form, Input, Radio, Space, Switch, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { useMe } from '../../../api/hooks';
import { AudienceField } from './AudienceField';
import { ActionBuilder } from './builder/ActionBuilder';
import { PlaceholderBar } from './builder/NotificationEditor';
import { messageOf } from './builder/server-errors';
import type { Action, Definition, Macro, RowErrors } from './types';
import { type Audience, audienceOf, restrictionOf } from './use-groups';

const COMMENT_FIELDS = ['comment_value', 'comment_value_html', 'comment_mode_is_public'];

export type MacroDraft = { id?: number; macro: Partial<Macro> };

type Values = { title: string; description: string; active: boolean; audience: Audience; group_ids: number[]; comment: string; public: 'true' | 'false' };

/** A macro's actions split the way agents think of them: the reply, then everything else. */
function split(actions: Action[]) {
  const text = actions.find((a) => a.field === 'comment_value' || a.field === 'comment_value_html');
  const mode = actions.find((a) => a.field === 'comment_mode_is_public');
  return {
    comment: text ? (Array.isArray(text.value) ? text.value.join('\n') : text.value) : '',
    public: mode?.value === 'false' ? ('false' as const) : ('true' as const),
    others: actions.filter((a) => !COMMENT_FIELDS.includes(a.field)),
  };
}

/** A macro's title, who may use it, its reply and its other actions; `personalOnly` for an agent's own. */
export function MacroEditor({ draft, definitions, personalOnly = false, onClose, onSaved }: { draft: MacroDraft | null; definitions: Definition[]; personalOnly?: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [others, setOthers] = useState<Action[]>([]);
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [whole, setWhole] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const comment = useRef<TextAreaRef>(null);

  useEffect(() => {
    if (draft) {
      const parts = split(draft.macro.actions ?? []);
      const restriction = draft.macro.restriction ?? null;
      form.setFieldsValue({
        title: draft.macro.title ?? '',
        description: draft.macro.description ?? '',
        active: draft.macro.active ?? true,
        audience: personalOnly ? 'personal' : audienceOf(restriction),
        group_ids: restriction?.type === 'Group' ? restriction.ids : [],
        comment: parts.comment,
        public: parts.public,
      });
      setOthers(parts.others);
      setRowErrors({});
      setWhole(null);
      setAlert(null);
    }
  }, [draft, form, personalOnly]);

  const save = async (v: Values) => {
    const actions: Action[] = [...others, ...(v.comment.trim() ? [{ field: 'comment_value', value: v.comment }, { field: 'comment_mode_is_public', value: v.public }] : [])];
    setBusy(true);
    setAlert(null);
    setRowErrors({});
    setWhole(null);
    try {
      const body = { macro: { title: v.title, description: v.description ?? '', active: v.active, restriction: restrictionOf(v.audience, v.group_ids, me.data?.id), actions } };
      await api(draft?.id ? 'PUT' : 'POST', draft?.id ? `/api/v2/macros/${draft.id}` : '/api/v2/macros', body);
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setAlert(t('errors.network'));
        return;
      }
      const rows: RowErrors = {};
      const fields: { name: keyof Values; errors: string[] }[] = [];
      let rest: string[] = [];
      for (const [raw, list] of Object.entries(e.details)) {
        const message = list.map((x) => messageOf(t, x)).join('；');
        const path = raw.replace(/\[(\d+)\]/g, '.$1').replace(/^macro\./, '');
        const row = /^actions\.(\d+)(?:\.(field|value))?/.exec(path);
        if (row) {
          const i = Number(row[1]);
          if (i < others.length) {
            rows[String(i)] = { [row[2] ?? 'value']: message };
          } else {
            fields.push({ name: 'comment', errors: [message] });
          }
        } else if (path === 'actions') {
          setWhole(message);
        } else if (path === 'title' || path === 'description') {
          fields.push({ name: path, errors: [message] });
        } else if (path.startsWith('restriction')) {
          fields.push({ name: v.audience === 'groups' ? 'group_ids' : 'audience', errors: [message] });
        } else {
          rest = [...rest, message];
        }
      }
      setRowErrors(rows);
      form.setFields(fields);
      setAlert(rest.length ? rest.join('；') : Object.keys(e.details).length ? t('admin.rules.editor.fixRows') : e.description);
    } finally {
      setBusy(false);
    }
  };

  const insert = (text: string) => {
    const el = comment.current?.resizableTextArea?.textArea;
    const current = (form.getFieldValue('comment') as string | undefined) ?? '';
    form.setFieldValue('comment', el ? current.slice(0, el.selectionStart) + text + current.slice(el.selectionEnd) : current + text);
  };

  return (
    <Drawer
      open={draft !== null}
      onClose={onClose}
      size={860}
      destroyOnHidden
      title={draft?.id ? t('admin.rules.macros.editTitle') : t('admin.rules.macros.newTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.kit.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('admin.kit.save')}
          </Button>
        </Space>
      }
    >
      {alert ? <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="editor-alert" /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false} initialValues={{ active: true, audience: 'everyone', public: 'true', comment: '', group_ids: [] }}>
        <Space align="start" style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          <Form.Item name="title" label={t('admin.rules.editor.title')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input placeholder={t('admin.rules.macros.titlePlaceholder')} maxLength={255} />
          </Form.Item>
          <Form.Item name="active" label={t('admin.rules.editor.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('admin.rules.editor.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('admin.rules.editor.descriptionPlaceholder')} />
        </Form.Item>
        <AudienceField kind="macros" personalOnly={personalOnly} />
        <Divider titlePlacement="start">{t('admin.rules.macros.comment')}</Divider>
        <Typography.Paragraph type="secondary">{t('admin.rules.macros.actionsHelp')}</Typography.Paragraph>
        <Form.Item name="public" label={t('admin.rules.macros.commentMode')}>
          <Radio.Group options={[{ value: 'true', label: t('admin.rules.macros.publicReply') }, { value: 'false', label: t('admin.rules.macros.internalNote') }]} />
        </Form.Item>
        <Form.Item name="comment" extra={<PlaceholderBar onInsert={insert} />}>
          <Input.TextArea ref={comment} autoSize={{ minRows: 4, maxRows: 14 }} placeholder={t('admin.rules.macros.commentPlaceholder', { example: '{{ticket.requester.name}}' })} />
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t('admin.rules.macros.otherActions')}</Divider>
      <ActionBuilder value={others} onChange={setOthers} definitions={definitions.filter((d) => !COMMENT_FIELDS.includes(d.subject))} errors={rowErrors} wholeError={whole} />
    </Drawer>
  );
}
