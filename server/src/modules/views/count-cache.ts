import { actorUserId, type Ctx } from '../../context.js';
import { type ViewCount, countView } from './service.js';
import type { ViewRecord } from './repo.js';
import { currentSequence } from '../tickets/repo.js';

/**
 * View counts, remembered per agent and view until the helpdesk's tickets change. Every
 * ticket change goes through the one door, which numbers it (the account's live-event
 * sequence, shared by all processes through the database), so a count taken at number n is
 * exact while the number is still n. What changes counts without a ticket change (time passing,
 * group membership, the purge) is bounded by a short lifetime.
 *
 * A count that is no longer exact is taken again. When that view's last count took SLOW_MS or
 * more, the caller does not wait: the remembered count is answered with `fresh: false` (Zendesk's
 * meaning: stale, being recounted, ask again) and the recount goes on. At a million tickets a
 * view on a tag or a priority counts 10,000 rows (0.1–0.7 s), and in a helpdesk whose tickets
 * change every second every console's poll would otherwise wait for every such view. Quick
 * counts, which are most, are always answered fresh.
 */
const LIFETIME_MS = 30_000;
/** Older than this, a remembered count is not shown at all: the caller waits for the count. */
const STALE_LIMIT_MS = 10 * 60_000;
const SLOW_MS = 100;
const CAPACITY = 20_000;

export type CachedViewCount = ViewCount & { fresh: boolean };

type Entry = { seq: number; at: number; count: ViewCount; tookMs: number };
const cache = new Map<string, Entry>();
const counting = new Map<string, Promise<ViewCount>>();

function remember(key: string, entry: Entry): void {
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > CAPACITY) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      cache.delete(oldest);
    }
  }
}

/**
 * One count per key at a time: readers who ask while it is being taken wait for that one
 * (eight agents opening the queue at once no longer count every view eight times over), and it
 * is remembered when it ends even if nobody waits for it any more.
 */
function countOnce(key: string, seq: number, at: number, count: () => Promise<ViewCount>): Promise<ViewCount> {
  const flight = `${key}@${seq}`;
  const running = counting.get(flight);
  if (running) {
    return running;
  }
  const began = performance.now();
  const started = count()
    .then((value) => {
      const known = cache.get(key);
      // A slower count begun at an older number must not replace a newer one.
      if (!known || known.seq < seq || (known.seq === seq && known.at <= at)) {
        remember(key, { seq, at, count: value, tookMs: performance.now() - began });
      }
      return value;
    })
    .finally(() => counting.delete(flight));
  counting.set(flight, started);
  return started;
}

/** Counts several views for the same reader, reading the change number once; the counts run side by side. */
export async function countViewsCached(
  ctx: Ctx,
  views: Pick<ViewRecord, 'id' | 'updatedAt' | 'conditions' | 'defaultKey'>[],
  options: { slowMs?: number } = {},
): Promise<Map<number, CachedViewCount>> {
  const slowMs = options.slowMs ?? SLOW_MS;
  const seq = await currentSequence(ctx, 'event');
  const now = ctx.clock.now();
  const reader = actorUserId(ctx) ?? 0;
  const counted = await Promise.all(
    views.map(async (view): Promise<[number, CachedViewCount]> => {
      const key = `${ctx.account.id}:${reader}:${view.id}:${view.updatedAt}`;
      const known = cache.get(key);
      const age = known ? now - known.at : Infinity;
      if (known && known.seq === seq && age < LIFETIME_MS && age >= 0) {
        return [view.id, { ...known.count, fresh: true }];
      }
      const recount = countOnce(key, seq, now, () => countView(ctx, view));
      if (!known || known.tookMs < slowMs || age > STALE_LIMIT_MS || age < 0) {
        return [view.id, { ...(await recount), fresh: true }];
      }
      // Nobody waits for it; a failure shows at the next caller's own count.
      recount.catch(() => undefined);
      return [view.id, { ...known.count, fresh: false }];
    }),
  );
  return new Map(counted);
}

/** Drops every remembered count (the benchmark's cold runs). */
export function forgetViewCounts(): void {
  cache.clear();
}
