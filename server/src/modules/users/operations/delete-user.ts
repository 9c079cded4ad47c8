import { type Ctx, inTransaction } from '../../../context.js';
import { forbidden, invalidField } from '../../../platform/errors.js';
import { recordAudit } from '../../audit-logs/record.js';
import { deleteMembershipsOfUser } from '../../groups/repo.js';
import { setUserOrganization } from '../../organizations/repo.js';
import { canManageUser, isSelf } from '../policy.js';
import { deleteIdentitiesOf, revokeSessions, updateUserRow, type UserRecord } from '../repo.js';
import { getUser } from './update-user.js';
import { msg } from '../../../platform/messages.js';

/**
 * Deletes a user as Zendesk does: the row stays (inactive) for the history that
 * names them, but they can no longer sign in and their emails are free again.
 */
export async function deleteUser(ctx: Ctx, id: number): Promise<UserRecord> {
  return inTransaction(ctx, async (tx) => {
    const user = await getUser(tx, id);
    if (!canManageUser(tx, user)) {
      throw forbidden();
    }
    if (user.isOwner || isSelf(tx, user)) {
      throw invalidField('user', msg(user.isOwner ? 'user.owner_undeletable' : 'user.self_undeletable'), 'NotAllowed');
    }
    await deleteIdentitiesOf(tx, id);
    await deleteMembershipsOfUser(tx, id);
    await setUserOrganization(tx, id, null);
    await revokeSessions(tx, id);
    await tx.db
      .updateTable('user_tokens')
      .set({ used_at: tx.clock.now() })
      .where('account_id', '=', tx.account.id)
      .where('user_id', '=', id)
      .where('used_at', 'is', null)
      .execute();
    await updateUserRow(tx, id, { active: 0, email: null, password_hash: null, external_id: null, default_group_id: null, custom_role_id: null });
    await recordAudit(tx, { action: 'destroy', sourceType: 'user', sourceId: id, sourceLabel: `${user.name} <${user.email ?? '-'}>` });
    return { ...user, active: false };
  });
}
