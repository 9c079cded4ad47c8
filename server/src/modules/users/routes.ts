import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { UserRole } from '../../db/schema.js';
import { forbidden } from '../../platform/errors.js';
import { pageEnvelope, pageQuery, paginate } from '../../platform/http/pagination.js';
import { requestUrl } from '../../platform/http/request.js';
import { getGroup } from '../groups/service.js';
import { presentJobStatus } from '../job-statuses/presenter.js';
import { findJobStatus } from '../job-statuses/repo.js';
import { getOrganization } from '../organizations/service.js';
import { idList, idParam, idParams } from '../shared/fields.js';
import { createManyUsers } from './operations/create-many-users.js';
import { createUser } from './operations/create-user.js';
import { deleteUser } from './operations/delete-user.js';
import { addIdentity, getIdentities, makeIdentityPrimary, removeIdentity } from './operations/identities.js';
import { mergeUsers } from './operations/merge-users.js';
import { setPassword } from './operations/set-password.js';
import { getUser, updateUser } from './operations/update-user.js';
import { presentAnonymous, presentIdentity, presentUser } from './presenter.js';
import { findUsers, queryUsers, toUserRecord } from './repo.js';
import {
  identityCreateBody,
  identityParams,
  mergeBody,
  passwordBody,
  userCreateBody,
  userListQuery,
  usersCreateManyBody,
  userSearchQuery,
  userUpdateBody,
} from './schema.js';

const tags = ['Users'];

function rolesOf(query: Pick<z.infer<typeof userListQuery>, 'role' | 'role[]'>): UserRole[] | undefined {
  const many = query['role[]'];
  if (many !== undefined) {
    return Array.isArray(many) ? many : [many];
  }
  return query.role ? [query.role] : undefined;
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/users', { config: { access: 'agent' }, schema: { tags, querystring: userListQuery.extend(pageQuery.shape) } }, async (req) => {
    const roles = rolesOf(req.query);
    const q = queryUsers(req.ctx, {
      ...(roles ? { roles } : {}),
      ...(req.query.permission_set !== undefined ? { customRoleId: req.query.permission_set } : {}),
      ...(req.query.external_id !== undefined ? { externalId: req.query.external_id } : {}),
    });
    const page = await paginate(q, 'u.id', req.query, requestUrl(req));
    return pageEnvelope('users', page, (row) => presentUser(req.ctx, toUserRecord(row)));
  });

  app.get('/api/v2/users/me', { config: { access: 'public' }, schema: { tags } }, async (req) => {
    const actor = req.ctx.actor;
    if (actor.kind !== 'user') {
      return { user: presentAnonymous(req.ctx) };
    }
    return { user: presentUser(req.ctx, await getUser(req.ctx, actor.user.id)) };
  });

  app.get('/api/v2/users/search', { config: { access: 'agent' }, schema: { tags, querystring: userSearchQuery.extend(pageQuery.shape) } }, async (req) => {
    const roles = rolesOf(req.query);
    const q = queryUsers(req.ctx, {
      ...(roles ? { roles } : {}),
      ...(req.query.query !== undefined ? { text: req.query.query } : {}),
      ...(req.query.external_id !== undefined ? { externalId: req.query.external_id } : {}),
    });
    const page = await paginate(q, 'u.id', req.query, requestUrl(req));
    return pageEnvelope('users', page, (row) => presentUser(req.ctx, toUserRecord(row)));
  });

  app.get(
    '/api/v2/users/autocomplete',
    { config: { access: 'agent' }, schema: { tags, querystring: z.object({ name: z.string().trim().min(2).max(100) }).extend(pageQuery.shape) } },
    async (req) => {
      const page = await paginate(queryUsers(req.ctx, { text: req.query.name }), 'u.id', req.query, requestUrl(req));
      return pageEnvelope('users', page, (row) => presentUser(req.ctx, toUserRecord(row)));
    },
  );

  app.get(
    '/api/v2/users/show_many',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        querystring: z.object({
          ids: idList(100),
        }),
      },
    },
    async (req) => ({ users: (await findUsers(req.ctx, req.query.ids)).map((u) => presentUser(req.ctx, u)) }),
  );

  app.get(
    '/api/v2/groups/:group_id/users',
    { config: { access: 'agent' }, schema: { tags, params: z.object({ group_id: idParam }), querystring: pageQuery } },
    async (req) => {
      await getGroup(req.ctx, req.params.group_id);
      const page = await paginate(queryUsers(req.ctx, { groupId: req.params.group_id }), 'u.id', req.query, requestUrl(req));
      return pageEnvelope('users', page, (row) => presentUser(req.ctx, toUserRecord(row)));
    },
  );

  app.get(
    '/api/v2/organizations/:organization_id/users',
    { config: { access: 'agent' }, schema: { tags, params: z.object({ organization_id: idParam }), querystring: pageQuery } },
    async (req) => {
      await getOrganization(req.ctx, req.params.organization_id);
      const q = queryUsers(req.ctx, { organizationId: req.params.organization_id });
      const page = await paginate(q, 'u.id', req.query, requestUrl(req));
      return pageEnvelope('users', page, (row) => presentUser(req.ctx, toUserRecord(row)));
    },
  );

  app.get('/api/v2/users/:id', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req) => ({
    user: presentUser(req.ctx, await getUser(req.ctx, req.params.id)),
  }));

  app.post('/api/v2/users', { config: { access: 'manage_users' }, schema: { tags, body: userCreateBody } }, async (req, reply) => {
    const user = await createUser(req.ctx, req.body.user);
    return reply.status(201).send({ user: presentUser(req.ctx, user) });
  });

  app.post('/api/v2/users/create_many', { config: { access: 'manage_users' }, schema: { tags, body: usersCreateManyBody } }, async (req, reply) => {
    const jobId = await createManyUsers(req.ctx, req.body.users);
    const job = await findJobStatus(req.ctx, jobId);
    return reply.status(200).send({ job_status: job ? presentJobStatus(req.ctx, job) : null });
  });

  app.put('/api/v2/users/:id', { config: { access: 'signed_in' }, schema: { tags, params: idParams, body: userUpdateBody } }, async (req) => ({
    user: presentUser(req.ctx, await updateUser(req.ctx, req.params.id, req.body.user)),
  }));

  app.delete('/api/v2/users/:id', { config: { access: 'manage_users' }, schema: { tags, params: idParams } }, async (req) => ({
    user: presentUser(req.ctx, await deleteUser(req.ctx, req.params.id)),
  }));

  app.put('/api/v2/users/:id/merge', { config: { access: 'manage_users' }, schema: { tags, params: idParams, body: mergeBody } }, async (req) => ({
    user: presentUser(req.ctx, await mergeUsers(req.ctx, req.params.id, req.body.user.id)),
  }));

  const changePassword = async (req: { ctx: Ctx; params: { id: number }; body: z.infer<typeof passwordBody> }) => {
    const actor = req.ctx.actor;
    if (actor.kind !== 'user') {
      throw forbidden();
    }
    await setPassword(req.ctx, req.params.id, req.body, actor.sessionId);
  };
  // POST: an admin sets another user's password; PUT: a person changes their own.
  app.post('/api/v2/users/:id/password', { config: { access: 'admin' }, schema: { tags, params: idParams, body: passwordBody } }, async (req, reply) => {
    await changePassword(req);
    return reply.status(200).send({});
  });
  app.put('/api/v2/users/:id/password', { config: { access: 'signed_in' }, schema: { tags, params: idParams, body: passwordBody } }, async (req, reply) => {
    await changePassword(req);
    return reply.status(200).send({});
  });

  // ---- identities ----

  app.get('/api/v2/users/:id/identities', { config: { access: 'signed_in' }, schema: { tags, params: idParams } }, async (req) => ({
    identities: (await getIdentities(req.ctx, req.params.id)).map((i) => presentIdentity(req.ctx, i)),
  }));

  app.post('/api/v2/users/:id/identities', { config: { access: 'signed_in' }, schema: { tags, params: idParams, body: identityCreateBody } }, async (req, reply) => {
    const identity = await addIdentity(req.ctx, req.params.id, req.body.identity);
    return reply.status(201).send({ identity: presentIdentity(req.ctx, identity) });
  });

  app.put(
    '/api/v2/users/:id/identities/:identity_id/make_primary',
    { config: { access: 'signed_in' }, schema: { tags, params: identityParams } },
    async (req) => ({
      identities: (await makeIdentityPrimary(req.ctx, req.params.id, req.params.identity_id)).map((i) => presentIdentity(req.ctx, i)),
    }),
  );

  app.delete('/api/v2/users/:id/identities/:identity_id', { config: { access: 'signed_in' }, schema: { tags, params: identityParams } }, async (req, reply) => {
    await removeIdentity(req.ctx, req.params.id, req.params.identity_id);
    return reply.status(204).send();
  });
};
