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
import { claimInstallation, findPortalAccess, insertAccount, isSubdomainTaken, type PortalAccess, updateAccountRow } from './repo.js';
import type { NewHelpdeskInput, SettingsPatch } from './schema.js';
import { msg } from '../../platform/messages.js';

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
      throw invalidField('account.subdomain', msg('account.subdomain_taken'), 'DuplicateValue');
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
        throw invalidField('account.subdomain', msg('account.subdomain_taken'), 'DuplicateValue');
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

const settingFields = ['name', 'locale', 'time_zone', 'brand_color', 'logo_url', 'favicon_url', 'portal_css', 'allow_anonymous_requests', 'allow_portal_sign_up'] as const;

/** A setting's switch as the column keeps it (1/0), or nothing when the patch leaves it alone. */
const flag = <K extends string>(key: K, on: boolean | undefined) => (on === undefined ? {} : ({ [key]: on ? 1 : 0 } as Record<K, number>));

/** Changes the helpdesk's settings (branding, language, what the portal allows), audited field by field. */
export async function updateSettings(ctx: Ctx, patch: SettingsPatch): Promise<{ account: Account; access: PortalAccess }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx: Ctx = { ...ctx, db: trx };
    const before = tx.account;
    const accessBefore = await findPortalAccess(trx, before.id);
    const { allow_anonymous_requests, allow_portal_sign_up, ...rest } = patch;
    const row = { ...rest, ...flag('allow_anonymous_requests', allow_anonymous_requests), ...flag('allow_portal_sign_up', allow_portal_sign_up) };
    const updated = await updateAccountRow(trx, before.id, row, tx.clock.now());
    const access = await findPortalAccess(trx, before.id);
    const snapshot = (a: Account, p: PortalAccess) => ({
      name: a.name,
      locale: a.locale,
      time_zone: a.timeZone,
      brand_color: a.brandColor,
      logo_url: a.logoUrl,
      favicon_url: a.faviconUrl,
      portal_css: a.portalCss,
      allow_anonymous_requests: p.allowAnonymousRequests,
      allow_portal_sign_up: p.allowPortalSignUp,
    });
    const changes = diffFields(snapshot(before, accessBefore), snapshot(updated, access), [...settingFields]);
    if (Object.keys(changes).length > 0) {
      await recordAudit({ ...tx, account: updated }, { action: 'update', sourceType: 'account', sourceId: updated.id, sourceLabel: updated.name, changes });
    }
    return { account: updated, access };
  });
}
