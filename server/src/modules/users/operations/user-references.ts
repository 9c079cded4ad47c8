import type { Ctx } from '../../../context.js';
import { moveIdentities } from '../repo.js';

/**
 * Moves everything that points at one user to another, for merges. Each capability
 * that keeps user references (identities now; tickets and comments as they land)
 * adds its move here, so a merge leaves nothing behind.
 */
export async function moveUserReferences(ctx: Ctx, fromUserId: number, toUserId: number): Promise<void> {
  await moveIdentities(ctx, fromUserId, toUserId);
}
