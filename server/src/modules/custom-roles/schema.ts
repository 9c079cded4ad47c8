import { z } from 'zod';
import { roleConfigurationSchema } from '../../platform/permissions.js';
import { longText, name } from '../shared/fields.js';

export const customRoleCreateBody = z.strictObject({
  custom_role: z.strictObject({
    name,
    description: longText.optional(),
    configuration: roleConfigurationSchema.optional(),
  }),
});
export const customRoleUpdateBody = z.strictObject({
  custom_role: z.strictObject({
    name: name.optional(),
    description: longText.optional(),
    configuration: roleConfigurationSchema.partial().optional(),
  }),
});
