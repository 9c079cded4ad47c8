import type { Ctx } from '../../context.js';
import { accountOrigin } from '../../platform/http/urls.js';
import { apiUrl } from '../../platform/http/urls.js';
import { type AttachmentRow, isInline } from './service.js';

export function presentAttachment(ctx: Ctx, a: AttachmentRow) {
  return {
    id: a.id,
    url: apiUrl(ctx, `attachments/${a.id}`),
    file_name: a.file_name,
    content_url: `${accountOrigin(ctx)}/api/v2/attachments/${a.id}/content`,
    content_type: a.content_type,
    size: a.size,
    inline: isInline(a.content_type),
  };
}
