import { z } from 'zod';
import { externalId, idParam, longText, name, tags } from '../shared/fields.js';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z0-9-]{2,}$/, 'is not a domain such as example.com');

const organizationFields = {
  name,
  details: longText,
  notes: longText,
  external_id: externalId,
  shared_tickets: z.boolean(),
  shared_comments: z.boolean(),
  group_id: idParam.nullable(),
  tags,
  domain_names: z.array(domain).max(100).transform((list) => [...new Set(list)]),
  /** Custom field values by field key. */
  organization_fields: z.record(z.string().max(64), z.union([z.string().max(65_535), z.number(), z.boolean(), z.array(z.string().max(255)).max(100), z.null()])),
};

export const organizationInput = z.strictObject(organizationFields).partial().required({ name: true });
export type OrganizationInput = z.infer<typeof organizationInput>;
export const organizationPatch = z.strictObject(organizationFields).partial();
export type OrganizationPatch = z.infer<typeof organizationPatch>;

export const organizationCreateBody = z.strictObject({ organization: organizationInput });
export const organizationUpdateBody = z.strictObject({ organization: organizationPatch });

export const organizationSearchQuery = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  external_id: z.string().max(255).optional(),
});

export const orgMembershipCreateBody = z.strictObject({
  organization_membership: z.strictObject({ user_id: idParam, organization_id: idParam }),
});
export const organizationParams = z.object({ organization_id: idParam });
export const userParams = z.object({ user_id: idParam });
