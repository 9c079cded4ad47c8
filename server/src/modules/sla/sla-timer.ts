import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { nextBreachAt, recordDueBreaches } from './breaches.js';

const MAX_SLEEP_MS = 60_000;

/**
 * Wakes at the earliest SLA breach instant (or each minute, to see timers that ticket
 * changes set meanwhile) and records what is due: breaches land to the minute without
 * sweeping open tickets.
 */
export class SlaTimer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly db: Db, private readonly clock: Clock, private readonly log: Logger, private readonly config: Config) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.tick()
        .then((next) => this.schedule(next))
        .catch((err: unknown) => {
          this.log.error({ err }, 'SLA timer failed');
          this.schedule(MAX_SLEEP_MS);
        });
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    while ((await recordDueBreaches({ db: this.db, clock: this.clock, log: this.log, config: this.config })) > 0) {
      // keep going until nothing is due
    }
    const next = await nextBreachAt(this.db);
    return next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - this.clock.now()));
  }
}
