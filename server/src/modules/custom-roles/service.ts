import { type Ctx, inTransaction } from '../../context.js';
import { isUniqueViolation } from '../../db/helpers.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { type RoleConfiguration, roleConfigurationSchema } from '../../platform/permissions.js';
import { diffFields, recordAudit } from '../audit-logs/record.js';
import { type CustomRoleRecord, deleteRoleRow, findRole, insertRole, updateRoleRow } from './repo.js';
import { msg } from '../../platform/messages.js';

export async function getRole(ctx: Ctx, id: number): Promise<CustomRoleRecord> {
  return (await findRole(ctx, id)) ?? Promise.reject(notFound());
}

export async function createRole(
  ctx: Ctx,
  input: { name: string; description?: string | undefined; configuration?: RoleConfiguration | undefined },
): Promise<CustomRoleRecord> {
  return inTransaction(ctx, async (tx) => {
    const id = await insertRole(tx, {
      name: input.name,
      description: input.description ?? '',
      configuration: input.configuration ?? roleConfigurationSchema.parse({}),
    }).catch(duplicateName);
    const role = await getRole(tx, id);
    await recordAudit(tx, { action: 'create', sourceType: 'custom_role', sourceId: id, sourceLabel: role.name });
    return role;
  });
}

/** Changes a role; the agents who hold it get the new permissions on their next request. */
export async function updateRole(
  ctx: Ctx,
  id: number,
  patch: { name?: string | undefined; description?: string | undefined; configuration?: Partial<RoleConfiguration> | undefined },
): Promise<CustomRoleRecord> {
  return inTransaction(ctx, async (tx) => {
    const before = await getRole(tx, id);
    await updateRoleRow(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.configuration !== undefined ? { configuration: { ...before.configuration, ...patch.configuration } } : {}),
    }).catch(duplicateName);
    const after = await getRole(tx, id);
    await recordAudit(tx, {
      action: 'update',
      sourceType: 'custom_role',
      sourceId: id,
      sourceLabel: after.name,
      changes: diffFields(before, after, ['name', 'description', 'configuration']),
    });
    return after;
  });
}

export async function deleteRole(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const role = await getRole(tx, id);
    if (role.memberCount > 0) {
      throw invalidField('custom_role', msg('role.in_use', { count: role.memberCount }), 'RoleInUse');
    }
    await deleteRoleRow(tx, id);
    await recordAudit(tx, { action: 'destroy', sourceType: 'custom_role', sourceId: id, sourceLabel: role.name });
  });
}

function duplicateName(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw invalidField('custom_role.name', msg('role.name_taken'), 'DuplicateValue');
  }
  throw error;
}
