import type { Ctx } from '../../context.js';
import type { CustomFieldEntity } from '../../db/schema.js';
import { type FieldErrors, fieldError, invalidFields } from '../../platform/errors.js';
import { cachedFields } from './fields.js';
import { checkValue } from './fields.js';
import { msg } from '../../platform/messages.js';

/**
 * User and organization field values, keyed by field key as Zendesk's `user_fields` and
 * `organization_fields` are: each checked against its field, merged over what is stored,
 * with defaults filled on create. Throws one 422 naming every bad key.
 */
export async function applyKeyedValues(
  ctx: Ctx,
  entity: Exclude<CustomFieldEntity, 'ticket'>,
  given: Record<string, unknown> | undefined,
  stored: Record<string, unknown>,
  options: { path: string; creating: boolean },
): Promise<Record<string, unknown>> {
  if (given === undefined && !options.creating) {
    return stored;
  }
  const fields = await cachedFields(ctx, entity);
  const byKey = new Map(fields.filter((f) => f.key !== null).map((f) => [f.key as string, f]));
  const values = { ...stored };
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(given ?? {})) {
    const field = byKey.get(key);
    const at = `${options.path}.${key}`;
    if (!field || !field.active) {
      (errors[at] ??= []).push(fieldError(msg('field.no_such_field', { entity: msg(`entity.${entity}`), key }), 'NotFound'));
      continue;
    }
    const checked = checkValue(field, value, stored[key]);
    if (!checked.ok) {
      (errors[at] ??= []).push(fieldError(checked.reason));
      continue;
    }
    values[key] = checked.value;
  }
  if (options.creating) {
    for (const f of fields) {
      if (f.key !== null && f.active && f.defaultValue !== null && values[f.key] === undefined) {
        values[f.key] = f.defaultValue;
      }
    }
  }
  if (Object.keys(errors).length > 0) {
    throw invalidFields(errors);
  }
  return values;
}
