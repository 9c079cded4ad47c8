import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { NotificationKind } from '../../db/schema.js';

const perKind = z.object({ assigned: z.boolean(), reply: z.boolean(), mention: z.boolean() });
export const preferencesSchema = z.object({ in_app: perKind, email: perKind });
export type Preferences = z.infer<typeof preferencesSchema>;
export const preferencesPatch = z.strictObject({ in_app: perKind.partial().strict().optional(), email: perKind.partial().strict().optional() });

export const DEFAULT_PREFERENCES: Preferences = { in_app: { assigned: true, reply: true, mention: true }, email: { assigned: true, reply: true, mention: true } };

function parse(settings: string | undefined): Preferences {
  if (!settings) {
    return DEFAULT_PREFERENCES;
  }
  const stored = preferencesSchema.safeParse(JSON.parse(settings));
  return stored.success ? stored.data : DEFAULT_PREFERENCES;
}

/** Each user's preferences (the defaults for those who never changed them), in one query. */
export async function preferencesOf(ctx: Ctx, userIds: number[]): Promise<Map<number, Preferences>> {
  const unique = [...new Set(userIds)];
  const rows = unique.length ? await ctx.db.selectFrom('notification_preferences').select(['user_id', 'settings']).where('account_id', '=', ctx.account.id).where('user_id', 'in', unique).execute() : [];
  const stored = new Map(rows.map((r) => [r.user_id, r.settings]));
  return new Map(unique.map((id) => [id, parse(stored.get(id))]));
}

export async function savePreferences(ctx: Ctx, userId: number, patch: z.infer<typeof preferencesPatch>): Promise<Preferences> {
  const current = (await preferencesOf(ctx, [userId])).get(userId) ?? DEFAULT_PREFERENCES;
  const next: Preferences = { in_app: { ...current.in_app, ...patch.in_app }, email: { ...current.email, ...patch.email } };
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('notification_preferences')
    .values({ account_id: ctx.account.id, user_id: userId, settings: JSON.stringify(next), updated_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'user_id']).doUpdateSet({ settings: JSON.stringify(next), updated_at: now }))
    .execute();
  return next;
}

export const wants = (prefs: Map<number, Preferences>, userId: number, channel: 'in_app' | 'email', kind: NotificationKind): boolean => (prefs.get(userId) ?? DEFAULT_PREFERENCES)[channel][kind];
