import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../platform/passwords.js';
import { email, externalId, idParam, locale, longText, name, tags, timeZone } from '../shared/fields.js';

export const password = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export const role = z.enum(['end-user', 'agent', 'admin']);

const userFields = {
  name,
  email: email.nullable(),
  phone: z.string().trim().max(40).regex(/^[0-9+\-() ]*$/, 'may contain only digits, spaces and + - ( )').nullable(),
  role,
  custom_role_id: idParam.nullable(),
  default_group_id: idParam.nullable(),
  organization_id: idParam.nullable(),
  external_id: externalId,
  locale,
  time_zone: timeZone.nullable(),
  tags,
  notes: longText,
  details: longText,
  signature: longText.nullable(),
  verified: z.boolean(),
  suspended: z.boolean(),
  /** Custom field values by field key. */
  user_fields: z.record(z.string().max(64), z.union([z.string().max(65_535), z.number(), z.boolean(), z.array(z.string().max(255)).max(100), z.null()])),
};

export const userCreateInput = z.strictObject({
  ...userFields,
  role: role.default('end-user'),
  email: email.optional(),
  password: password.optional(),
  /** Agent and admin groups; the account's default group when empty. */
  group_ids: z.array(idParam).max(100).optional(),
  /** Send the invitation (agents) or welcome (end users) mail with a set-password link. */
  send_invite: z.boolean().optional(),
  identities: z
    .array(z.strictObject({ type: z.enum(['email', 'phone_number']), value: z.string().trim().min(1).max(254) }))
    .max(20)
    .optional(),
}).partial({
  phone: true,
  custom_role_id: true,
  default_group_id: true,
  organization_id: true,
  external_id: true,
  locale: true,
  time_zone: true,
  tags: true,
  notes: true,
  details: true,
  signature: true,
  verified: true,
  suspended: true,
  user_fields: true,
});
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z.strictObject(userFields).partial();
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const userCreateBody = z.strictObject({ user: userCreateInput });
export const userUpdateBody = z.strictObject({ user: userUpdateInput });
export const usersCreateManyBody = z.strictObject({ users: z.array(userCreateInput).min(1).max(100) });

export const userListQuery = z.object({
  role: role.optional(),
  'role[]': z.union([role, z.array(role)]).optional(),
  permission_set: idParam.optional(),
  external_id: z.string().max(255).optional(),
});

export const userSearchQuery = z.object({
  query: z.string().trim().min(1).max(200).optional(),
  external_id: z.string().max(255).optional(),
  /** Beyond Zendesk: narrows a search to roles, as /users does (the settings' customer list searches end users only). */
  role: role.optional(),
  'role[]': z.union([role, z.array(role)]).optional(),
});

export const mergeBody = z.strictObject({ user: z.strictObject({ id: idParam }) });

export const passwordBody = z.strictObject({
  password,
  previous_password: z.string().max(PASSWORD_MAX).optional(),
});

export const identityCreateBody = z.strictObject({
  identity: z.strictObject({
    type: z.enum(['email', 'phone_number']),
    value: z.string().trim().min(1).max(254),
    verified: z.boolean().optional(),
    primary: z.boolean().optional(),
  }),
});
export const identityParams = z.object({ id: idParam, identity_id: idParam });
