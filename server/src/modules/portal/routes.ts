import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { email, locale, name } from '../shared/fields.js';
import { registerEndUser } from './people.js';

const registrationBody = z.strictObject({ user: z.strictObject({ name, email, locale: locale.optional() }) });

/** The customer portal's own endpoints; everything else it does goes through the public API. */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  // 202 whether or not the address was known: the link in the mail is what proves it.
  app.post('/api/v2/portal/registrations', { config: { access: 'public' }, schema: { tags: ['Portal'], body: registrationBody } }, async (req, reply) => {
    await registerEndUser(req.ctx, req.body.user);
    return reply.status(202).send({});
  });
};
