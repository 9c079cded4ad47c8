import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getUser } from '../users/operations/update-user.js';
import { notFound } from '../../platform/errors.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { idParams } from '../shared/fields.js';
import { presentOrgMembership, presentOrganization } from './presenter.js';
import { queryOrganizations, queryOrgMemberships, toOrganization, toOrgMembership } from './repo.js';
import {
  organizationCreateBody,
  organizationParams,
  organizationSearchQuery,
  organizationUpdateBody,
  orgMembershipCreateBody,
  userParams,
} from './schema.js';
import {
  addOrgMembership,
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrgMembership,
  removeOrgMembership,
  updateOrganization,
} from './service.js';
import type { Ctx } from '../../context.js';

const tags = ['Organizations'];

/** End users see only their own organization; agents see all. */
function visibleOrganizations(ctx: Ctx, filter: Parameters<typeof queryOrganizations>[1] = {}) {
  const q = queryOrganizations(ctx, filter);
  if (ctx.permissions.isAgent) {
    return q;
  }
  const own = ctx.actor.kind === 'user' ? ctx.actor.user.organizationId : null;
  return q.where('o.id', '=', own ?? -1);
}

function visibleMemberships(ctx: Ctx, filter: Parameters<typeof queryOrgMemberships>[1] = {}) {
  const q = queryOrgMemberships(ctx, filter);
  if (ctx.permissions.isAgent) {
    return q;
  }
  return q.where('m.user_id', '=', ctx.actor.kind === 'user' ? ctx.actor.user.id : -1);
}

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/organizations', { config: { access: 'signed_in' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(visibleOrganizations(req.ctx), 'o.id', req.query, requestUrl(req));
    return pageEnvelope('organizations', page, (row) => presentOrganization(req.ctx, toOrganization(row)));
  });

  app.get('/api/v2/organizations/search', { config: { access: 'agent' }, schema: { tags, querystring: organizationSearchQuery.extend(pageQuery.shape) } }, async (req) => {
    const filter = {
      ...(req.query.name !== undefined ? { text: req.query.name } : {}),
      ...(req.query.external_id !== undefined ? { externalId: req.query.external_id } : {}),
    };
    const page = await paginate(visibleOrganizations(req.ctx, filter), 'o.id', req.query, requestUrl(req));
    return pageEnvelope('organizations', page, (row) => presentOrganization(req.ctx, toOrganization(row)));
  });

  app.get('/api/v2/organizations/autocomplete', { config: { access: 'agent' }, schema: { tags, querystring: organizationSearchQuery.extend(pageQuery.shape) } }, async (req) => {
    const page = await paginate(visibleOrganizations(req.ctx, { text: req.query.name ?? '' }), 'o.id', req.query, requestUrl(req));
    return pageEnvelope('organizations', page, (row) => presentOrganization(req.ctx, toOrganization(row)));
  });

  app.get('/api/v2/users/:user_id/organizations', { config: { access: 'signed_in' }, schema: { tags, params: userParams, querystring: pageQuery } }, async (req) => {
    const self = req.ctx.actor.kind === 'user' && req.ctx.actor.user.id === req.params.user_id;
    if (!req.ctx.permissions.isAgent && !self) {
      throw notFound();
    }
    await getUser(req.ctx, req.params.user_id);
    const q = visibleOrganizations(req.ctx).where('o.id', 'in', (eb) =>
      eb
        .selectFrom('organization_memberships')
        .select('organization_id')
        .where('account_id', '=', req.ctx.account.id)
        .where('user_id', '=', req.params.user_id),
    );
    const page = await paginate(q, 'o.id', req.query, requestUrl(req));
    return pageEnvelope('organizations', page, (row) => presentOrganization(req.ctx, toOrganization(row)));
  });

  app.get('/api/v2/organizations/:id', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req) => ({
    organization: presentOrganization(req.ctx, await getOrganization(req.ctx, req.params.id)),
  }));

  app.post('/api/v2/organizations', { config: { access: 'manage_organizations' }, schema: { tags, body: organizationCreateBody } }, async (req, reply) => {
    const org = await createOrganization(req.ctx, req.body.organization);
    return reply.status(201).send({ organization: presentOrganization(req.ctx, org) });
  });

  app.put('/api/v2/organizations/:id', { config: { access: 'manage_organizations' }, schema: { tags, params: idParams, body: organizationUpdateBody } }, async (req) => ({
    organization: presentOrganization(req.ctx, await updateOrganization(req.ctx, req.params.id, req.body.organization)),
  }));

  app.delete('/api/v2/organizations/:id', { config: { access: 'manage_organizations' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteOrganization(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  // ---- memberships ----

  app.get('/api/v2/organization_memberships', { config: { access: 'signed_in' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(visibleMemberships(req.ctx), 'm.id', req.query, requestUrl(req));
    return pageEnvelope('organization_memberships', page, (row) => presentOrgMembership(req.ctx, toOrgMembership(row)));
  });

  app.get('/api/v2/users/:user_id/organization_memberships', { config: { access: 'signed_in' }, schema: { tags, params: userParams, querystring: pageQuery } }, async (req) => {
    await getUser(req.ctx, req.params.user_id);
    const page = await paginate(visibleMemberships(req.ctx, { userId: req.params.user_id }), 'm.id', req.query, requestUrl(req));
    return pageEnvelope('organization_memberships', page, (row) => presentOrgMembership(req.ctx, toOrgMembership(row)));
  });

  app.get('/api/v2/organizations/:organization_id/organization_memberships', { config: { access: 'agent' }, schema: { tags, params: organizationParams, querystring: pageQuery } }, async (req) => {
    await getOrganization(req.ctx, req.params.organization_id);
    const page = await paginate(visibleMemberships(req.ctx, { organizationId: req.params.organization_id }), 'm.id', req.query, requestUrl(req));
    return pageEnvelope('organization_memberships', page, (row) => presentOrgMembership(req.ctx, toOrgMembership(row)));
  });

  app.get('/api/v2/organization_memberships/:id', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req) => ({
    organization_membership: presentOrgMembership(req.ctx, await getOrgMembership(req.ctx, req.params.id)),
  }));

  app.post('/api/v2/organization_memberships', { config: { access: 'manage_users' }, schema: { tags, body: orgMembershipCreateBody } }, async (req, reply) => {
    const m = await addOrgMembership(req.ctx, req.body.organization_membership);
    return reply.status(201).send({ organization_membership: presentOrgMembership(req.ctx, m) });
  });

  app.delete('/api/v2/organization_memberships/:id', { config: { access: 'manage_users' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await removeOrgMembership(req.ctx, req.params.id);
    return reply.status(204).send();
  });
};
