import { Form, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldInput } from './FieldInput';
import { fieldHelp, fieldTitle } from './labels';
import type { ShownField } from './types';

/**
 * The shown fields as form items under the form's `custom_fields` group, in order. The
 * asterisk marks what must be answered now (a condition's, or the portal's, requirement);
 * agents also see which fields solving the ticket will ask for.
 */
export function CustomFieldItems({ shown, audience, requiredNow, checkRequired }: { shown: ShownField[]; audience: 'agent' | 'end_user'; requiredNow?: (s: ShownField) => boolean; checkRequired?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {shown.map((s) => {
        const { field } = s;
        const required = requiredNow ? requiredNow(s) : s.requiredByCondition;
        const help = fieldHelp(field, i18n.language);
        return (
          <div key={field.id} data-testid={`field-${field.id}`}>
            <Form.Item
              name={['custom_fields', String(field.id)]}
              required={required}
              // The portal checks what it can before sending; the server's answer lands here too.
              rules={checkRequired && required ? [{ required: true, message: t('customFields.requiredError') }] : undefined}
              label={
                <span>
                  {fieldTitle(field, i18n.language)}
                  {audience === 'agent' && field.required && !required ? (
                    <Tag bordered={false} color="orange" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '18px' }}>
                      {t('customFields.requiredToSolve')}
                    </Tag>
                  ) : null}
                </span>
              }
              extra={help || undefined}
            >
              <FieldInput field={field} />
            </Form.Item>
          </div>
        );
      })}
    </>
  );
}
