import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BaseCtx } from '../../context.js';

/**
 * Durations a request measures about itself, answered as a `Server-Timing` header: the
 * benchmark reads how long trigger evaluation took inside a real ticket change from it.
 */
export class ServerTiming {
  private readonly entries = new Map<string, number>();

  async measure<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.entries.set(name, (this.entries.get(name) ?? 0) + performance.now() - started);
    }
  }

  header(): string | null {
    return this.entries.size === 0 ? null : [...this.entries].map(([name, ms]) => `${name};dur=${ms.toFixed(3)}`).join(', ');
  }
}

export async function serverTimingHeader(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  // Routes without an access rule (static files) have no context.
  const header = (req.baseCtx as BaseCtx | undefined)?.request.timing?.header();
  if (header) {
    void reply.header('server-timing', header);
  }
}
