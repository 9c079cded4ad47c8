import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../shared/fields.js';
import { presentRole } from './presenter.js';
import { queryRoles, toRole } from './repo.js';
import { customRoleCreateBody, customRoleUpdateBody } from './schema.js';
import { createRole, deleteRole, getRole, updateRole } from './service.js';

const tags = ['Custom roles'];

export const customRoleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/custom_roles', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const rows = await queryRoles(req.ctx).orderBy('r.id').execute();
    return { custom_roles: rows.map((r) => presentRole(req.ctx, toRole(r))) };
  });

  app.get('/api/v2/custom_roles/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({
    custom_role: presentRole(req.ctx, await getRole(req.ctx, req.params.id)),
  }));

  app.post('/api/v2/custom_roles', { config: { access: 'admin' }, schema: { tags, body: customRoleCreateBody } }, async (req, reply) => {
    const role = await createRole(req.ctx, req.body.custom_role);
    return reply.status(201).send({ custom_role: presentRole(req.ctx, role) });
  });

  app.put('/api/v2/custom_roles/:id', { config: { access: 'admin' }, schema: { tags, params: idParams, body: customRoleUpdateBody } }, async (req) => ({
    custom_role: presentRole(req.ctx, await updateRole(req.ctx, req.params.id, req.body.custom_role)),
  }));

  app.delete('/api/v2/custom_roles/:id', { config: { access: 'admin' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteRole(req.ctx, req.params.id);
    return reply.status(204).send();
  });
};
