import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentUser } from '../users/presenter.js';
import { clearSessionCookies, setSessionCookies } from './cookies.js';
import { passwordResetBody, passwordResetCompleteBody, signInBody } from './schema.js';
import { completePasswordReset, requestPasswordReset, signIn, signOut } from './service.js';

const tags = ['Sign-in'];

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v2/sessions', { config: { access: 'public' }, schema: { tags, body: signInBody } }, async (req, reply) => {
    const session = await signIn(req.ctx, req.body.email, req.body.password);
    const csrf = setSessionCookies(req, reply, req.ctx.config.secretKey, session.token);
    const ctx = { ...req.ctx, permissions: { ...req.ctx.permissions, isAgent: session.user.role !== 'end-user' } };
    return reply.status(201).send({ user: presentUser(ctx, session.user), csrf_token: csrf });
  });

  app.delete('/api/v2/sessions/current', { config: { access: 'signed_in' }, schema: { tags } }, async (req, reply) => {
    await signOut(req.ctx);
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  app.post('/api/v2/password_resets', { config: { access: 'public' }, schema: { tags, body: passwordResetBody } }, async (req, reply) => {
    await requestPasswordReset(req.ctx, req.body.email);
    return reply.status(202).send({});
  });

  app.post(
    '/api/v2/password_resets/complete',
    { config: { access: 'public' }, schema: { tags, body: passwordResetCompleteBody } },
    async (req, reply) => {
      const session = await completePasswordReset(req.ctx, req.body.token, req.body.password);
      const csrf = setSessionCookies(req, reply, req.ctx.config.secretKey, session.token);
      const ctx = { ...req.ctx, permissions: { ...req.ctx.permissions, isAgent: session.user.role !== 'end-user' } };
      return reply.status(200).send({ user: presentUser(ctx, session.user), csrf_token: csrf });
    },
  );
};
