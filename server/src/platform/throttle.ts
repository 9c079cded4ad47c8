import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Clock } from './clock.js';
import { KefuError } from './errors.js';

export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

/** Five wrong passwords for one address in 15 minutes lock it for 15 minutes. */
export const signInPerEmail: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** One address (IP) trying many accounts is stopped too. */
export const signInPerIp: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Password-reset mails and self-service sign-ups, per IP. */
export const mailPerIp: ThrottlePolicy = { maxFailures: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/** Throws 429 with Retry-After while the key is locked. */
export async function assertNotThrottled(db: Db, clock: Clock, keys: string[]): Promise<void> {
  if (keys.length === 0) {
    return;
  }
  const now = clock.now();
  const locked = await db
    .selectFrom('throttles')
    .select(['locked_until'])
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .orderBy('locked_until', 'desc')
    .executeTakeFirst();
  if (locked?.locked_until) {
    const seconds = Math.ceil((locked.locked_until - now) / 1000);
    throw new KefuError('TooManyRequests', {
      description: `Too many attempts; try again in ${Math.ceil(seconds / 60)} minutes`,
      headers: { 'retry-after': String(seconds) },
    });
  }
}

/** Counts one failure (or one use, for rate limits) against the key, atomically. */
export async function countAttempt(db: Db, clock: Clock, key: string, policy: ThrottlePolicy): Promise<void> {
  const now = clock.now();
  const windowStart = now - policy.windowMs;
  const lockUntil = now + policy.lockMs;
  const failures = sql<number>`case when throttles.window_started_at > ${windowStart} then throttles.failures + 1 else 1 end`;
  await db
    .insertInto('throttles')
    .values({ key, failures: 1, window_started_at: now, locked_until: policy.maxFailures <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures,
        window_started_at: sql<number>`case when throttles.window_started_at > ${windowStart} then throttles.window_started_at else ${now} end`,
        locked_until: sql<number | null>`case when (${failures}) >= ${policy.maxFailures} then ${lockUntil} else throttles.locked_until end`,
      }),
    )
    .execute();
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}
