import { type Account, type BaseCtx, type Ctx, systemCtx } from '../../context.js';
import { isUniqueViolation } from '../../db/helpers.js';
import { forbidden, invalidField } from '../../platform/errors.js';
import { resolveLocale, type Locale } from '../../platform/i18n.js';
import { assertNotThrottled, countAttempt, mailPerIp } from '../../platform/throttle.js';
import { diffFields, recordAudit } from '../audit-logs/record.js';
import { defaultRoles } from '../custom-roles/defaults.js';
import { insertRole } from '../custom-roles/repo.js';
import { insertGroup } from '../groups/repo.js';
import { createDefaultViews } from '../views/service.js';
import { createDefaultRules } from '../../rules/defaults.js';
import { createUser } from '../users/operations/create-user.js';
import type { UserRecord } from '../users/repo.js';
import { claimInstallation, insertAccount, isSubdomainTaken, updateAccountRow } from './repo.js';
import type { NewHelpdeskInput, SettingsPatch } from './schema.js';

export type NewHelpdesk = { account: Account; owner: UserRecord; ctx: Ctx };

const defaultGroupName: Record<Locale, string> = { 'zh-CN': '客服组', en: 'Support' };
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Creates a helpdesk: the account, its starting roles, its default group and its owner
 * (an admin), all or nothing. `firstRun` is the one-time setup, refused once any
 * account exists; later accounts come from the CLI or open sign-up.
 */
export async function createHelpdesk(base: BaseCtx, input: NewHelpdeskInput, options: { firstRun: boolean }): Promise<NewHelpdesk> {
  return base.db.transaction().execute(async (trx) => {
    const txBase: BaseCtx = { ...base, db: trx };
    const now = base.clock.now();
    const claimed = await claimInstallation(trx, now);
    if (options.firstRun && !claimed) {
      throw forbidden('Kefu is already set up; sign in instead');
    }
    if (await isSubdomainTaken(trx, input.account.subdomain)) {
      throw invalidField('account.subdomain', 'is already taken', 'DuplicateValue');
    }
    const locale = resolveLocale(input.account.locale, 'zh-CN');
    const account = await insertAccount(trx, {
      name: input.account.name,
      subdomain: input.account.subdomain,
      locale,
      timeZone: input.account.time_zone ?? DEFAULT_TIME_ZONE,
      now,
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw invalidField('account.subdomain', 'is already taken', 'DuplicateValue');
      }
      throw error;
    });
    const ctx = systemCtx(txBase, account, 'Kefu');
    for (const role of defaultRoles) {
      await insertRole(ctx, { name: role.name[locale], description: role.description[locale], configuration: role.configuration });
    }
    await insertGroup(ctx, { name: defaultGroupName[locale], description: '', isPublic: true, isDefault: true });
    await createDefaultViews(ctx, locale);
    await createDefaultRules(ctx, locale);
    const owner = await createUser(
      ctx,
      { name: input.owner.name, email: input.owner.email, password: input.owner.password, role: 'admin', locale },
      { asOwner: true, field: 'owner' },
    );
    await recordAudit(ctx, { action: 'create', sourceType: 'account', sourceId: account.id, sourceLabel: account.name });
    return { account, owner, ctx: { ...ctx, db: base.db } };
  });
}

const signUpKey = (ip: string | null): string => `sign-up-ip:${ip ?? 'unknown'}`;

/** Self-service sign-up, when the operator has opened it; rate-limited per IP. */
export async function signUp(base: BaseCtx, input: NewHelpdeskInput): Promise<NewHelpdesk> {
  if (!base.config.signupOpen) {
    throw forbidden('Sign-up of new helpdesks is closed on this server');
  }
  const key = signUpKey(base.request.ip);
  await assertNotThrottled(base.db, base.clock, [key]);
  await countAttempt(base.db, base.clock, key, mailPerIp);
  return createHelpdesk(base, input, { firstRun: false });
}

const settingFields = ['name', 'locale', 'time_zone', 'brand_color', 'logo_url', 'favicon_url', 'portal_css'] as const;

export async function updateSettings(ctx: Ctx, patch: SettingsPatch): Promise<Account> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx: Ctx = { ...ctx, db: trx };
    const before = tx.account;
    const updated = await updateAccountRow(trx, before.id, patch, tx.clock.now());
    const snapshot = (a: Account) => ({
      name: a.name,
      locale: a.locale,
      time_zone: a.timeZone,
      brand_color: a.brandColor,
      logo_url: a.logoUrl,
      favicon_url: a.faviconUrl,
      portal_css: a.portalCss,
    });
    const changes = diffFields(snapshot(before), snapshot(updated), [...settingFields]);
    if (Object.keys(changes).length > 0) {
      await recordAudit({ ...tx, account: updated }, { action: 'update', sourceType: 'account', sourceId: updated.id, sourceLabel: updated.name, changes });
    }
    return updated;
  });
}
