import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { apiUrl } from '../../platform/http/urls.js';
import { idParams } from '../shared/fields.js';
import { type ApiTokenRecord, findApiTokenById, queryApiTokens, toApiToken } from './repo.js';
import { createApiToken, revokeApiToken } from './service.js';

const tags = ['API tokens'];

const createBody = z.strictObject({
  api_token: z.strictObject({ description: z.string().trim().max(255).default('') }),
});

function presentApiToken(ctx: Ctx, t: ApiTokenRecord) {
  return {
    id: t.id,
    url: apiUrl(ctx, `api_tokens/${t.id}`),
    description: t.description,
    token_last_four: t.lastFour,
    created_by_id: t.createdById,
    last_used_at: isoTime(t.lastUsedAt),
    created_at: isoTime(t.createdAt),
  };
}

export const apiTokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/api_tokens', { config: { access: 'admin' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(queryApiTokens(req.ctx), 'id', req.query, requestUrl(req));
    return pageEnvelope('api_tokens', page, (row) => presentApiToken(req.ctx, toApiToken(row)));
  });

  app.get('/api/v2/api_tokens/:id', { config: { access: 'admin' }, schema: { tags, params: idParams } }, async (req) => {
    const token = await findApiTokenById(req.ctx, req.params.id);
    if (!token) {
      throw notFound();
    }
    return { api_token: presentApiToken(req.ctx, token) };
  });

  app.post('/api/v2/api_tokens', { config: { access: 'admin' }, schema: { tags, body: createBody } }, async (req, reply) => {
    const made = await createApiToken(req.ctx, req.body.api_token.description);
    return reply.status(201).send({ api_token: { ...presentApiToken(req.ctx, made.record), token: made.token } });
  });

  app.delete('/api/v2/api_tokens/:id', { config: { access: 'admin' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await revokeApiToken(req.ctx, req.params.id);
    return reply.status(204).send();
  });
};
