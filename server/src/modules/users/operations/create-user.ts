import { applyKeyedValues } from '../../custom-fields/keyed-values.js';
import { type Ctx, inTransaction } from '../../../context.js';
import { isUniqueViolation } from '../../../db/helpers.js';
import { forbidden, invalidField, KefuError } from '../../../platform/errors.js';
import { hashPassword } from '../../../platform/passwords.js';
import { recordAudit } from '../../audit-logs/record.js';
import { findDefaultRoleId, findRole } from '../../custom-roles/repo.js';
import { findDefaultGroup, findGroupsByIds, insertMembership, setDefaultGroup } from '../../groups/repo.js';
import { findOrganization, findOrganizationIdByDomain, setUserOrganization } from '../../organizations/repo.js';
import { mailPasswordLink } from '../../sessions/user-tokens.js';
import { canCreateUserWithRole } from '../policy.js';
import { findUser, findUserIdByEmail, insertIdentity, insertUser, type UserRecord } from '../repo.js';
import type { UserCreateInput } from '../schema.js';
import { msg } from '../../../platform/messages.js';

type CreateOptions = {
  /** The field prefix in error details: 'user' for one, 'users.3' in a batch. */
  field?: string;
  /** Creating the account's owner during setup: skips the permission check. */
  asOwner?: boolean;
};

/** Creates a user with their identities, organization and (agents) groups and role. */
export async function createUser(ctx: Ctx, input: UserCreateInput, options: CreateOptions = {}): Promise<UserRecord> {
  const field = options.field ?? 'user';
  if (!options.asOwner && !canCreateUserWithRole(ctx, input.role)) {
    throw forbidden(input.role === 'end-user' ? undefined : 'Only admins may create agents and admins');
  }
  return inTransaction(ctx, async (tx) => {
    const emails = [
      ...(input.email ? [input.email] : []),
      ...(input.identities ?? []).filter((i) => i.type === 'email').map((i) => i.value.toLowerCase()),
    ];
    const uniqueEmails = [...new Set(emails)];
    for (const address of uniqueEmails) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
        throw invalidField(`${field}.identities`, msg('user.address_invalid', { email: address }));
      }
      if ((await findUserIdByEmail(tx, address)) !== null) {
        throw invalidField(`${field}.email`, msg('common.email_taken', { email: address }), 'DuplicateValue');
      }
    }
    const isStaff = input.role !== 'end-user';
    const customRoleId = input.role === 'agent' ? await resolveRole(tx, input.custom_role_id, field) : null;
    const organizationId = await resolveOrganization(tx, input.organization_id, uniqueEmails[0], field);

    const customFields = await applyKeyedValues(tx, 'user', input.user_fields, {}, { path: `${field}.user_fields`, creating: true });
    const id = await insertUser(tx, {
      custom_fields: JSON.stringify(customFields),
      name: input.name,
      email: uniqueEmails[0] ?? null,
      phone: input.phone ?? null,
      role: input.role,
      is_owner: options.asOwner ? 1 : 0,
      custom_role_id: customRoleId,
      default_group_id: null,
      external_id: input.external_id ?? null,
      locale: input.locale ?? null,
      time_zone: input.time_zone ?? null,
      tags: JSON.stringify(input.tags ?? []),
      notes: input.notes ?? '',
      details: input.details ?? '',
      signature: input.signature ?? null,
      verified: input.verified || options.asOwner ? 1 : 0,
      suspended: input.suspended ? 1 : 0,
      active: 1,
      password_hash: input.password ? await hashPassword(input.password) : null,
      last_login_at: null,
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw invalidField(`${field}.external_id`, msg('common.external_id_taken'), 'DuplicateValue');
      }
      throw error;
    });

    for (const [index, address] of uniqueEmails.entries()) {
      await insertIdentity(tx, { userId: id, type: 'email', value: address, isPrimary: index === 0, verified: Boolean(input.verified) }).catch(
        (error: unknown) => {
          if (isUniqueViolation(error)) {
            throw invalidField(`${field}.email`, msg('common.email_taken', { email: address }), 'DuplicateValue');
          }
          throw error;
        },
      );
    }
    for (const phone of (input.identities ?? []).filter((i) => i.type === 'phone_number')) {
      await insertIdentity(tx, { userId: id, type: 'phone_number', value: phone.value, isPrimary: false, verified: false });
    }
    if (organizationId !== null) {
      await setUserOrganization(tx, id, organizationId);
    }
    if (isStaff) {
      await joinGroups(tx, id, input.group_ids, input.default_group_id ?? null, field);
    }

    const user = await findUser(tx, id);
    if (!user) {
      throw new KefuError('InternalError');
    }
    await recordAudit(tx, {
      action: 'create',
      sourceType: 'user',
      sourceId: id,
      sourceLabel: `${user.name} <${user.email ?? '-'}>`,
      changes: { role: [null, user.role] },
    });
    const invite = input.send_invite ?? (isStaff && !input.password && !options.asOwner);
    if (invite && !input.password) {
      await mailPasswordLink(tx, user, isStaff ? 'invitation' : 'welcome');
    }
    return user;
  });
}

async function resolveRole(ctx: Ctx, customRoleId: number | null | undefined, field: string): Promise<number | null> {
  if (customRoleId === null || customRoleId === undefined) {
    return findDefaultRoleId(ctx);
  }
  if (!(await findRole(ctx, customRoleId))) {
    throw invalidField(`${field}.custom_role_id`, msg('common.no_such_role'), 'NotFound');
  }
  return customRoleId;
}

/** The organization asked for, else the one the email's domain maps to. */
async function resolveOrganization(
  ctx: Ctx,
  organizationId: number | null | undefined,
  primaryEmail: string | undefined,
  field: string,
): Promise<number | null> {
  if (organizationId !== null && organizationId !== undefined) {
    if (!(await findOrganization(ctx, organizationId))) {
      throw invalidField(`${field}.organization_id`, msg('common.no_such_organization'), 'NotFound');
    }
    return organizationId;
  }
  const domain = primaryEmail?.split('@')[1];
  return domain ? findOrganizationIdByDomain(ctx, domain) : null;
}

/** An agent belongs to at least one group: the ones asked for, else the default group. */
export async function joinGroups(
  ctx: Ctx,
  userId: number,
  groupIds: number[] | undefined,
  defaultGroupId: number | null,
  field: string,
): Promise<void> {
  let ids = [...new Set(groupIds ?? [])];
  if (defaultGroupId !== null && !ids.includes(defaultGroupId)) {
    ids.unshift(defaultGroupId);
  }
  if (ids.length === 0) {
    const fallback = await findDefaultGroup(ctx);
    if (!fallback) {
      throw invalidField(`${field}.group_ids`, msg('user.no_group_for_agent'), 'NoGroup');
    }
    ids = [fallback.id];
  }
  const found = await findGroupsByIds(ctx, ids);
  const missing = ids.filter((id) => !found.some((g) => g.id === id));
  if (missing.length > 0) {
    throw invalidField(`${field}.group_ids`, msg('common.no_such_groups', { ids: missing.map(String) }), 'NotFound');
  }
  for (const groupId of ids) {
    await insertMembership(ctx, userId, groupId);
  }
  await setDefaultGroup(ctx, userId, defaultGroupId ?? ids[0] ?? null);
}
