import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { idParams } from '../shared/fields.js';
import { presentJobStatus } from './presenter.js';
import { findJobStatus } from './repo.js';

export const jobStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v2/job_statuses/:id', { config: { access: 'agent' }, schema: { tags: ['Job statuses'], params: idParams } }, async (req) => {
    const job = await findJobStatus(req.ctx, req.params.id);
    if (!job) {
      throw notFound();
    }
    return { job_status: presentJobStatus(req.ctx, job) };
  });
};
