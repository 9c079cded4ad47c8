import { applyKeyedValues } from '../custom-fields/keyed-values.js';
import { type Ctx, inTransaction } from '../../context.js';
import { isUniqueViolation } from '../../db/helpers.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { diffFields, recordAudit } from '../audit-logs/record.js';
import { findGroup } from '../groups/repo.js';
import { findUser } from '../users/repo.js';
import {
  deleteOrganizationRow,
  findOrgMembership,
  findOrganization,
  findOrganizationIdByDomain,
  insertOrganization,
  type OrganizationMembershipRecord,
  type OrganizationRecord,
  queryOrgMemberships,
  replaceDomains,
  setUserOrganization,
  toOrgMembership,
  updateOrganizationRow,
} from './repo.js';
import type { OrganizationInput, OrganizationPatch } from './schema.js';
import { msg } from '../../platform/messages.js';

/** The organization, if the actor may see it: agents all, end users their own. */
export async function getOrganization(ctx: Ctx, id: number): Promise<OrganizationRecord> {
  const visible = ctx.permissions.isAgent || (ctx.actor.kind === 'user' && ctx.actor.user.organizationId === id);
  const org = visible ? await findOrganization(ctx, id) : null;
  return org ?? Promise.reject(notFound());
}

async function assertDomainsFree(ctx: Ctx, domains: string[], organizationId: number | null): Promise<void> {
  for (const domain of domains) {
    const owner = await findOrganizationIdByDomain(ctx, domain);
    if (owner !== null && owner !== organizationId) {
      throw invalidField('organization.domain_names', msg('organization.domain_taken', { domain }), 'DuplicateValue');
    }
  }
}

async function assertGroup(ctx: Ctx, groupId: number | null | undefined): Promise<void> {
  if (groupId !== null && groupId !== undefined && !(await findGroup(ctx, groupId))) {
    throw invalidField('organization.group_id', msg('common.no_such_group'), 'NotFound');
  }
}

export async function createOrganization(ctx: Ctx, input: OrganizationInput): Promise<OrganizationRecord> {
  return inTransaction(ctx, async (tx) => {
    await assertGroup(tx, input.group_id);
    await assertDomainsFree(tx, input.domain_names ?? [], null);
    const customFields = await applyKeyedValues(tx, 'organization', input.organization_fields, {}, { path: 'organization.organization_fields', creating: true });
    const id = await insertOrganization(tx, {
      custom_fields: JSON.stringify(customFields),
      name: input.name,
      details: input.details ?? '',
      notes: input.notes ?? '',
      external_id: input.external_id ?? null,
      shared_tickets: input.shared_tickets ? 1 : 0,
      shared_comments: input.shared_comments ? 1 : 0,
      group_id: input.group_id ?? null,
      tags: JSON.stringify(input.tags ?? []),
    }).catch(duplicateName);
    await replaceDomains(tx, id, input.domain_names ?? []);
    const org = await getOrganization(tx, id);
    await recordAudit(tx, { action: 'create', sourceType: 'organization', sourceId: id, sourceLabel: org.name });
    return org;
  });
}

export async function updateOrganization(ctx: Ctx, id: number, patch: OrganizationPatch): Promise<OrganizationRecord> {
  return inTransaction(ctx, async (tx) => {
    const before = await getOrganization(tx, id);
    await assertGroup(tx, patch.group_id);
    if (patch.domain_names) {
      await assertDomainsFree(tx, patch.domain_names, id);
    }
    const customFields = patch.organization_fields === undefined ? null : await applyKeyedValues(tx, 'organization', patch.organization_fields, before.customFields, { path: 'organization.organization_fields', creating: false });
    await updateOrganizationRow(tx, id, {
      ...(customFields ? { custom_fields: JSON.stringify(customFields) } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.details !== undefined ? { details: patch.details } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.external_id !== undefined ? { external_id: patch.external_id } : {}),
      ...(patch.shared_tickets !== undefined ? { shared_tickets: patch.shared_tickets ? 1 : 0 } : {}),
      ...(patch.shared_comments !== undefined ? { shared_comments: patch.shared_comments ? 1 : 0 } : {}),
      ...(patch.group_id !== undefined ? { group_id: patch.group_id } : {}),
      ...(patch.tags !== undefined ? { tags: JSON.stringify(patch.tags) } : {}),
    }).catch(duplicateName);
    if (patch.domain_names) {
      await replaceDomains(tx, id, patch.domain_names);
    }
    const after = await getOrganization(tx, id);
    await recordAudit(tx, {
      action: 'update',
      sourceType: 'organization',
      sourceId: id,
      sourceLabel: after.name,
      changes: diffFields(before, after, ['name', 'details', 'notes', 'externalId', 'sharedTickets', 'sharedComments', 'groupId', 'tags', 'domainNames']),
    });
    return after;
  });
}

/** Deletes the organization; its members stay, without an organization. */
export async function deleteOrganization(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, id);
    await deleteOrganizationRow(tx, id);
    await recordAudit(tx, { action: 'destroy', sourceType: 'organization', sourceId: id, sourceLabel: org.name });
  });
}

export async function getOrgMembership(ctx: Ctx, id: number): Promise<OrganizationMembershipRecord> {
  const m = await findOrgMembership(ctx, id);
  const visible = m && (ctx.permissions.isAgent || (ctx.actor.kind === 'user' && ctx.actor.user.id === m.userId));
  return visible ? m : Promise.reject(notFound());
}

/** Puts a user in an organization, moving them out of any other (one per user). */
export async function addOrgMembership(ctx: Ctx, input: { user_id: number; organization_id: number }): Promise<OrganizationMembershipRecord> {
  return inTransaction(ctx, async (tx) => {
    const user = await findUser(tx, input.user_id);
    if (!user) {
      throw invalidField('organization_membership.user_id', msg('common.no_such_user'), 'NotFound');
    }
    const org = await findOrganization(tx, input.organization_id);
    if (!org) {
      throw invalidField('organization_membership.organization_id', msg('common.no_such_organization'), 'NotFound');
    }
    await setUserOrganization(tx, user.id, org.id);
    const row = await queryOrgMemberships(tx, { userId: user.id }).executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'create',
      sourceType: 'organization_membership',
      sourceId: row.id,
      sourceLabel: `${user.name} → ${org.name}`,
      changes: { organization_id: [user.organizationId, org.id] },
    });
    return toOrgMembership(row);
  });
}

export async function removeOrgMembership(ctx: Ctx, id: number, userId?: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const m = await findOrgMembership(tx, id);
    if (!m || (userId !== undefined && m.userId !== userId)) {
      throw notFound();
    }
    await setUserOrganization(tx, m.userId, null);
    await recordAudit(tx, {
      action: 'destroy',
      sourceType: 'organization_membership',
      sourceId: id,
      sourceLabel: `user ${m.userId} ← ${m.organizationName}`,
    });
  });
}

function duplicateName(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw invalidField('organization.name', msg('organization.name_taken'), 'DuplicateValue');
  }
  throw error;
}
