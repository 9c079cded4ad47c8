import { type Ctx, inTransaction } from '../../../context.js';
import { forbidden, invalidField } from '../../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../../platform/passwords.js';
import { recordAudit } from '../../audit-logs/record.js';
import { canManageUser, isSelf } from '../policy.js';
import { findPasswordHash, updateUserRow } from '../repo.js';
import { getUser } from './update-user.js';
import { msg } from '../../../platform/messages.js';

/**
 * Sets a password: a person changes their own (giving the current one), an admin
 * sets another's. Every other session of that user ends.
 */
export async function setPassword(
  ctx: Ctx,
  id: number,
  input: { password: string; previous_password?: string | undefined },
  keepSessionId: number | null,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const user = await getUser(tx, id);
    const self = isSelf(tx, user);
    if (self) {
      const current = await findPasswordHash(tx, id);
      if (current !== null && !(await verifyPassword(current, input.previous_password ?? ''))) {
        throw invalidField('previous_password', msg('user.wrong_password'), 'InvalidValue');
      }
    } else if (!(tx.permissions.isAdmin && canManageUser(tx, user))) {
      throw forbidden();
    }
    await updateUserRow(tx, id, { password_hash: await hashPassword(input.password) });
    let sessions = tx.db.deleteFrom('sessions').where('account_id', '=', tx.account.id).where('user_id', '=', id);
    if (keepSessionId !== null) {
      sessions = sessions.where('id', '!=', keepSessionId);
    }
    await sessions.execute();
    await recordAudit(tx, {
      action: 'update',
      sourceType: 'user',
      sourceId: id,
      sourceLabel: user.name,
      changes: { password: ['[hidden]', '[hidden]'] },
    });
  });
}
