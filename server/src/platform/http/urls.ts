import type { Ctx } from '../../context.js';

/** The account's own origin: the configured public URL, else its subdomain, else the request's. */
export function accountOrigin(ctx: Pick<Ctx, 'account' | 'config' | 'request'>): string {
  if (ctx.config.baseDomain) {
    const scheme = ctx.config.publicUrl?.startsWith('http://') || ctx.request.origin?.startsWith('http://') ? 'http' : 'https';
    return `${scheme}://${ctx.account.subdomain}.${ctx.config.baseDomain}`;
  }
  return ctx.config.publicUrl ?? ctx.request.origin ?? `http://localhost:${ctx.config.port}`;
}

/** A resource's API URL, as Zendesk puts in every object's `url`. */
export function apiUrl(ctx: Pick<Ctx, 'account' | 'config' | 'request'>, path: string): string {
  return `${accountOrigin(ctx)}/api/v2/${path}.json`;
}
