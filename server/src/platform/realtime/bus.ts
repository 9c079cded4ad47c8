import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A committed live event, as every process fans it out to its sockets. */
export type LiveEvent = { accountId: number; seq: number; type: string; audience: unknown; data: unknown };

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(accountId: number, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: events go straight to this process's sockets. */
export class InProcessBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: LiveEvent): Promise<void> {
    this.emitter.emit(String(event.accountId), event);
  }

  subscribe(accountId: number, listener: (event: LiveEvent) => void): () => void {
    this.emitter.on(String(accountId), listener);
    return () => this.emitter.off(String(accountId), listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'kefu:events';

/**
 * Several processes behind a load balancer: every event goes through Redis pub/sub, so
 * a socket on any process hears a change made on any other.
 */
export class RedisBus implements EventBus {
  private readonly local = new InProcessBus();
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(url: string, log: Logger) {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.sub.on('message', (_channel: string, message: string) => {
      try {
        void this.local.publish(JSON.parse(message) as LiveEvent);
      } catch (err) {
        log.warn({ err }, 'unreadable live event from Redis');
      }
    });
    this.sub.subscribe(CHANNEL).catch((err: unknown) => log.error({ err }, 'could not subscribe to Redis'));
  }

  async publish(event: LiveEvent): Promise<void> {
    await this.pub.publish(CHANNEL, JSON.stringify(event));
  }

  subscribe(accountId: number, listener: (event: LiveEvent) => void): () => void {
    return this.local.subscribe(accountId, listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
