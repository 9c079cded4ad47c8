import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../context.js';
import { idParams } from '../shared/fields.js';
import { createPolicy, deletePolicy, getPolicy, listPolicies, presentPolicy, SLA_METRICS, slaPolicyInput, updatePolicy } from './policies.js';
import { loadDefinitionData } from '../../rules/definition-data.js';
import { conditionDefinitions } from '../../rules/definitions-presenter.js';

const tags = ['SLA policies'];

export const slaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/slas/policies', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const policies = await listPolicies(req.ctx);
    return { sla_policies: policies.map((p) => presentPolicy(req.ctx, p)), next_page: null, previous_page: null, count: policies.length };
  });
  // Zendesk's shape (`value` per condition) with the editor's details, from the validator's table.
  app.get('/api/v2/slas/policies/definitions', { config: { access: 'agent' }, schema: { tags } }, async (req) => {
    const conditions = conditionDefinitions('sla', await loadDefinitionData(req.ctx)).map((d) => ({ value: d.subject, ...d }));
    return { definitions: { all: conditions, any: conditions, metrics: SLA_METRICS.map((value) => ({ value })) } };
  });
  app.get('/api/v2/slas/policies/:id', { config: { access: 'agent' }, schema: { tags, params: idParams } }, async (req) => ({ sla_policy: presentPolicy(req.ctx, await getPolicy(req.ctx, req.params.id)) }));
  app.post('/api/v2/slas/policies', { config: { access: 'manage_rules' }, schema: { tags, body: z.object({ sla_policy: slaPolicyInput }) } }, async (req, reply) =>
    reply.status(201).send({ sla_policy: presentPolicy(req.ctx, await inTransaction(req.ctx, (tx) => createPolicy(tx, req.body.sla_policy))) }),
  );
  app.put('/api/v2/slas/policies/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams, body: z.object({ sla_policy: slaPolicyInput }) } }, async (req) => ({
    sla_policy: presentPolicy(req.ctx, await inTransaction(req.ctx, (tx) => updatePolicy(tx, req.params.id, req.body.sla_policy))),
  }));
  app.delete('/api/v2/slas/policies/:id', { config: { access: 'manage_rules' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await inTransaction(req.ctx, (tx) => deletePolicy(tx, req.params.id));
    return reply.status(204).send();
  });
};
