import { type Ctx, inTransaction } from '../../context.js';
import { invalidField } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { newToken } from '../../platform/secrets.js';
import { assertNotThrottled, countAttempt, mailPerIp } from '../../platform/throttle.js';
import { recordAudit } from '../audit-logs/record.js';
import { findUser, findUserIdByEmail, type UserRecord } from '../users/repo.js';
import { sessionTokenHash, verifyCredentials } from './authenticate.js';
import { SESSION_TTL } from './cookies.js';
import { deleteSession, insertSession } from './repo.js';
import { mailPasswordLink, userTokenHash } from './user-tokens.js';
import { msg } from '../../platform/messages.js';

export type NewSession = { token: string; user: UserRecord };

/** Starts a cookie session for a user; the caller sets the cookies. */
export async function startSession(ctx: Ctx, userId: number): Promise<NewSession> {
  const token = newToken();
  const now = ctx.clock.now();
  await insertSession(ctx.db, {
    accountId: ctx.account.id,
    userId,
    tokenHash: sessionTokenHash(ctx.config.secretKey, token),
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    now,
    expiresAt: now + SESSION_TTL,
  });
  await ctx.db
    .updateTable('users')
    .set({ last_login_at: now })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', userId)
    .execute();
  const user = await findUser(ctx, userId);
  if (!user) {
    throw new Error('session for a missing user');
  }
  return { token, user };
}

/** Signs in with email and password (throttled), recording agents' sign-ins in the audit log. */
export async function signIn(ctx: Ctx, email: string, password: string): Promise<NewSession> {
  const record = await verifyCredentials(ctx, ctx.account, email, password);
  return inTransaction(ctx, async (tx) => {
    const session = await startSession(tx, record.user.id);
    if (record.user.role !== 'end-user') {
      const signedIn: Ctx = { ...tx, actor: { kind: 'user', user: record.user, via: 'session', sessionId: null } };
      await recordAudit(signedIn, { action: 'login', sourceType: 'user', sourceId: record.user.id, sourceLabel: record.user.name });
    }
    return session;
  });
}

export async function signOut(ctx: Ctx): Promise<void> {
  if (ctx.actor.kind === 'user' && ctx.actor.sessionId !== null) {
    await deleteSession(ctx.db, ctx.account.id, ctx.actor.sessionId);
  }
}

/**
 * Mails a reset link when the address belongs to an active user. The answer is the
 * same either way, so it tells nobody which addresses have accounts.
 */
export async function requestPasswordReset(ctx: Ctx, email: string): Promise<void> {
  const ipKey = `password-reset-ip:${ctx.request.ip ?? 'unknown'}`;
  const emailKey = `password-reset:${ctx.account.id}:${email}`;
  await assertNotThrottled(ctx.db, ctx.clock, [ipKey, emailKey]);
  await countAttempt(ctx.db, ctx.clock, ipKey, mailPerIp);
  await countAttempt(ctx.db, ctx.clock, emailKey, { maxFailures: 3, windowMs: mailPerIp.windowMs, lockMs: mailPerIp.lockMs });
  await inTransaction(ctx, async (tx) => {
    const userId = await findUserIdByEmail(tx, email);
    const user = userId !== null ? await findUser(tx, userId) : null;
    if (user && user.active && !user.suspended) {
      await mailPasswordLink(tx, user, 'password_reset');
    }
  });
}

/**
 * Sets a new password from an emailed link (reset or invitation), once. The link
 * proves the email, so the user becomes verified; every other session ends, and a
 * new one starts.
 */
export async function completePasswordReset(ctx: Ctx, token: string, password: string): Promise<NewSession> {
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const row = await tx.db
      .updateTable('user_tokens')
      .set({ used_at: now })
      .where('account_id', '=', tx.account.id)
      .where('token_hash', '=', userTokenHash(tx, token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id'])
      .executeTakeFirst();
    const user = row ? await findUser(tx, row.user_id) : null;
    if (!row || !user || user.suspended) {
      throw invalidField('token', msg('common.bad_token'), 'InvalidToken');
    }
    await tx.db
      .updateTable('users')
      .set({ password_hash: passwordHash, verified: 1, updated_at: now })
      .where('account_id', '=', tx.account.id)
      .where('id', '=', user.id)
      .execute();
    await tx.db
      .updateTable('user_identities')
      .set({ verified: 1, updated_at: now })
      .where('account_id', '=', tx.account.id)
      .where('user_id', '=', user.id)
      .where('is_primary', '=', 1)
      .execute();
    await tx.db.deleteFrom('sessions').where('account_id', '=', tx.account.id).where('user_id', '=', user.id).execute();
    return startSession(tx, user.id);
  });
}
