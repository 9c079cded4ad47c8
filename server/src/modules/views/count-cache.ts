import { actorUserId, type Ctx } from '../../context.js';
import { type ViewCount, countView } from './service.js';
import type { ViewRecord } from './repo.js';

/**
 * View counts, remembered per agent and view until the helpdesk's tickets change. Every
 * ticket change goes through the one door, which numbers it (the account's live-event
 * sequence, shared by all processes through the database), so a count taken at number n is
 * exact while the number is still n. What changes counts without a ticket change (time passing,
 * group membership, the purge) is bounded by a short lifetime.
 */
const LIFETIME_MS = 30_000;
const CAPACITY = 20_000;
const cache = new Map<string, { seq: number; at: number; count: ViewCount }>();

const counting = new Map<string, Promise<ViewCount>>();

/**
 * Readers who ask for the same count at the same change number while it is being taken wait
 * for that one count: eight agents opening the queue at once no longer count every view
 * eight times over (counts now run beside each other on the read connections).
 */
function countOnce(key: string, count: () => Promise<ViewCount>): Promise<ViewCount> {
  const running = counting.get(key);
  if (running) {
    return running;
  }
  const started = count().finally(() => counting.delete(key));
  counting.set(key, started);
  return started;
}

async function currentSequence(ctx: Ctx): Promise<number> {
  const row = await ctx.db.selectFrom('account_sequences').select('value').where('account_id', '=', ctx.account.id).where('name', '=', 'event').executeTakeFirst();
  return row?.value ?? 0;
}

/** Counts several views for the same reader, reading the change number once. */
export async function countViewsCached(ctx: Ctx, views: Pick<ViewRecord, 'id' | 'updatedAt' | 'conditions' | 'defaultKey'>[]): Promise<Map<number, ViewCount>> {
  const seq = await currentSequence(ctx);
  const now = ctx.clock.now();
  const reader = actorUserId(ctx) ?? 0;
  const out = new Map<number, ViewCount>();
  for (const view of views) {
    const key = `${ctx.account.id}:${reader}:${view.id}:${view.updatedAt}`;
    const hit = cache.get(key);
    if (hit && hit.seq === seq && now - hit.at < LIFETIME_MS && now >= hit.at) {
      out.set(view.id, hit.count);
      continue;
    }
    const count = await countOnce(`${key}:${seq}`, () => countView(ctx, view));
    cache.delete(key);
    cache.set(key, { seq, at: now, count });
    if (cache.size > CAPACITY) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) {
        cache.delete(oldest);
      }
    }
    out.set(view.id, count);
  }
  return out;
}
