import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { BaseCtx, Ctx } from '../../context.js';
import type { Access } from '../permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's context; set before the handler on every route with an account. */
    ctx: Ctx;
    /** The context before an account is known (first-run setup, sign-up, health). */
    baseCtx: BaseCtx;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every /api route declares it. */
    access?: Access;
  }
}

/** The full URL the client asked for, for next/previous page links. */
export function requestUrl(req: FastifyRequest): URL {
  return new URL(req.url, `${req.protocol}://${req.host}`);
}
