import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/**
 * A server path as a form field's name path: `organization.domain_names.0` or
 * `trigger.conditions.all[0].value` on a form whose fields are `domain_names` / `conditions`
 * loses the resource's own name and keeps list indexes as numbers.
 */
function fieldPath(path: string, known: Set<string>): (string | number)[] {
  const segments = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const [first, second] = segments;
  return typeof first === 'string' && !known.has(first) && typeof second === 'string' && known.has(second) ? segments.slice(1) : segments;
}

/**
 * `domain_names.0` on a tags select is the select's own message: an element of a list of plain
 * values has no form item of its own (a Form.List of objects names a deeper path instead).
 */
function listItemOwner(form: FormInstance, name: (string | number)[]): (string | number)[] {
  const parent = name.slice(0, -1);
  const list: unknown = parent.length > 0 && typeof name.at(-1) === 'number' ? form.getFieldValue(parent) : undefined;
  return Array.isArray(list) && list.every((v) => typeof v !== 'object' || v === null) ? parent : name;
}

/**
 * The server says each field's message in the request's language (Accept-Language, else the
 * user's locale) and prefixes a schema's message with its path ("group.name: 不能为空").
 */
export function withoutPath(e: { description: string }): string {
  return e.description.replace(/^[\w.[\]]+: /, '');
}

/** One line for a refusal shown outside a form (a toast after a delete): the first field's reason, else the description. */
export function apiErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) {
    return t('errors.network');
  }
  if (error.status === 429) {
    return t('errors.tooMany');
  }
  const first = Object.values(error.details)[0]?.[0];
  return first ? withoutPath(first) : error.description || t('errors.generic');
}

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
    const name = alias === undefined ? listItemOwner(form, fieldPath(path, known)) : [alias];
    const messages = list.map(withoutPath);
    if (typeof name[0] === 'string' && known.has(name[0])) {
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
