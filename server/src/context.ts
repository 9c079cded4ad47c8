import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type Db, readerOf } from './db/database.js';
import type { UserRole } from './db/schema.js';
import type { Clock } from './platform/clock.js';
import type { ServerTiming } from './platform/http/server-timing.js';
import { type Permissions, systemPermissions } from './platform/permissions.js';

export type Account = {
  id: number;
  name: string;
  subdomain: string;
  locale: string;
  timeZone: string;
  brandColor: string | null;
  logoUrl: string | null;
  faviconUrl: string | null;
  portalCss: string | null;
  createdAt: number;
  updatedAt: number;
};

/** The signed-in person, as much of them as every request needs. */
export type AuthUser = {
  id: number;
  name: string;
  email: string | null;
  role: UserRole;
  isOwner: boolean;
  customRoleId: number | null;
  organizationId: number | null;
  locale: string | null;
};

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: AuthUser; via: 'session' | 'password' | 'api_token'; sessionId: number | null }
  | { kind: 'system'; name: string };

export type RequestMeta = { ip: string | null; userAgent: string | null; origin: string | null; timing?: ServerTiming };

/** Everything an operation needs, passed first to every operation. */
export type Ctx = {
  account: Account;
  actor: Actor;
  permissions: Permissions;
  db: Db;
  clock: Clock;
  log: Logger;
  config: Config;
  request: RequestMeta;
};

/** The context a request has before it knows its account (setup, sign-up, health). */
export type BaseCtx = Omit<Ctx, 'account' | 'actor' | 'permissions'>;

export function actorUserId(ctx: Ctx): number | null {
  return ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
}

export function actorName(ctx: Ctx): string {
  switch (ctx.actor.kind) {
    case 'user':
      return ctx.actor.user.name;
    case 'system':
      return ctx.actor.name;
    case 'anonymous':
      return 'anonymous';
  }
}

/** The same context, reading through the heavy-read connections (see `readerOf`). */
export function forReading(ctx: Ctx): Ctx {
  const db = readerOf(ctx.db);
  return db === ctx.db ? ctx : { ...ctx, db };
}

/** Runs fn in one transaction, or in the caller's when there already is one. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) {
    return fn(ctx);
  }
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

/** A context in which Kefu itself acts on an account (setup, the CLI, background jobs). */
export function systemCtx(base: BaseCtx, account: Account, name = 'Kefu'): Ctx {
  return { ...base, account, actor: { kind: 'system', name }, permissions: systemPermissions };
}
