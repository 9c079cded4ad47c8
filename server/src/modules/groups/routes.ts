import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, notFound } from '../../platform/errors.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { idParams } from '../shared/fields.js';
import { getUser } from '../users/operations/update-user.js';
import { presentGroup, presentMembership } from './presenter.js';
import { queryGroups, queryMemberships, toGroup, toMembership } from './repo.js';
import { groupCreateBody, groupUpdateBody, membershipCreateBody, userMembershipParams, userParams, groupParams } from './schema.js';
import {
  addMembership,
  createGroup,
  deleteGroup,
  getGroup,
  getMembership,
  makeMembershipDefault,
  removeMembership,
  updateGroup,
} from './service.js';

const tags = ['Groups'];

export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/groups', { config: { access: 'agent' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(queryGroups(req.ctx), 'id', req.query, requestUrl(req));
    return pageEnvelope('groups', page, (row) => presentGroup(req.ctx, toGroup(row)));
  });

  app.get('/api/v2/groups/assignable', { config: { access: 'agent' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(queryGroups(req.ctx), 'id', req.query, requestUrl(req));
    return pageEnvelope('groups', page, (row) => presentGroup(req.ctx, toGroup(row)));
  });

  app.get('/api/v2/users/:user_id/groups', { config: { access: 'agent' }, schema: { tags, params: userParams, querystring: pageQuery } }, async (req) => {
    await getUser(req.ctx, req.params.user_id);
    const page = await paginate(queryGroups(req.ctx, { userId: req.params.user_id }), 'id', req.query, requestUrl(req));
    return pageEnvelope('groups', page, (row) => presentGroup(req.ctx, toGroup(row)));
  });

  app.get('/api/v2/groups/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({
    group: presentGroup(req.ctx, await getGroup(req.ctx, req.params.id)),
  }));

  app.post('/api/v2/groups', { config: { access: 'manage_groups' }, schema: { tags, body: groupCreateBody } }, async (req, reply) => {
    const group = await createGroup(req.ctx, req.body.group);
    return reply.status(201).send({ group: presentGroup(req.ctx, group) });
  });

  app.put('/api/v2/groups/:id', { config: { access: 'manage_groups' }, schema: { tags, params: idParams, body: groupUpdateBody } }, async (req) => ({
    group: presentGroup(req.ctx, await updateGroup(req.ctx, req.params.id, req.body.group)),
  }));

  app.delete('/api/v2/groups/:id', { config: { access: 'manage_groups' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteGroup(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  // ---- memberships ----

  app.get('/api/v2/group_memberships', { config: { access: 'agent' }, schema: { tags, querystring: pageQuery } }, async (req) => {
    const page = await paginate(queryMemberships(req.ctx), 'gm.id', req.query, requestUrl(req));
    return pageEnvelope('group_memberships', page, (row) => presentMembership(req.ctx, toMembership(row)));
  });

  app.get('/api/v2/groups/:group_id/memberships', { config: { access: 'agent' }, schema: { tags, params: groupParams, querystring: pageQuery } }, async (req) => {
    await getGroup(req.ctx, req.params.group_id);
    const page = await paginate(queryMemberships(req.ctx, { groupId: req.params.group_id }), 'gm.id', req.query, requestUrl(req));
    return pageEnvelope('group_memberships', page, (row) => presentMembership(req.ctx, toMembership(row)));
  });

  app.get('/api/v2/users/:user_id/group_memberships', { config: { access: 'agent' }, schema: { tags, params: userParams, querystring: pageQuery } }, async (req) => {
    await getUser(req.ctx, req.params.user_id);
    const page = await paginate(queryMemberships(req.ctx, { userId: req.params.user_id }), 'gm.id', req.query, requestUrl(req));
    return pageEnvelope('group_memberships', page, (row) => presentMembership(req.ctx, toMembership(row)));
  });

  app.get('/api/v2/group_memberships/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({
    group_membership: presentMembership(req.ctx, await getMembership(req.ctx, req.params.id)),
  }));

  app.post('/api/v2/group_memberships', { config: { access: 'manage_groups' }, schema: { tags, body: membershipCreateBody } }, async (req, reply) => {
    const membership = await addMembership(req.ctx, req.body.group_membership);
    return reply.status(201).send({ group_membership: presentMembership(req.ctx, membership) });
  });

  app.delete('/api/v2/group_memberships/:id', { config: { access: 'manage_groups' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await removeMembership(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  app.delete('/api/v2/users/:user_id/group_memberships/:id', { config: { access: 'manage_groups' }, schema: { tags, params: userMembershipParams } }, async (req, reply) => {
    await removeMembership(req.ctx, req.params.id, req.params.user_id);
    return reply.status(204).send();
  });

  app.put('/api/v2/users/:user_id/group_memberships/:id/make_default', { config: { access: 'signed_in' }, schema: { tags, params: userMembershipParams } }, async (req) => {
    // An agent may choose their own default group; admins anyone's.
    const self = req.ctx.actor.kind === 'user' && req.ctx.actor.user.id === req.params.user_id;
    if (!req.ctx.permissions.isAdmin && !(self && req.ctx.permissions.isAgent)) {
      throw req.ctx.permissions.isAgent ? forbidden() : notFound();
    }
    const memberships = await makeMembershipDefault(req.ctx, req.params.user_id, req.params.id);
    return { group_memberships: memberships.map((m) => presentMembership(req.ctx, m)) };
  });
};
