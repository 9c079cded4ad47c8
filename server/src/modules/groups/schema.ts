import { z } from 'zod';
import { idParam, longText, name } from '../shared/fields.js';

const groupFields = {
  name,
  description: longText,
  is_public: z.boolean(),
  default: z.boolean(),
};

export const groupCreateBody = z.strictObject({
  group: z.strictObject(groupFields).partial({ description: true, is_public: true, default: true }),
});
export const groupUpdateBody = z.strictObject({ group: z.strictObject(groupFields).partial() });
export type GroupInput = z.infer<typeof groupCreateBody>['group'];
export type GroupPatch = z.infer<typeof groupUpdateBody>['group'];

export const membershipCreateBody = z.strictObject({
  group_membership: z.strictObject({ user_id: idParam, group_id: idParam, default: z.boolean().optional() }),
});
export const userMembershipParams = z.object({ user_id: idParam, id: idParam });
export const userParams = z.object({ user_id: idParam });
export const groupParams = z.object({ group_id: idParam });
