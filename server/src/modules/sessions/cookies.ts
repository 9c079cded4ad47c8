import type { FastifyReply, FastifyRequest } from 'fastify';
import { DAY } from '../../platform/clock.js';
import { hashToken } from '../../platform/secrets.js';

export const SESSION_COOKIE = 'kefu_session';
export const CSRF_COOKIE = 'kefu_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL = 14 * DAY;

/** The CSRF token is derived from the session token, so it needs no storage. */
export const csrfTokenFor = (secretKey: string, sessionToken: string): string => hashToken(secretKey, 'csrf', sessionToken);

export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, secretKey: string, sessionToken: string): string {
  const secure = req.protocol === 'https';
  const maxAge = SESSION_TTL / 1000;
  const csrf = csrfTokenFor(secretKey, sessionToken);
  void reply.setCookie(SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  void reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
  return csrf;
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
