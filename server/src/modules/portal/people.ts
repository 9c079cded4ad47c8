import { type Ctx, inTransaction, systemCtx } from '../../context.js';
import { forbidden, invalidField, KefuError } from '../../platform/errors.js';
import { permissionsFor } from '../../platform/permissions.js';
import { assertNotThrottled, countAttempt, mailPerIp, type ThrottlePolicy } from '../../platform/throttle.js';
import { loadAuthUser } from '../sessions/repo.js';
import { mailPasswordLink } from '../sessions/user-tokens.js';
import { createUser } from '../users/operations/create-user.js';
import { findUser, findUserIdByEmail } from '../users/repo.js';
import { findPortalAccess, type PortalAccess } from '../accounts/repo.js';
import { msg } from '../../platform/messages.js';

export type Person = { name: string; email: string; locale?: 'zh-CN' | 'en' | undefined };

/** Anonymous portal requests per IP: more than a person writes, fewer than a script sends. */
const anonymousRequestsPerIp: ThrottlePolicy = { maxFailures: 20, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

const asKefu = (ctx: Ctx): Ctx => systemCtx(ctx, ctx.account, 'portal');

export async function takesAnonymousRequests(ctx: Ctx): Promise<boolean> {
  return (await findPortalAccess(ctx.db, ctx.account.id)).allowAnonymousRequests;
}

/**
 * What the portal's request form reads (its forms and their fields) is open to visitors who
 * are not signed in only where the helpdesk takes their requests; elsewhere they must sign in.
 */
export async function assertPortalVisitorAllowed(ctx: Ctx): Promise<void> {
  if (ctx.actor.kind === 'anonymous' && !(await takesAnonymousRequests(ctx))) {
    throw new KefuError('Unauthorized');
  }
}

/**
 * Admits an anonymous request: refused outright when the helpdesk takes requests only from
 * people who sign in, else counted against its IP (outside the request's transaction, so
 * refused ones count too). The settings it read are handed back for actAsAnonymousRequester,
 * so one request reads them once.
 */
export async function throttleAnonymousRequest(ctx: Ctx): Promise<PortalAccess> {
  const access = await findPortalAccess(ctx.db, ctx.account.id);
  if (!access.allowAnonymousRequests) {
    throw forbidden('This helpdesk takes requests only from people who sign in');
  }
  const ipKey = `anonymous-request-ip:${ctx.account.id}:${ctx.request.ip ?? 'unknown'}`;
  await assertNotThrottled(ctx.db, ctx.clock, [ipKey]);
  await countAttempt(ctx.db, ctx.clock, ipKey, anonymousRequestsPerIp);
  return access;
}

/**
 * 匿名提交自动创建用户: the person writing in without signing in becomes an end user
 * (unverified, with a welcome mail whose link verifies the address and sets a password),
 * or is the end user who already has that address. Staff addresses must sign in: a form
 * anyone can fill must not post as an agent. Run in the request's transaction, so a
 * refused request leaves no user and sends no mail.
 */
export async function actAsAnonymousRequester(ctx: Ctx, person: Person, field: string, { allowPortalSignUp }: PortalAccess): Promise<Ctx> {
  // With sign-up closed the welcome mail (whose link sets a password) would open an account
  // anyway: the person is still answered by mail, and can reply to it.
  const userId = await inTransaction(asKefu(ctx), async (tx) => {
    const existing = await findUserIdByEmail(tx, person.email);
    if (existing !== null) {
      return existing;
    }
    const made = await createUser(tx, { name: person.name, email: person.email, role: 'end-user', locale: person.locale, send_invite: allowPortalSignUp }, { field });
    return made.id;
  });
  const record = await loadAuthUser(ctx.db, ctx.account.id, userId);
  if (!record || record.user.role !== 'end-user') {
    throw invalidField(`${field}.email`, msg('user.staff_address'), 'InvalidValue');
  }
  if (record.suspended) {
    throw forbidden('This address may not submit requests');
  }
  return { ...ctx, actor: { kind: 'user', user: record.user, via: 'password', sessionId: null }, permissions: permissionsFor(record.user, record.role) };
}

/**
 * The portal's sign-up: a new end user gets a welcome mail with a link that verifies the
 * address and sets the password; an address already known gets a password-reset link
 * instead. The answer is the same either way, so the form tells nobody who has an account.
 */
export async function registerEndUser(ctx: Ctx, person: Person): Promise<void> {
  if (!(await findPortalAccess(ctx.db, ctx.account.id)).allowPortalSignUp) {
    throw forbidden('Sign-up is closed on this helpdesk: ask its support team for an account');
  }
  const ipKey = `register-ip:${ctx.request.ip ?? 'unknown'}`;
  const emailKey = `register:${ctx.account.id}:${person.email}`;
  await assertNotThrottled(ctx.db, ctx.clock, [ipKey, emailKey]);
  await countAttempt(ctx.db, ctx.clock, ipKey, mailPerIp);
  await countAttempt(ctx.db, ctx.clock, emailKey, { maxFailures: 3, windowMs: mailPerIp.windowMs, lockMs: mailPerIp.lockMs });
  await inTransaction(asKefu(ctx), async (tx) => {
    const existing = await findUserIdByEmail(tx, person.email);
    if (existing === null) {
      await createUser(tx, { name: person.name, email: person.email, role: 'end-user', locale: person.locale, send_invite: true }, { field: 'user' });
      return;
    }
    const user = await findUser(tx, existing);
    if (user && user.active && !user.suspended) {
      await mailPasswordLink(tx, user, 'password_reset');
    }
  });
}
