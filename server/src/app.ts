import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { BaseCtx } from './context.js';
import type { DatabaseHandle } from './db/database.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { apiTokenRoutes } from './modules/api-tokens/routes.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { auditLogRoutes } from './modules/audit-logs/routes.js';
import { customRoleRoutes } from './modules/custom-roles/routes.js';
import { groupRoutes } from './modules/groups/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { jobStatusRoutes } from './modules/job-statuses/routes.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { realtimeRoutes } from './modules/realtime/routes.js';
import { authenticate } from './modules/sessions/authenticate.js';
import { searchRoutes } from './modules/search/routes.js';
import { sessionRoutes } from './modules/sessions/routes.js';
import { ticketBulkRoutes } from './modules/tickets/bulk-routes.js';
import { incrementalRoutes } from './modules/tickets/incremental-routes.js';
import { ticketRoutes } from './modules/tickets/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { viewRoutes } from './modules/views/routes.js';
import { macroRoutes } from './modules/macros/routes.js';
import { routingRoutes } from './modules/routing/routes.js';
import { scheduleRoutes } from './modules/schedules/routes.js';
import { slaRoutes } from './modules/sla/routes.js';
import { automationRoutes, triggerCategoryRoutes, triggerRoutes } from './modules/triggers/routes.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { customFieldRoutes } from './modules/custom-fields/routes.js';
import { ticketFormRoutes } from './modules/custom-fields/form-routes.js';
import { recurringRoutes } from './modules/recurring/routes.js';
import { recipientAddressRoutes } from './modules/email/addresses.js';
import { suspendedTicketRoutes } from './modules/email/suspended-routes.js';
import { mailboxRoutes } from './modules/email/mailboxes.js';
import { suppressionRoutes } from './modules/email/suppressions.js';
import { mailTemplateRoutes } from './modules/email/mail-template.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import type { Clock } from './platform/clock.js';
import { KefuError } from './platform/errors.js';
import { errorHandler } from './platform/http/error-handler.js';
import { healthRoutes } from './platform/http/health.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { ServerTiming, serverTimingHeader } from './platform/http/server-timing.js';
import { resolveAccount } from './platform/http/tenant.js';
import { type Access, allows } from './platform/permissions.js';
import { type EventBus, InProcessBus } from './platform/realtime/bus.js';

export type AppOptions = {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  log: Logger;
  /** The built web app; served at / with a fallback to index.html for its routes. */
  webDist?: string | null;
  /** Where live events arrive for the WebSocket; in-process when not given. */
  bus?: EventBus;
};

export type RouteEntry = { method: string; url: string; access: Access };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with who may call it; the isolation test walks it. */
    routeTable: RouteEntry[];
  }
}

export const defaultWebDist = path.resolve(import.meta.dirname, '../../web/dist');

/** Zendesk clients add `.json` to every path; Kefu's routes are written without it. */
function stripJsonSuffix(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  const pathname = q === -1 ? raw : raw.slice(0, q);
  if (!pathname.startsWith('/api/') || !pathname.endsWith('.json')) {
    return raw;
  }
  return pathname.slice(0, -'.json'.length) + (q === -1 ? '' : raw.slice(q));
}

function baseContext(options: AppOptions, req: FastifyRequest): BaseCtx {
  return {
    db: options.database.db,
    clock: options.clock,
    log: req.log as unknown as Logger,
    config: options.config,
    request: {
      ip: req.ip || null,
      userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
      origin: `${req.protocol}://${req.host}`,
      timing: new ServerTiming(),
    },
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the app keeps Fastify's default instance type.
  const logger: FastifyBaseLogger = options.log;
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: options.config.trustProxy,
    rewriteUrl: (req) => stripJsonSuffix(req.url),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kefu API',
        version: 'v2',
        description:
          'Kefu speaks the Zendesk Support API v2: the same paths (a `.json` suffix is optional), JSON shapes, ' +
          'errors and pagination. Authenticate with Basic `email/token:API_TOKEN`, Basic `email:password`, ' +
          'a Bearer API token, or the session cookie with the X-CSRF-Token header on writes.',
      },
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic' },
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
        },
      },
      security: [{ basic: [] }, { bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    const access = route.config?.access;
    if (url.startsWith('/api/v2/') && access === undefined) {
      throw new Error(`route ${String(route.method)} ${url} does not declare who may call it (config.access)`);
    }
    if (access !== undefined) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') {
          routeTable.push({ method, url, access });
        }
      }
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access;
    if (access === undefined) {
      return;
    }
    const base = baseContext(options, req);
    req.baseCtx = base;
    if (access === 'installation') {
      return;
    }
    const account = await resolveAccount(base.db, options.config, req.headers.host);
    const auth = await authenticate(base, account, req);
    req.ctx = { ...base, account, actor: auth.actor, permissions: auth.permissions };
    const signedIn = auth.actor.kind === 'user';
    if (!allows(auth.permissions, signedIn, access)) {
      throw signedIn ? new KefuError('Forbidden') : new KefuError('Unauthorized');
    }
  });
  app.addHook('onSend', securityHeaders);
  app.addHook('onSend', serverTimingHeader);

  await app.register(healthRoutes(options.database.db, options.database.dialect));
  app.get('/api/v2/openapi', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  // Authenticated and otherwise empty: the benchmark's ceiling for what the HTTP stack can do.
  app.get('/api/v2/ping', { config: { access: 'signed_in' }, schema: { tags: ['Health'] } }, async () => ({ ok: true }));
  for (const routes of [
    accountRoutes,
    sessionRoutes,
    portalRoutes,
    userRoutes,
    groupRoutes,
    organizationRoutes,
    customRoleRoutes,
    apiTokenRoutes,
    auditLogRoutes,
    jobStatusRoutes,
    importRoutes,
    ticketBulkRoutes,
    incrementalRoutes,
    ticketRoutes,
    searchRoutes,
    viewRoutes,
    attachmentRoutes,
    triggerRoutes,
    triggerCategoryRoutes,
    automationRoutes,
    macroRoutes,
    webhookRoutes,
    scheduleRoutes,
    slaRoutes,
    routingRoutes,
    customFieldRoutes,
    ticketFormRoutes,
    recurringRoutes,
    recipientAddressRoutes,
    suspendedTicketRoutes,
    mailboxRoutes,
    suppressionRoutes,
    mailTemplateRoutes,
    notificationRoutes,
  ]) {
    await app.register(routes);
  }
  await app.register(realtimeRoutes(options.bus ?? new InProcessBus()));

  const webDist = options.webDist === undefined ? defaultWebDist : options.webDist;
  const hasWeb = webDist !== null && existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders: (reply, file) => {
        // Vite names built assets by content hash, so they never change.
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const assetPath = (req.params as { '*': string })['*'];
      if (assetPath && existsSync(path.join(webDist, assetPath)) && !assetPath.includes('..')) {
        return reply.sendFile(assetPath);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send(new KefuError('InvalidEndpoint').toBody());
    }
    return reply
      .status(404)
      .type('text/plain; charset=utf-8')
      .send(hasWeb ? 'Not found' : 'The web app is not built: run `npm run build`.\n');
  });

  return app;
}
