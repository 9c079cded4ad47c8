import { z } from 'zod';
import { conditionsSchema } from '../../rules/conditions.js';
import { idParam } from '../shared/fields.js';

export const viewColumns = ['id', 'status', 'subject', 'requester', 'assignee', 'group', 'organization', 'priority', 'type', 'created', 'updated', 'solved', 'tags'] as const;
export const viewSortColumns = ['updated_at', 'created_at', 'id'] as const;

export const executionSchema = z.strictObject({
  columns: z.array(z.enum(viewColumns)).min(1).max(20).default(['status', 'subject', 'requester', 'updated', 'assignee']),
  sort_by: z.enum(viewSortColumns).default('updated_at'),
  sort_order: z.enum(['asc', 'desc']).default('desc'),
});
export type Execution = z.infer<typeof executionSchema>;

export const restrictionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('Group'), ids: z.array(idParam).min(1).max(50) }),
    z.strictObject({ type: z.literal('User'), id: idParam }),
  ])
  .nullable();
export type Restriction = z.infer<typeof restrictionSchema>;

const viewFields = {
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  description: z.string().max(1000),
  active: z.boolean(),
  position: z.number().int().min(0).max(10_000),
  restriction: restrictionSchema,
  conditions: conditionsSchema,
  execution: executionSchema,
};

export const viewCreateBody = z.strictObject({
  view: z
    .strictObject(viewFields)
    .partial({ description: true, active: true, position: true, restriction: true, execution: true }),
});
export const viewUpdateBody = z.strictObject({ view: z.strictObject(viewFields).partial() });
export type ViewInput = z.infer<typeof viewCreateBody>['view'];
export type ViewPatch = z.infer<typeof viewUpdateBody>['view'];

export const viewPreviewBody = z.strictObject({
  view: z.strictObject({ conditions: conditionsSchema, execution: executionSchema.optional() }),
});
