import { z } from 'zod';
import { refineMessage } from '../../platform/issue-messages.js';
import { msg } from '../../platform/messages.js';
import { email, externalId, idParam, locale, name, tags } from '../shared/fields.js';

export const ticketStatus = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
export const ticketType = z.enum(['question', 'incident', 'problem', 'task']);
export const ticketPriority = z.enum(['low', 'normal', 'high', 'urgent']);

const commentText = {
  body: z.string().max(65_535).optional(),
  html_body: z.string().max(262_144).optional(),
};
const hasText = (c: { body?: string | undefined; html_body?: string | undefined }): boolean => (c.body ?? c.html_body ?? '').trim().length > 0;

const uploads = z.array(z.string().min(10).max(100)).max(20);

export const commentInput = z
  .strictObject({ ...commentText, public: z.boolean().optional(), uploads: uploads.optional() })
  .refine(hasText, { ...refineMessage(msg('schema.comment_body')), path: ['body'] });
/** End users' comments are always public, so they have no `public` flag. */
const requestComment = z.strictObject({ ...commentText, uploads: uploads.optional() }).refine(hasText, { ...refineMessage(msg('schema.comment_body')), path: ['body'] });
export type CommentInput = z.infer<typeof commentInput>;

const customFieldValue = z.union([z.string().max(65_535), z.number(), z.boolean(), z.array(z.string().max(255)).max(100), z.null()]);

const editable = {
  subject: z.string().trim().min(1).max(255),
  status: ticketStatus,
  type: ticketType.nullable(),
  priority: ticketPriority.nullable(),
  requester_id: idParam,
  assignee_id: idParam.nullable(),
  group_id: idParam.nullable(),
  organization_id: idParam.nullable(),
  problem_id: idParam.nullable(),
  due_at: z.iso.datetime({ offset: true }).nullable(),
  external_id: externalId,
  tags,
  custom_fields: z.array(z.strictObject({ id: z.union([idParam, z.string().max(64)]), value: customFieldValue })).max(200),
  ticket_form_id: idParam.nullable(),
  collaborator_ids: z.array(idParam).max(48),
  follower_ids: z.array(idParam).max(48),
  comment: commentInput,
};

export const ticketCreateInput = z
  .strictObject({
    ...editable,
    /** Zendesk accepts the first comment as `description` too. */
    description: z.string().max(65_535).optional(),
    /** A requester by email, created as an end user when new. */
    requester: z.strictObject({ name: name.optional(), email, locale: locale.optional() }).optional(),
    submitter_id: idParam.optional(),
    via_followup_source_id: idParam.optional(),
  })
  .partial({
    status: true, type: true, priority: true, requester_id: true, assignee_id: true, group_id: true, organization_id: true,
    problem_id: true, due_at: true, external_id: true, tags: true, custom_fields: true, ticket_form_id: true, collaborator_ids: true, follower_ids: true,
  })
  .refine((t) => t.comment !== undefined || (t.description ?? '').trim().length > 0, { ...refineMessage(msg('ticket.needs_comment')), path: ['comment'] });
export type TicketCreateInput = z.infer<typeof ticketCreateInput>;

export const ticketUpdateInput = z
  .strictObject({
    ...editable,
    additional_tags: tags,
    remove_tags: tags,
  })
  .partial();
export type TicketUpdateInput = z.infer<typeof ticketUpdateInput>;

export const ticketCreateBody = z.strictObject({ ticket: ticketCreateInput });
export const ticketUpdateBody = z.strictObject({ ticket: ticketUpdateInput });

/** The end user's view (Zendesk's Requests API). */
/** Who writes in without signing in (the portal's anonymous form): they become an end user. */
const anonymousRequester = z.strictObject({ name, email, locale: locale.optional() });

export const requestCreateBody = z.strictObject({
  request: z.strictObject({
    /** Only without a session: the name and address of the person writing in. */
    requester: anonymousRequester.optional(),
    subject: editable.subject,
    comment: requestComment,
    collaborator_ids: editable.collaborator_ids.optional(),
    /** The portal's form and the fields it lets the requester fill. */
    ticket_form_id: idParam.optional(),
    custom_fields: editable.custom_fields.optional(),
  }),
});
export const requestUpdateBody = z.strictObject({
  request: z
    .strictObject({ comment: requestComment.optional(), solved: z.literal(true).optional() })
    .refine((r) => r.comment !== undefined || r.solved !== undefined, { ...refineMessage(msg('schema.comment_or_solved')), path: ['comment'] }),
});
