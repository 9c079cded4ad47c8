import { applyKeyedValues } from '../../custom-fields/keyed-values.js';
import { type Ctx, inTransaction } from '../../../context.js';
import { isUniqueViolation } from '../../../db/helpers.js';
import { forbidden, invalidField, KefuError, notFound } from '../../../platform/errors.js';
import { diffFields, recordAudit } from '../../audit-logs/record.js';
import { findRole, findDefaultRoleId } from '../../custom-roles/repo.js';
import { deleteMembershipsOfUser, insertMembership, listMembershipsOfUser, setDefaultGroup } from '../../groups/repo.js';
import { findGroup } from '../../groups/repo.js';
import { findOrganization, setUserOrganization } from '../../organizations/repo.js';
import { canManageUser, canViewUser, isSelf, selfEditableFields } from '../policy.js';
import {
  findUser,
  findUserIdByEmail,
  insertIdentity,
  listIdentities,
  revokeSessions,
  setPrimaryIdentity,
  updateUserRow,
  type UserInsert,
  type UserRecord,
} from '../repo.js';
import type { UserUpdateInput } from '../schema.js';
import { joinGroups } from './create-user.js';
import { msg } from '../../../platform/messages.js';

/** The user, if the actor may see them; 404 otherwise, so ids reveal nothing. */
export async function getUser(ctx: Ctx, id: number): Promise<UserRecord> {
  const user = await findUser(ctx, id);
  if (!user || !canViewUser(ctx, user)) {
    throw notFound();
  }
  return user;
}

const audited: (keyof UserRecord)[] = [
  'name', 'email', 'phone', 'role', 'customRoleId', 'defaultGroupId', 'organizationId', 'externalId',
  'locale', 'timeZone', 'tags', 'notes', 'details', 'signature', 'verified', 'suspended',
];

/** Changes a user's profile, role, organization, email or suspension, each as the actor may. */
export async function updateUser(ctx: Ctx, id: number, patch: UserUpdateInput): Promise<UserRecord> {
  return inTransaction(ctx, async (tx) => {
    const before = await getUser(tx, id);
    const fields = Object.keys(patch);
    const managed = canManageUser(tx, before);
    if (!managed) {
      const notSelfEditable = fields.filter((f) => !selfEditableFields.has(f));
      if (!isSelf(tx, before) || notSelfEditable.length > 0) {
        throw forbidden(
          isSelf(tx, before) ? `You may not change your own ${notSelfEditable.join(', ')}` : 'You may not change this user',
        );
      }
    }
    if (patch.role !== undefined && patch.role !== before.role) {
      await changeRole(tx, before, patch.role);
    }
    if (patch.suspended !== undefined && patch.suspended !== before.suspended) {
      if (before.isOwner || isSelf(tx, before)) {
        throw invalidField('user.suspended', msg(before.isOwner ? 'user.owner_unsuspendable' : 'user.self_unsuspendable'), 'NotAllowed');
      }
      if (patch.suspended) {
        await revokeSessions(tx, id);
      }
    }
    const role = patch.role ?? before.role;
    if (patch.custom_role_id !== undefined && patch.custom_role_id !== before.customRoleId) {
      if (role !== 'agent') {
        throw invalidField('user.custom_role_id', msg('user.agents_only_role'), 'NotAnAgent');
      }
      if (!tx.permissions.isAdmin) {
        throw forbidden('Only admins may change roles');
      }
      if (patch.custom_role_id === null || !(await findRole(tx, patch.custom_role_id))) {
        throw invalidField('user.custom_role_id', msg('common.no_such_role'), 'NotFound');
      }
    }
    if (patch.default_group_id !== undefined && patch.default_group_id !== null) {
      if (role === 'end-user') {
        throw invalidField('user.default_group_id', msg('user.agents_only_group'), 'NotAnAgent');
      }
      if (!(await findGroup(tx, patch.default_group_id))) {
        throw invalidField('user.default_group_id', msg('common.no_such_group'), 'NotFound');
      }
      await insertMembership(tx, id, patch.default_group_id);
      await setDefaultGroup(tx, id, patch.default_group_id);
    }
    if (patch.organization_id !== undefined && patch.organization_id !== before.organizationId) {
      if (patch.organization_id !== null && !(await findOrganization(tx, patch.organization_id))) {
        throw invalidField('user.organization_id', msg('common.no_such_organization'), 'NotFound');
      }
      await setUserOrganization(tx, id, patch.organization_id);
    }
    if (patch.email !== undefined && patch.email !== before.email) {
      await changePrimaryEmail(tx, before, patch.email);
    }

    const customFields = patch.user_fields === undefined ? null : await applyKeyedValues(tx, 'user', patch.user_fields, before.customFields, { path: 'user.user_fields', creating: false });
    const columns: Partial<UserInsert> = {
      ...(customFields ? { custom_fields: JSON.stringify(customFields) } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      ...(patch.custom_role_id !== undefined ? { custom_role_id: patch.custom_role_id } : {}),
      ...(patch.external_id !== undefined ? { external_id: patch.external_id } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.time_zone !== undefined ? { time_zone: patch.time_zone } : {}),
      ...(patch.tags !== undefined ? { tags: JSON.stringify(patch.tags) } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.details !== undefined ? { details: patch.details } : {}),
      ...(patch.signature !== undefined ? { signature: patch.signature } : {}),
      ...(patch.verified !== undefined ? { verified: patch.verified ? 1 : 0 } : {}),
      ...(patch.suspended !== undefined ? { suspended: patch.suspended ? 1 : 0 } : {}),
    };
    await updateUserRow(tx, id, columns).catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw invalidField('user.external_id', msg('common.external_id_taken'), 'DuplicateValue');
      }
      throw error;
    });
    const after = await findUser(tx, id);
    if (!after) {
      throw new KefuError('InternalError');
    }
    const changes = diffFields(before, after, audited);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { action: 'update', sourceType: 'user', sourceId: id, sourceLabel: after.name, changes });
    }
    return after;
  });
}

async function changeRole(ctx: Ctx, user: UserRecord, role: UserRecord['role']): Promise<void> {
  if (!ctx.permissions.isAdmin) {
    throw forbidden('Only admins may change roles');
  }
  if (user.isOwner) {
    throw invalidField('user.role', msg('user.owner_role'), 'NotAllowed');
  }
  if (isSelf(ctx, user)) {
    throw invalidField('user.role', msg('user.own_role'), 'NotAllowed');
  }
  if (role === 'end-user') {
    await deleteMembershipsOfUser(ctx, user.id);
    await setDefaultGroup(ctx, user.id, null);
    await updateUserRow(ctx, user.id, { role, custom_role_id: null });
    return;
  }
  await updateUserRow(ctx, user.id, {
    role,
    custom_role_id: role === 'agent' ? (user.customRoleId ?? (await findDefaultRoleId(ctx))) : null,
  });
  if ((await listMembershipsOfUser(ctx, user.id)).length === 0) {
    await joinGroups(ctx, user.id, undefined, null, 'user');
  }
}

/** Makes the address the user's primary email, adding it as an identity when new. */
async function changePrimaryEmail(ctx: Ctx, user: UserRecord, address: string | null): Promise<void> {
  if (address === null) {
    throw invalidField('user.email', msg('user.email_not_removable'), 'NotAllowed');
  }
  const owner = await findUserIdByEmail(ctx, address);
  if (owner !== null && owner !== user.id) {
    throw invalidField('user.email', msg('common.email_taken', { email: address }), 'DuplicateValue');
  }
  const identities = await listIdentities(ctx, user.id);
  const existing = identities.find((i) => i.type === 'email' && i.value === address);
  const identityId =
    existing?.id ?? (await insertIdentity(ctx, { userId: user.id, type: 'email', value: address, isPrimary: false, verified: false }));
  await setPrimaryIdentity(ctx, user.id, 'email', identityId);
  await updateUserRow(ctx, user.id, { email: address });
}
