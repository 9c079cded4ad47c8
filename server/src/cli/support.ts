import type { BaseCtx } from '../context.js';
import { KefuError } from '../platform/errors.js';
import type { Runtime } from '../runtime.js';

/** A mistake the person at the terminal can fix; printed without a stack trace. */
export class CliError extends Error {}

export function cliBaseCtx(runtime: Runtime): BaseCtx {
  return {
    db: runtime.database.db,
    clock: runtime.clock,
    log: runtime.log,
    config: runtime.config,
    request: { ip: null, userAgent: 'kefu-cli', origin: null },
  };
}

/** Turns a domain error into a CLI message naming each bad field. */
export function describeKefuError(error: unknown): never {
  if (error instanceof KefuError) {
    const lines = Object.entries(error.details ?? {}).flatMap(([field, list]) => list.map((e) => `${field}: ${e.description}`));
    throw new CliError([error.description, ...lines].join('\n'));
  }
  throw error;
}
