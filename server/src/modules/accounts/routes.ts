import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../context.js';
import { permissionsFor } from '../../platform/permissions.js';
import { accountOrigin } from '../../platform/http/urls.js';
import { setSessionCookies } from '../sessions/cookies.js';
import { startSession } from '../sessions/service.js';
import { presentUser } from '../users/presenter.js';
import { findPortalAccess, hasAnyAccount } from './repo.js';
import { presentAccount, presentSettings } from './presenter.js';
import { newHelpdeskBody, settingsUpdateBody } from './schema.js';
import { createHelpdesk, type NewHelpdesk, signUp, updateSettings } from './service.js';

const tags = ['Account'];

/** The owner's own view of the helpdesk they just made. */
function asOwner(made: NewHelpdesk): Ctx {
  const user = {
    id: made.owner.id,
    name: made.owner.name,
    email: made.owner.email,
    role: made.owner.role,
    isOwner: true,
    customRoleId: null,
    organizationId: null,
    locale: made.owner.locale,
  };
  return { ...made.ctx, actor: { kind: 'user', user, via: 'session', sessionId: null }, permissions: permissionsFor(user, null) };
}

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/setup', { config: { access: 'installation' }, schema: { tags } }, async (req) => ({
    setup_required: !(await hasAnyAccount(req.baseCtx.db)),
  }));

  app.post('/api/v2/setup', { config: { access: 'installation' }, schema: { tags, body: newHelpdeskBody } }, async (req, reply) => {
    const made = await createHelpdesk(req.baseCtx, req.body, { firstRun: true });
    const ctx = asOwner(made);
    const session = await startSession(ctx, made.owner.id);
    const csrf = setSessionCookies(req, reply, ctx.config.secretKey, session.token);
    return reply.status(201).send({ account: presentAccount(made.account, await findPortalAccess(req.baseCtx.db, made.account.id)), user: presentUser(ctx, session.user), csrf_token: csrf });
  });

  app.post('/api/v2/accounts', { config: { access: 'installation' }, schema: { tags, body: newHelpdeskBody } }, async (req, reply) => {
    const made = await signUp(req.baseCtx, req.body);
    const ctx = asOwner(made);
    return reply
      .status(201)
      .send({ account: presentAccount(made.account, await findPortalAccess(req.baseCtx.db, made.account.id)), user: presentUser(ctx, made.owner), url: accountOrigin(ctx) });
  });

  app.get('/api/v2/account/settings', { config: { access: 'public' }, schema: { tags } }, async (req) => ({
    settings: presentSettings(req.ctx.account, await findPortalAccess(req.ctx.db, req.ctx.account.id)),
  }));

  app.get('/api/v2/account', { config: { access: 'admin' }, schema: { tags } }, async (req) => ({
    account: presentAccount(req.ctx.account, await findPortalAccess(req.ctx.db, req.ctx.account.id)),
  }));

  app.put('/api/v2/account/settings', { config: { access: 'manage_settings' }, schema: { tags, body: settingsUpdateBody } }, async (req) => {
    const updated = await updateSettings(req.ctx, req.body.settings);
    return { settings: presentSettings(updated.account, updated.access) };
  });
};
