import type { Ctx } from '../../context.js';
import type { UserRole } from '../../db/schema.js';
import type { UserRecord } from './repo.js';

const isSelf = (ctx: Ctx, user: UserRecord): boolean => ctx.actor.kind === 'user' && ctx.actor.user.id === user.id;

/** Agents see every user; end users see only themselves. */
export function canViewUser(ctx: Ctx, user: UserRecord): boolean {
  return ctx.permissions.isAgent || isSelf(ctx, user);
}

/** End users are managed by agents whose role says so; agents and admins only by admins. */
export function canCreateUserWithRole(ctx: Ctx, role: UserRole): boolean {
  return role === 'end-user' ? ctx.permissions.canManageUsers : ctx.permissions.isAdmin;
}

/** Whether the actor may manage this user (beyond a person editing their own profile). */
export function canManageUser(ctx: Ctx, user: UserRecord): boolean {
  if (user.isOwner) {
    return ctx.permissions.isOwner;
  }
  return user.role === 'end-user' ? ctx.permissions.canManageUsers : ctx.permissions.isAdmin;
}

/** What anyone may change on their own profile without management rights. */
export const selfEditableFields = new Set(['name', 'phone', 'locale', 'time_zone', 'signature']);

export { isSelf };
