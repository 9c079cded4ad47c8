import { type Ctx, inTransaction } from '../../context.js';
import { isUniqueViolation } from '../../db/helpers.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { diffFields, recordAudit } from '../audit-logs/record.js';
import { findUser } from '../users/repo.js';
import {
  clearDefaultGroup,
  clearDefaultGroupOfMembers,
  deleteMembership,
  deleteMembershipsOfGroup,
  findGroup,
  findMembership,
  type GroupMembershipRecord,
  type GroupRecord,
  insertGroup,
  insertMembership,
  listMembershipsOfUser,
  setDefaultGroup,
  updateGroupRow,
} from './repo.js';
import type { GroupInput, GroupPatch } from './schema.js';
import { msg } from '../../platform/messages.js';

export async function getGroup(ctx: Ctx, id: number): Promise<GroupRecord> {
  return (await findGroup(ctx, id)) ?? Promise.reject(notFound());
}

/** Creates a group; a group made default takes that mark from the previous one. */
export async function createGroup(ctx: Ctx, input: GroupInput): Promise<GroupRecord> {
  return inTransaction(ctx, async (tx) => {
    if (input.default) {
      await clearDefaultGroup(tx);
    }
    const id = await insertGroup(tx, {
      name: input.name,
      description: input.description ?? '',
      isPublic: input.is_public ?? true,
      isDefault: input.default ?? false,
    }).catch(duplicateName);
    const group = await getGroup(tx, id);
    await recordAudit(tx, { action: 'create', sourceType: 'group', sourceId: id, sourceLabel: group.name });
    return group;
  });
}

export async function updateGroup(ctx: Ctx, id: number, patch: GroupPatch): Promise<GroupRecord> {
  return inTransaction(ctx, async (tx) => {
    const before = await getGroup(tx, id);
    if (patch.default === false && before.isDefault) {
      throw invalidField('group.default', msg('group.default_required'), 'DefaultRequired');
    }
    if (patch.default) {
      await clearDefaultGroup(tx);
    }
    await updateGroupRow(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.is_public !== undefined ? { is_public: patch.is_public ? 1 : 0 } : {}),
      ...(patch.default !== undefined ? { is_default: patch.default ? 1 : 0 } : {}),
    }).catch(duplicateName);
    const after = await getGroup(tx, id);
    await recordAudit(tx, {
      action: 'update',
      sourceType: 'group',
      sourceId: id,
      sourceLabel: after.name,
      changes: diffFields(before, after, ['name', 'description', 'isPublic', 'isDefault']),
    });
    return after;
  });
}

/** Soft-deletes a group, unless it is the default or the only group of an agent. */
export async function deleteGroup(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const group = await getGroup(tx, id);
    if (group.isDefault) {
      throw invalidField('group', msg('group.default_undeletable'), 'DefaultGroup');
    }
    const stranded = await tx.db
      .selectFrom('group_memberships as gm')
      .select('gm.user_id')
      .where('gm.account_id', '=', tx.account.id)
      .where('gm.group_id', '=', id)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('group_memberships as other')
              .select('other.id')
              .whereRef('other.account_id', '=', 'gm.account_id')
              .whereRef('other.user_id', '=', 'gm.user_id')
              .where('other.group_id', '!=', id),
          ),
        ),
      )
      .execute();
    if (stranded.length > 0) {
      throw invalidField(
        'group',
        msg('group.agents_stranded', { count: stranded.length }),
        'AgentsWithoutGroup',
      );
    }
    await clearDefaultGroupOfMembers(tx, id);
    await deleteMembershipsOfGroup(tx, id);
    await updateGroupRow(tx, id, { deleted: 1 });
    await recordAudit(tx, { action: 'destroy', sourceType: 'group', sourceId: id, sourceLabel: group.name });
  });
}

export async function getMembership(ctx: Ctx, id: number): Promise<GroupMembershipRecord> {
  return (await findMembership(ctx, id)) ?? Promise.reject(notFound());
}

/** Puts an agent or admin in a group; the first group an agent joins becomes their default. */
export async function addMembership(
  ctx: Ctx,
  input: { user_id: number; group_id: number; default?: boolean | undefined },
): Promise<GroupMembershipRecord> {
  return inTransaction(ctx, async (tx) => {
    const user = await findUser(tx, input.user_id);
    if (!user) {
      throw invalidField('group_membership.user_id', msg('common.no_such_user'), 'NotFound');
    }
    if (user.role === 'end-user') {
      throw invalidField('group_membership.user_id', msg('group.agents_only'), 'NotAnAgent');
    }
    const group = await findGroup(tx, input.group_id);
    if (!group) {
      throw invalidField('group_membership.group_id', msg('common.no_such_group'), 'NotFound');
    }
    if ((await listMembershipsOfUser(tx, user.id)).some((m) => m.groupId === group.id)) {
      throw invalidField('group_membership.group_id', msg('group.already_member', { user: user.name, group: group.name }), 'DuplicateValue');
    }
    const id = await insertMembership(tx, user.id, group.id);
    if (input.default || user.defaultGroupId === null) {
      await setDefaultGroup(tx, user.id, group.id);
    }
    await recordAudit(tx, {
      action: 'create',
      sourceType: 'group_membership',
      sourceId: id,
      sourceLabel: `${user.name} → ${group.name}`,
    });
    return getMembership(tx, id);
  });
}

/** Takes an agent out of a group; an agent keeps at least one group. */
export async function removeMembership(ctx: Ctx, id: number, userId?: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const membership = await findMembership(tx, id);
    if (!membership || (userId !== undefined && membership.userId !== userId)) {
      throw notFound();
    }
    const all = await listMembershipsOfUser(tx, membership.userId);
    if (all.length <= 1) {
      throw invalidField('group_membership', msg('group.last_group'), 'LastGroup');
    }
    await deleteMembership(tx, id);
    if (membership.isDefault) {
      const next = all.find((m) => m.id !== id);
      await setDefaultGroup(tx, membership.userId, next?.groupId ?? null);
    }
    await recordAudit(tx, {
      action: 'destroy',
      sourceType: 'group_membership',
      sourceId: id,
      sourceLabel: `user ${membership.userId} ← group ${membership.groupId}`,
    });
  });
}

export async function makeMembershipDefault(ctx: Ctx, userId: number, id: number): Promise<GroupMembershipRecord[]> {
  return inTransaction(ctx, async (tx) => {
    const membership = await findMembership(tx, id);
    if (!membership || membership.userId !== userId) {
      throw notFound();
    }
    await setDefaultGroup(tx, userId, membership.groupId);
    return listMembershipsOfUser(tx, userId);
  });
}

function duplicateName(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw invalidField('group.name', msg('group.name_taken'), 'DuplicateValue');
  }
  throw error;
}
