import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

/** Server paths such as `ticket.custom_fields[12]` or `request.custom_fields[12]`. */
const customFieldPath = /(?:^|\.)custom_fields\[(\d+)\]$/;

/** The server's reasons (English, for API clients) in the reader's language where we know them. */
function reasonText(error: { description: string; error: string }, t: TFunction): string {
  const d = error.description;
  if (error.error === 'Required') {
    return /solve/.test(d) ? t('customFields.requiredToSolveError') : t('customFields.requiredError');
  }
  const known: [RegExp, string][] = [
    [/^must match /, 'customFields.errors.pattern'],
    [/whole number/, 'customFields.errors.integer'],
    [/must be a number/, 'customFields.errors.decimal'],
    [/http or https URL/, 'customFields.errors.url'],
    [/YYYY-MM-DD/, 'customFields.errors.date'],
    [/not an option/, 'customFields.errors.option'],
    [/single line/, 'customFields.errors.singleLine'],
    [/end users may not set/, 'customFields.errors.forbidden'],
  ];
  const match = known.find(([re]) => re.test(d));
  const longest = /at most (\d+) characters/.exec(d)?.[1];
  return match ? t(match[1]) : longest ? t('customFields.errors.tooLong', { count: Number(longest) }) : t('customFields.invalid', { reason: d });
}

/**
 * Puts the server's complaints about custom fields on their editors, in the reader's language
 * where the code says enough (Required); returns the other details for the caller to place.
 */
export function applyCustomFieldErrors(form: FormInstance, error: unknown, t: TFunction): ApiError['details'] {
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
      errors: list.map((e) => reasonText(e, t)),
    });
  }
  form.setFields(fields);
  return rest;
}
