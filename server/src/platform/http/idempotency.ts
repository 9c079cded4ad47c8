import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { actorUserId, type Ctx, inTransaction } from '../../context.js';
import { isUniqueViolation } from '../../db/helpers.js';
import { DAY } from '../clock.js';
import { invalidField, KefuError } from '../errors.js';
import { msg } from '../messages.js';

export type Outcome = { status: number; body: unknown };

const KEY_HEADER = 'idempotency-key';

async function findStored(ctx: Ctx, userId: number, key: string) {
  return ctx.db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status_code', 'response', 'created_at'])
    .where('account_id', '=', ctx.account.id)
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Runs a create at most once per `Idempotency-Key` (per user, for 24 hours): the result
 * is stored in the same transaction as the create, so a retry after a timeout or a crash
 * gets the first answer back and never makes a second object. Reusing a key for a
 * different request is a 422.
 */
export async function idempotent(ctx: Ctx, req: FastifyRequest, run: (tx: Ctx) => Promise<Outcome>): Promise<Outcome & { replayed: boolean }> {
  const header = req.headers[KEY_HEADER];
  const userId = actorUserId(ctx);
  if (header === undefined || userId === null) {
    return { ...(await inTransaction(ctx, run)), replayed: false };
  }
  const key = String(header);
  if (key.length === 0 || key.length > 255) {
    throw invalidField('Idempotency-Key', msg('http.idempotency_key'), 'InvalidValue');
  }
  const fingerprint = createHash('sha256').update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
  const replay = async (): Promise<(Outcome & { replayed: boolean }) | null> => {
    const stored = await findStored(ctx, userId, key);
    if (!stored || stored.created_at < ctx.clock.now() - DAY) {
      return null;
    }
    if (stored.fingerprint !== fingerprint) {
      throw invalidField('Idempotency-Key', msg('http.idempotency_reused'), 'IdempotencyKeyReused');
    }
    return { status: stored.status_code, body: JSON.parse(stored.response) as unknown, replayed: true };
  };
  const earlier = await replay();
  if (earlier) {
    return earlier;
  }
  try {
    const outcome = await inTransaction(ctx, async (tx) => {
      await tx.db
        .deleteFrom('idempotency_keys')
        .where('account_id', '=', tx.account.id)
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .where('created_at', '<', tx.clock.now() - DAY)
        .execute();
      const result = await run(tx);
      await tx.db
        .insertInto('idempotency_keys')
        .values({
          account_id: tx.account.id,
          user_id: userId,
          key,
          fingerprint,
          status_code: result.status,
          response: JSON.stringify(result.body),
          created_at: tx.clock.now(),
        })
        .execute();
      return result;
    });
    return { ...outcome, replayed: false };
  } catch (error) {
    // A concurrent retry committed first: answer with its result.
    if (isUniqueViolation(error)) {
      const other = await replay();
      if (other) {
        return other;
      }
      throw new KefuError('Conflict', { description: 'A request with this Idempotency-Key is in progress' });
    }
    throw error;
  }
}
