import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KefuError } from '../../platform/errors.js';
import { importOrganizations } from './organizations-import.js';
import { importUsers } from './users-import.js';

const tags = ['Imports'];
const CSV_LIMIT = 10 * 1024 * 1024;

const usersQuery = z.object({ send_invites: z.enum(['true', 'false']).default('false') });

function csvBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new KefuError('UnsupportedMediaType', { description: 'Send the CSV file as the request body with Content-Type: text/csv' });
  }
  return body;
}

/**
 * CSV imports of users and organizations. Excel's UTF-8 (with BOM) and GB18030 files
 * both work; headers may be English or Chinese.
 */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: CSV_LIMIT }, (_req, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/v2/imports/users',
    { config: { access: 'manage_users' }, bodyLimit: CSV_LIMIT, schema: { tags, querystring: usersQuery, consumes: ['text/csv'] } },
    async (req, reply) => {
      const result = await importUsers(req.ctx, csvBody(req.body), { sendInvites: req.query.send_invites === 'true' });
      return reply.status(201).send({ import: { type: 'users', count: result.created.length, rows: result.created } });
    },
  );

  app.post(
    '/api/v2/imports/organizations',
    { config: { access: 'manage_organizations' }, bodyLimit: CSV_LIMIT, schema: { tags, consumes: ['text/csv'] } },
    async (req, reply) => {
      const result = await importOrganizations(req.ctx, csvBody(req.body));
      return reply.status(201).send({ import: { type: 'organizations', count: result.created.length, rows: result.created } });
    },
  );
};
