import type { Ctx } from '../../context.js';
import { commaList, containsText, parseStringList } from '../../db/helpers.js';
import type { OrganizationsTable } from '../../db/schema.js';

export type OrganizationRecord = {
  id: number;
  name: string;
  details: string;
  notes: string;
  customFields: Record<string, unknown>;
  externalId: string | null;
  sharedTickets: boolean;
  sharedComments: boolean;
  groupId: number | null;
  tags: string[];
  domainNames: string[];
  createdAt: number;
  updatedAt: number;
};

export type OrganizationMembershipRecord = {
  id: number;
  userId: number;
  organizationId: number;
  organizationName: string;
  createdAt: number;
  updatedAt: number;
};

/** Organizations with their email domains gathered in the same query. */
export function queryOrganizations(ctx: Ctx, filter: { text?: string; externalId?: string } = {}) {
  let q = ctx.db
    .selectFrom('organizations as o')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.details',
      'o.notes',
      'o.custom_fields',
      'o.external_id',
      'o.shared_tickets',
      'o.shared_comments',
      'o.group_id',
      'o.tags',
      'o.created_at',
      'o.updated_at',
      eb
        .selectFrom('organization_domains as d')
        .select(commaList(ctx.db, 'd.domain').as('domains'))
        .whereRef('d.account_id', '=', 'o.account_id')
        .whereRef('d.organization_id', '=', 'o.id')
        .as('domains'),
    ])
    .where('o.account_id', '=', ctx.account.id);
  if (filter.text !== undefined) {
    q = q.where(containsText('o.name', filter.text));
  }
  if (filter.externalId !== undefined) {
    q = q.where('o.external_id', '=', filter.externalId);
  }
  return q;
}

export type OrganizationRow = Pick<
  OrganizationsTable,
  'name' | 'details' | 'notes' | 'external_id' | 'shared_tickets' | 'shared_comments' | 'group_id' | 'tags' | 'created_at' | 'updated_at'
> & { id: number; domains: string | null; custom_fields: string };

export function toOrganization(r: OrganizationRow): OrganizationRecord {
  return {
    id: r.id,
    name: r.name,
    details: r.details,
    notes: r.notes,
    customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
    externalId: r.external_id,
    sharedTickets: r.shared_tickets === 1,
    sharedComments: r.shared_comments === 1,
    groupId: r.group_id,
    tags: parseStringList(r.tags),
    domainNames: r.domains ? r.domains.split(',').sort() : [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findOrganization(ctx: Ctx, id: number): Promise<OrganizationRecord | null> {
  const row = await queryOrganizations(ctx).where('o.id', '=', id).executeTakeFirst();
  return row ? toOrganization(row) : null;
}

export async function findOrganizationIdByName(ctx: Ctx, name: string): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('organizations')
    .select('id')
    .where('account_id', '=', ctx.account.id)
    .where('name_key', '=', nameKey(name))
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findOrganizationIdByDomain(ctx: Ctx, domain: string): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('organization_domains')
    .select('organization_id')
    .where('account_id', '=', ctx.account.id)
    .where('domain', '=', domain.toLowerCase())
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

export const nameKey = (name: string): string => name.trim().toLowerCase();

type OrgValues = Omit<OrganizationsTable, 'id' | 'account_id' | 'name_key' | 'created_at' | 'updated_at' | 'custom_fields'> & { custom_fields?: string };

export async function insertOrganization(ctx: Ctx, values: OrgValues): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('organizations')
    .values({ ...values, name_key: nameKey(values.name), account_id: ctx.account.id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOrganizationRow(ctx: Ctx, id: number, patch: Partial<OrgValues>): Promise<void> {
  await ctx.db
    .updateTable('organizations')
    .set({ ...patch, ...(patch.name !== undefined ? { name_key: nameKey(patch.name) } : {}), updated_at: ctx.clock.now() })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
}

export async function deleteOrganizationRow(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.deleteFrom('organizations').where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
}

/** Replaces the organization's domains; a domain already mapped elsewhere fails on its key. */
export async function replaceDomains(ctx: Ctx, organizationId: number, domains: string[]): Promise<void> {
  await ctx.db
    .deleteFrom('organization_domains')
    .where('account_id', '=', ctx.account.id)
    .where('organization_id', '=', organizationId)
    .execute();
  if (domains.length > 0) {
    await ctx.db
      .insertInto('organization_domains')
      .values(domains.map((domain) => ({ account_id: ctx.account.id, organization_id: organizationId, domain })))
      .execute();
  }
}

// ---- memberships (a user belongs to at most one organization) ----

export function queryOrgMemberships(ctx: Ctx, filter: { userId?: number; organizationId?: number } = {}) {
  let q = ctx.db
    .selectFrom('organization_memberships as m')
    .innerJoin('organizations as o', (j) => j.onRef('o.account_id', '=', 'm.account_id').onRef('o.id', '=', 'm.organization_id'))
    .select(['m.id', 'm.user_id', 'm.organization_id', 'o.name as organization_name', 'm.created_at', 'm.updated_at'])
    .where('m.account_id', '=', ctx.account.id);
  if (filter.userId !== undefined) {
    q = q.where('m.user_id', '=', filter.userId);
  }
  if (filter.organizationId !== undefined) {
    q = q.where('m.organization_id', '=', filter.organizationId);
  }
  return q;
}

export function toOrgMembership(r: {
  id: number;
  user_id: number;
  organization_id: number;
  organization_name: string;
  created_at: number;
  updated_at: number;
}): OrganizationMembershipRecord {
  return {
    id: r.id,
    userId: r.user_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findOrgMembership(ctx: Ctx, id: number): Promise<OrganizationMembershipRecord | null> {
  const row = await queryOrgMemberships(ctx).where('m.id', '=', id).executeTakeFirst();
  return row ? toOrgMembership(row) : null;
}

/** Sets the user's one organization (null: none), replacing any previous one. */
export async function setUserOrganization(ctx: Ctx, userId: number, organizationId: number | null): Promise<void> {
  const now = ctx.clock.now();
  if (organizationId === null) {
    await ctx.db.deleteFrom('organization_memberships').where('account_id', '=', ctx.account.id).where('user_id', '=', userId).execute();
    return;
  }
  await ctx.db
    .insertInto('organization_memberships')
    .values({ account_id: ctx.account.id, user_id: userId, organization_id: organizationId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'user_id']).doUpdateSet({ organization_id: organizationId, updated_at: now }))
    .execute();
}

export async function countMembers(ctx: Ctx, organizationId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('organization_memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', ctx.account.id)
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
