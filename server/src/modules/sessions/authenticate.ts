import type { FastifyRequest } from 'fastify';
import type { Account, Actor, BaseCtx } from '../../context.js';
import { HOUR } from '../../platform/clock.js';
import { KefuError } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/passwords.js';
import { anonymousPermissions, type Permissions, permissionsFor } from '../../platform/permissions.js';
import { hashToken, safeEqual } from '../../platform/secrets.js';
import { assertNotThrottled, clearAttempts, countAttempt, signInPerEmail, signInPerIp } from '../../platform/throttle.js';
import { CSRF_HEADER, csrfTokenFor, SESSION_COOKIE, SESSION_TTL } from './cookies.js';
import { type AuthRecord, findApiToken, findSession, loadAuthUser, markApiTokenUsed, touchSession } from './repo.js';

export type Authentication = { actor: Actor; permissions: Permissions };

const unauthorized = (description?: string): KefuError => new KefuError('Unauthorized', description ? { description } : {});

export const apiTokenHash = (secretKey: string, token: string): string => hashToken(secretKey, 'api-token', token);
export const sessionTokenHash = (secretKey: string, token: string): string => hashToken(secretKey, 'session', token);

export const signInKeys = (accountId: number, email: string, ip: string | null): { email: string; ip: string } => ({
  email: `sign-in:${accountId}:${email.toLowerCase()}`,
  ip: `sign-in-ip:${ip ?? 'unknown'}`,
});

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function asUser(record: AuthRecord, via: 'session' | 'password' | 'api_token', sessionId: number | null): Authentication {
  return { actor: { kind: 'user', user: record.user, via, sessionId }, permissions: permissionsFor(record.user, record.role) };
}

async function userByEmail(base: BaseCtx, accountId: number, email: string): Promise<{ id: number; passwordHash: string | null } | null> {
  const row = await base.db
    .selectFrom('user_identities as i')
    .innerJoin('users as u', (j) => j.onRef('u.account_id', '=', 'i.account_id').onRef('u.id', '=', 'i.user_id'))
    .select(['u.id', 'u.password_hash'])
    .where('i.account_id', '=', accountId)
    .where('i.type', '=', 'email')
    .where('i.value', '=', email.toLowerCase())
    .where('u.active', '=', 1)
    .executeTakeFirst();
  return row ? { id: row.id, passwordHash: row.password_hash } : null;
}

/**
 * Checks an email and password against the account, with throttling per address and
 * per IP: used by the sign-in route and by Basic email:password on the API.
 */
export async function verifyCredentials(base: BaseCtx, account: Account, email: string, password: string): Promise<AuthRecord> {
  const keys = signInKeys(account.id, email, base.request.ip);
  await assertNotThrottled(base.db, base.clock, [keys.email, keys.ip]);
  const found = await userByEmail(base, account.id, email);
  const ok = await verifyPassword(found?.passwordHash ?? null, password);
  const record = ok && found ? await loadAuthUser(base.db, account.id, found.id) : null;
  if (!record) {
    await countAttempt(base.db, base.clock, keys.email, signInPerEmail);
    await countAttempt(base.db, base.clock, keys.ip, signInPerIp);
    throw unauthorized('Invalid email or password');
  }
  if (record.suspended) {
    throw unauthorized('This user is suspended');
  }
  await clearAttempts(base.db, keys.email);
  return record;
}

async function byApiToken(base: BaseCtx, account: Account, token: string, email: string | null): Promise<Authentication> {
  const row = await findApiToken(base.db, account.id, apiTokenHash(base.config.secretKey, token));
  let userId: number | null = null;
  if (row) {
    userId = email === null ? row.created_by_id : ((await userByEmail(base, account.id, email))?.id ?? null);
  }
  const record = userId !== null ? await loadAuthUser(base.db, account.id, userId) : null;
  if (!row || !record || record.suspended) {
    // The lock is checked on failures only: a token cannot be guessed, so the lock is there to
    // stop an address hammering, and a valid token (a colleague's script behind the same
    // address) is not refused for it. Every API request is spared the read.
    const ipKey = signInKeys(account.id, '', base.request.ip).ip;
    await assertNotThrottled(base.db, base.clock, [ipKey]);
    await countAttempt(base.db, base.clock, ipKey, signInPerIp);
    throw unauthorized();
  }
  const now = base.clock.now();
  if (row.last_used_at === null || now - row.last_used_at > HOUR) {
    await markApiTokenUsed(base.db, account.id, row.id, now);
  }
  return asUser(record, 'api_token', null);
}

function parseBasic(header: string): { user: string; secret: string } | null {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) } : null;
}

/**
 * Who is calling: Basic `email/token:TOKEN` or `email:password`, a Bearer API token,
 * or the session cookie (whose writes must carry the CSRF header); else anonymous.
 * Bad credentials are a 401, never a silent fall back to anonymous.
 */
export async function authenticate(base: BaseCtx, account: Account, req: FastifyRequest): Promise<Authentication> {
  const header = req.headers.authorization;
  if (header) {
    if (/^basic /i.test(header)) {
      const creds = parseBasic(header);
      if (!creds) {
        throw unauthorized();
      }
      if (creds.user.endsWith('/token')) {
        return byApiToken(base, account, creds.secret, creds.user.slice(0, -'/token'.length));
      }
      return asUser(await verifyCredentials(base, account, creds.user, creds.secret), 'password', null);
    }
    if (/^bearer /i.test(header)) {
      return byApiToken(base, account, header.slice(7).trim(), null);
    }
    throw unauthorized('Unsupported Authorization scheme');
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) {
    return { actor: { kind: 'anonymous' }, permissions: anonymousPermissions };
  }
  const now = base.clock.now();
  const session = await findSession(base.db, account.id, sessionTokenHash(base.config.secretKey, cookie), now);
  const record = session ? await loadAuthUser(base.db, account.id, session.user_id) : null;
  if (!session || !record || record.suspended) {
    // A stale cookie makes the visitor anonymous; public pages still work.
    return { actor: { kind: 'anonymous' }, permissions: anonymousPermissions };
  }
  if (unsafeMethods.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(base.config.secretKey, cookie))) {
      throw new KefuError('Forbidden', { description: 'Missing or invalid CSRF token (send the kefu_csrf cookie value in X-CSRF-Token)' });
    }
  }
  // Slide the expiry at most once an hour, so reads stay reads.
  if (now - session.last_seen_at > HOUR) {
    await touchSession(base.db, account.id, session.id, now, now + SESSION_TTL);
  }
  return asUser(record, 'session', session.id);
}
