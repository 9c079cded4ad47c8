import { type Ctx, inTransaction } from '../../../context.js';
import { forbidden, invalidField, KefuError } from '../../../platform/errors.js';
import { recordAudit } from '../../audit-logs/record.js';
import { setUserOrganization } from '../../organizations/repo.js';
import { findUser, revokeSessions, updateUserRow, type UserRecord } from '../repo.js';
import { getUser } from './update-user.js';
import { moveUserReferences } from './user-references.js';
import { msg } from '../../../platform/messages.js';

/**
 * Merges end user `sourceId` into `targetId`: identities (and, as they land,
 * tickets) move to the survivor, tags are combined, and the source is deleted.
 */
export async function mergeUsers(ctx: Ctx, sourceId: number, targetId: number): Promise<UserRecord> {
  if (!ctx.permissions.canManageUsers) {
    throw forbidden();
  }
  return inTransaction(ctx, async (tx) => {
    const source = await getUser(tx, sourceId);
    const target = await findUser(tx, targetId);
    if (!target) {
      throw invalidField('user.id', msg('user.merge_target_missing'), 'NotFound');
    }
    if (source.id === target.id) {
      throw invalidField('user.id', msg('user.merge_self'), 'NotAllowed');
    }
    if (source.role !== 'end-user' || target.role !== 'end-user') {
      throw invalidField('user.id', msg('user.merge_end_users_only'), 'NotAnEndUser');
    }
    await moveUserReferences(tx, source.id, target.id);
    if (target.organizationId === null && source.organizationId !== null) {
      await setUserOrganization(tx, target.id, source.organizationId);
    }
    await setUserOrganization(tx, source.id, null);
    await updateUserRow(tx, target.id, {
      tags: JSON.stringify([...new Set([...target.tags, ...source.tags])]),
      ...(target.email === null && source.email !== null ? { email: source.email } : {}),
      ...(target.phone === null && source.phone !== null ? { phone: source.phone } : {}),
    });
    await revokeSessions(tx, source.id);
    await updateUserRow(tx, source.id, { active: 0, email: null, password_hash: null, external_id: null });
    await recordAudit(tx, {
      action: 'update',
      sourceType: 'user',
      sourceId: target.id,
      sourceLabel: target.name,
      description: `merged user ${source.id} (${source.name}) into ${target.id} (${target.name})`,
      changes: { merged_user_id: [source.id, target.id] },
    });
    const merged = await findUser(tx, target.id);
    if (!merged) {
      throw new KefuError('InternalError');
    }
    return merged;
  });
}
