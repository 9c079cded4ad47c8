import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { withoutPath } from '../form-errors';

/** Server paths such as `ticket.custom_fields[12]` or `request.custom_fields[12]`. */
const customFieldPath = /(?:^|\.)custom_fields\[(\d+)\]$/;

/**
 * Puts the server's complaints about custom fields on their editors (the server words them in
 * the reader's language); returns the other details for the caller to place.
 */
export function applyCustomFieldErrors(form: FormInstance, error: unknown): ApiError['details'] {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const rest: ApiError['details'] = {};
  const fields: { name: string[]; errors: string[] }[] = [];
  for (const [path, list] of Object.entries(error.details)) {
    const id = customFieldPath.exec(path)?.[1];
    if (id === undefined) {
      rest[path] = list;
      continue;
    }
    fields.push({
      name: ['custom_fields', id],
      errors: list.map(withoutPath),
    });
  }
  form.setFields(fields);
  return rest;
}
