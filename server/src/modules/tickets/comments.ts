import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { presentAttachment } from '../attachments/presenter.js';
import { attachmentsOfComments } from '../attachments/service.js';
import { seesInternal } from './access.js';
import { presentVia } from './presenter.js';

/** A ticket's comments the actor may read: end users never see internal notes. */
export function queryComments(ctx: Ctx, ticketRowId: number) {
  let q = ctx.db
    .selectFrom('ticket_comments')
    .select(['id', 'audit_id', 'author_id', 'is_public', 'html_body', 'plain_body', 'via_channel', 'redacted_at', 'created_at'])
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticketRowId);
  if (!seesInternal(ctx)) {
    q = q.where('is_public', '=', 1);
  }
  return q;
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof queryComments>['executeTakeFirstOrThrow']>>;

/** A page of comments with their files, loaded in one query. */
export async function presentComments(ctx: Ctx, rows: CommentRow[]) {
  const files = await attachmentsOfComments(ctx, rows.map((r) => r.id));
  return rows.map((r) => ({ ...presentComment(r), attachments: (files.get(r.id) ?? []).map((a) => presentAttachment(ctx, a)) }));
}

export function presentComment(r: CommentRow) {
  return {
    id: r.id,
    type: 'Comment',
    author_id: r.author_id,
    body: r.plain_body,
    html_body: r.html_body,
    plain_body: r.plain_body,
    public: r.is_public === 1,
    attachments: [] as ReturnType<typeof presentAttachment>[],
    audit_id: r.audit_id,
    via: presentVia(r.via_channel, {}),
    created_at: isoTime(r.created_at),
  };
}
