import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { actorUserId, type Ctx } from '../../context.js';
import type { Config } from '../../config.js';
import { DAY } from '../../platform/clock.js';
import { forbidden, invalidField, KefuError, notFound } from '../../platform/errors.js';
import { hashToken, newToken } from '../../platform/secrets.js';
import { type BlobStorage, DiskBlobStorage } from '../../platform/storage/blob-storage.js';
import { seesInternal, visibleTickets } from '../tickets/access.js';
import { msg } from '../../platform/messages.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const UPLOAD_TTL = 3 * DAY;

// Shown in the browser; everything else downloads, so an uploaded page or SVG cannot run.
const inlineTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'application/pdf']);
export const isInline = (contentType: string): boolean => inlineTypes.has(contentType);

const storages = new Map<string, BlobStorage>();
export function attachmentStorage(config: Config): BlobStorage {
  let storage = storages.get(config.dataDir);
  if (!storage) {
    storage = new DiskBlobStorage(path.join(config.dataDir, 'attachments'));
    storages.set(config.dataDir, storage);
  }
  return storage;
}

const uploadTokenHash = (ctx: Ctx, token: string): string => hashToken(ctx.config.secretKey, 'upload', token);

/** The type of the bytes themselves, never the name or the client's word for it. */
async function sniff(bytes: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    return found.mime;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
    return bytes.includes(0) ? 'application/octet-stream' : 'text/plain';
  } catch {
    return 'application/octet-stream';
  }
}

function cleanFileName(name: string): string {
  const base = [...name.replace(/[\\/]/g, '_')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f' && ch !== '"')
    .join('')
    .trim();
  if (base.length === 0 || base === '.' || base === '..') {
    throw invalidField('filename', msg('attachment.filename_required'), 'Required');
  }
  return base.slice(0, 255);
}

export type AttachmentRow = { id: number; file_name: string; content_type: string; size: number; sha256: string; comment_id: number | null; ticket_id: number | null; uploader_id: number };

/**
 * Stores an upload; files uploaded with the same token travel together onto a comment.
 * A token belongs to its uploader and is good for three days.
 */
export async function upload(ctx: Ctx, input: { fileName: string; bytes: Buffer; token?: string | undefined }): Promise<{ token: string; attachments: AttachmentRow[] }> {
  const me = actorUserId(ctx);
  if (me === null) {
    throw forbidden();
  }
  if (input.bytes.length === 0) {
    throw invalidField('file', msg('attachment.empty'), 'Blank');
  }
  if (input.bytes.length > MAX_UPLOAD_BYTES) {
    throw new KefuError('PayloadTooLarge', { description: `Files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  }
  const fileName = cleanFileName(input.fileName);
  const token = input.token ?? newToken();
  const tokenHash = uploadTokenHash(ctx, token);
  if (input.token !== undefined) {
    const mine = await ctx.db
      .selectFrom('attachments')
      .select('id')
      .where('account_id', '=', ctx.account.id)
      .where('token_hash', '=', tokenHash)
      .where('uploader_id', '=', me)
      .where('comment_id', 'is', null)
      .executeTakeFirst();
    if (!mine) {
      throw invalidField('token', msg('attachment.not_your_upload'), 'InvalidToken');
    }
  }
  const contentType = await sniff(input.bytes);
  const sha256 = await attachmentStorage(ctx.config).put(input.bytes);
  await ctx.db
    .insertInto('attachments')
    .values({
      account_id: ctx.account.id,
      token_hash: tokenHash,
      uploader_id: me,
      ticket_id: null,
      comment_id: null,
      file_name: fileName,
      content_type: contentType,
      size: input.bytes.length,
      sha256,
      created_at: ctx.clock.now(),
    })
    .execute();
  return { token, attachments: await attachmentsOfToken(ctx, tokenHash) };
}

function attachmentColumns(ctx: Ctx) {
  return ctx.db
    .selectFrom('attachments')
    .select(['id', 'file_name', 'content_type', 'size', 'sha256', 'comment_id', 'ticket_id', 'uploader_id'])
    .where('account_id', '=', ctx.account.id);
}

async function attachmentsOfToken(ctx: Ctx, tokenHash: string): Promise<AttachmentRow[]> {
  return attachmentColumns(ctx).where('token_hash', '=', tokenHash).orderBy('id').execute();
}

/** Moves the files of the given upload tokens onto a new comment; unknown or stale tokens are a 422. */
export async function attachUploads(ctx: Ctx, tokens: string[], ticketRowId: number, commentId: number, field: string): Promise<AttachmentRow[]> {
  const me = actorUserId(ctx);
  const attached: AttachmentRow[] = [];
  for (const token of [...new Set(tokens)]) {
    const hash = uploadTokenHash(ctx, token);
    const result = await ctx.db
      .updateTable('attachments')
      .set({ ticket_id: ticketRowId, comment_id: commentId })
      .where('account_id', '=', ctx.account.id)
      .where('token_hash', '=', hash)
      .where('uploader_id', '=', me ?? -1)
      .where('comment_id', 'is', null)
      .where('created_at', '>', ctx.clock.now() - UPLOAD_TTL)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw invalidField(`${field}.comment.uploads`, msg('attachment.unknown_token'), 'InvalidToken');
    }
    attached.push(...(await attachmentsOfToken(ctx, hash)));
  }
  return attached;
}

export async function attachmentsOfComments(ctx: Ctx, commentIds: number[]): Promise<Map<number, AttachmentRow[]>> {
  const map = new Map<number, AttachmentRow[]>();
  if (commentIds.length === 0) {
    return map;
  }
  const rows = await attachmentColumns(ctx).where('comment_id', 'in', commentIds).orderBy('id').execute();
  for (const r of rows) {
    if (r.comment_id !== null) {
      map.set(r.comment_id, [...(map.get(r.comment_id) ?? []), r]);
    }
  }
  return map;
}

/**
 * An attachment the actor may open: their own upload not yet on a comment, or a file
 * on a comment of a ticket they may see (internal notes' files for agents only).
 */
export async function findVisibleAttachment(ctx: Ctx, id: number): Promise<AttachmentRow> {
  const row = await attachmentColumns(ctx).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  if (row.comment_id === null || row.ticket_id === null) {
    if (row.uploader_id !== actorUserId(ctx)) {
      throw notFound();
    }
    return row;
  }
  const visible = await ctx.db
    .selectFrom('ticket_comments')
    .innerJoin('tickets', (j) => j.onRef('tickets.account_id', '=', 'ticket_comments.account_id').onRef('tickets.id', '=', 'ticket_comments.ticket_id'))
    .select('ticket_comments.is_public')
    .where('ticket_comments.account_id', '=', ctx.account.id)
    .where('ticket_comments.id', '=', row.comment_id)
    .where(visibleTickets(ctx))
    .executeTakeFirst();
  if (!visible || (visible.is_public === 0 && !seesInternal(ctx))) {
    throw notFound();
  }
  return row;
}
