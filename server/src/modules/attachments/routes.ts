import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KefuError } from '../../platform/errors.js';
import { idParams } from '../shared/fields.js';
import { presentAttachment } from './presenter.js';
import { attachmentStorage, findVisibleAttachment, isInline, MAX_UPLOAD_BYTES, upload } from './service.js';

const tags = ['Attachments'];

const uploadQuery = z.object({
  filename: z.string().min(1).max(255),
  token: z.string().min(10).max(100).optional(),
});

/** RFC 6266 with a UTF-8 name, so 截图.png downloads as 截图.png. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  // Uploads are the file's bytes as the body, whatever their type (as Zendesk takes them).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/v2/uploads',
    { config: { access: 'signed_in' }, bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, querystring: uploadQuery } },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new KefuError('BadRequest', { description: 'Send the file as the request body' });
      }
      const result = await upload(req.ctx, { fileName: req.query.filename, bytes: req.body, token: req.query.token });
      return reply.status(201).send({
        upload: { token: result.token, attachments: result.attachments.map((a) => presentAttachment(req.ctx, a)) },
      });
    },
  );

  app.get('/api/v2/attachments/:id', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req) => ({
    attachment: presentAttachment(req.ctx, await findVisibleAttachment(req.ctx, req.params.id)),
  }));

  app.get('/api/v2/attachments/:id/content', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req, reply) => {
    const a = await findVisibleAttachment(req.ctx, req.params.id);
    return reply
      .header('content-type', a.content_type)
      .header('content-length', String(a.size))
      .header('content-disposition', contentDisposition(isInline(a.content_type) ? 'inline' : 'attachment', a.file_name))
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .send(attachmentStorage(req.ctx.config).read(a.sha256));
  });
};
