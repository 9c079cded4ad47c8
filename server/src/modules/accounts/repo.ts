import type { Account } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { AccountsTable } from '../../db/schema.js';

const columns = [
  'id',
  'name',
  'subdomain',
  'locale',
  'time_zone',
  'brand_color',
  'logo_url',
  'favicon_url',
  'portal_css',
  'created_at',
  'updated_at',
] as const;

type AccountRow = Pick<AccountsTable, Exclude<(typeof columns)[number], 'id'>> & { id: number };

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    subdomain: row.subdomain,
    locale: row.locale,
    timeZone: row.time_zone,
    brandColor: row.brand_color,
    logoUrl: row.logo_url,
    faviconUrl: row.favicon_url,
    portalCss: row.portal_css,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Accounts are the tenants themselves, so these queries take a Db, not a Ctx.
export async function findAccountBySubdomain(db: Db, subdomain: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').select(columns).where('subdomain', '=', subdomain).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The account a host outside the base domain gets: the first one created. */
export async function findDefaultAccount(db: Db): Promise<Account | null> {
  const row = await db.selectFrom('accounts').select(columns).orderBy('id').limit(1).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function findAccountById(db: Db, id: number): Promise<Account | null> {
  const row = await db.selectFrom('accounts').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function hasAnyAccount(db: Db): Promise<boolean> {
  const row = await db.selectFrom('installation').select('id').executeTakeFirst();
  return row !== undefined;
}

export async function isSubdomainTaken(db: Db, subdomain: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('subdomain', '=', subdomain).executeTakeFirst();
  return row !== undefined;
}

export async function insertAccount(
  db: Db,
  values: { name: string; subdomain: string; locale: string; timeZone: string; now: number },
): Promise<Account> {
  const row = await db
    .insertInto('accounts')
    .values({
      name: values.name,
      subdomain: values.subdomain,
      locale: values.locale,
      time_zone: values.timeZone,
      brand_color: null,
      logo_url: null,
      favicon_url: null,
      portal_css: null,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

export async function updateAccountRow(
  db: Db,
  id: number,
  patch: Partial<Pick<AccountsTable, 'name' | 'locale' | 'time_zone' | 'brand_color' | 'logo_url' | 'favicon_url' | 'portal_css'>> & {
    allow_anonymous_requests?: number;
    allow_portal_sign_up?: number;
  },
  now: number,
): Promise<Account> {
  const row = await db
    .updateTable('accounts')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

/** What the customer portal lets people do without an agent: kept beside the account, read where it matters. */
export type PortalAccess = { allowAnonymousRequests: boolean; allowPortalSignUp: boolean };

export async function findPortalAccess(db: Db, accountId: number): Promise<PortalAccess> {
  const row = await db
    .selectFrom('accounts')
    .select(['allow_anonymous_requests', 'allow_portal_sign_up'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { allowAnonymousRequests: row.allow_anonymous_requests === 1, allowPortalSignUp: row.allow_portal_sign_up === 1 };
}

/** Claims the one-time first-run setup; false when it was already done. */
export async function claimInstallation(db: Db, now: number): Promise<boolean> {
  const result = await db
    .insertInto('installation')
    .values({ id: 1, completed_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
