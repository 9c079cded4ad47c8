import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/**
 * Shows an API error on the form: each field the server names gets its message, and
 * whatever cannot be placed on a field is returned for an alert. `aliases` maps a server
 * path (request.requester.email) to a form field (email) where the two differ.
 */
export function applyApiError(form: FormInstance, error: unknown, t: TFunction, aliases: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) {
    return t('errors.network');
  }
  if (error.status === 429) {
    return t('errors.tooMany');
  }
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  let leftover: string | null = null;
  for (const [path, list] of Object.entries(error.details)) {
    const alias = aliases[path];
    const name = alias === undefined ? path.split('.') : [alias];
    const messages = list.map((e) => e.description.replace(/^[\w.]+: /, ''));
    if (name[0] !== undefined && known.has(name[0])) {
      fields.push({ name, errors: messages });
    } else {
      leftover = messages.join('; ');
    }
  }
  form.setFields(fields);
  if (fields.length === 0) {
    return leftover ?? error.description ?? t('errors.generic');
  }
  return leftover;
}
