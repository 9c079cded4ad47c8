import { type Ctx, inTransaction } from '../../../context.js';
import { isUniqueViolation } from '../../../db/helpers.js';
import { forbidden, invalidField, notFound } from '../../../platform/errors.js';
import { recordAudit } from '../../audit-logs/record.js';
import { canManageUser, isSelf } from '../policy.js';
import { deleteIdentity, type IdentityRecord, insertIdentity, listIdentities, setPrimaryIdentity, updateUserRow } from '../repo.js';
import { getUser } from './update-user.js';
import { msg } from '../../../platform/messages.js';

export async function getIdentities(ctx: Ctx, userId: number): Promise<IdentityRecord[]> {
  await getUser(ctx, userId);
  return listIdentities(ctx, userId);
}

async function assertManage(ctx: Ctx, userId: number): Promise<void> {
  const user = await getUser(ctx, userId);
  if (!canManageUser(ctx, user) && !isSelf(ctx, user)) {
    throw forbidden();
  }
}

export async function addIdentity(
  ctx: Ctx,
  userId: number,
  input: { type: 'email' | 'phone_number'; value: string; verified?: boolean | undefined; primary?: boolean | undefined },
): Promise<IdentityRecord> {
  return inTransaction(ctx, async (tx) => {
    await assertManage(tx, userId);
    const value = input.type === 'email' ? input.value.toLowerCase() : input.value;
    if (input.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      throw invalidField('identity.value', msg('field.not_email'));
    }
    const id = await insertIdentity(tx, {
      userId,
      type: input.type,
      value,
      isPrimary: false,
      // Only someone managing the user may vouch for an address.
      verified: Boolean(input.verified) && tx.permissions.canManageUsers,
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw invalidField('identity.value', msg('common.email_taken', { email: value }), 'DuplicateValue');
      }
      throw error;
    });
    const existing = await listIdentities(tx, userId);
    const hasPrimary = existing.some((i) => i.type === input.type && i.isPrimary);
    if (input.primary || !hasPrimary) {
      await makePrimary(tx, userId, id);
    }
    await recordAudit(tx, { action: 'create', sourceType: 'user_identity', sourceId: id, sourceLabel: value });
    const identity = (await listIdentities(tx, userId)).find((i) => i.id === id);
    return identity ?? Promise.reject(notFound());
  });
}

async function makePrimary(ctx: Ctx, userId: number, identityId: number): Promise<void> {
  const identity = (await listIdentities(ctx, userId)).find((i) => i.id === identityId);
  if (!identity) {
    throw notFound();
  }
  await setPrimaryIdentity(ctx, userId, identity.type, identityId);
  await updateUserRow(ctx, userId, identity.type === 'email' ? { email: identity.value } : { phone: identity.value });
}

export async function makeIdentityPrimary(ctx: Ctx, userId: number, identityId: number): Promise<IdentityRecord[]> {
  return inTransaction(ctx, async (tx) => {
    await assertManage(tx, userId);
    await makePrimary(tx, userId, identityId);
    return listIdentities(tx, userId);
  });
}

/** Removes an identity; the last email of a user who signs in by email stays. */
export async function removeIdentity(ctx: Ctx, userId: number, identityId: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await assertManage(tx, userId);
    const identities = await listIdentities(tx, userId);
    const identity = identities.find((i) => i.id === identityId);
    if (!identity) {
      throw notFound();
    }
    if (identity.isPrimary && identity.type === 'email') {
      throw invalidField('identity', msg('user.primary_identity'), 'PrimaryIdentity');
    }
    await deleteIdentity(tx, userId, identityId);
    await recordAudit(tx, { action: 'destroy', sourceType: 'user_identity', sourceId: identityId, sourceLabel: identity.value });
  });
}
