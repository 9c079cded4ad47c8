import { actorUserId, type Ctx, inTransaction } from '../../context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { newToken } from '../../platform/secrets.js';
import { recordAudit } from '../audit-logs/record.js';
import { apiTokenHash } from '../sessions/authenticate.js';
import { findApiTokenById, insertApiToken, type ApiTokenRecord, deleteApiTokenRow } from './repo.js';

export type NewApiToken = { record: ApiTokenRecord; token: string };

/** Makes an API token; its value exists only in this answer, the database keeps a keyed hash. */
export async function createApiToken(ctx: Ctx, description: string): Promise<NewApiToken> {
  const createdById = actorUserId(ctx);
  if (createdById === null) {
    throw forbidden('API tokens are made by a signed-in admin');
  }
  const token = newToken();
  return inTransaction(ctx, async (tx) => {
    const id = await insertApiToken(tx, {
      description,
      tokenHash: apiTokenHash(tx.config.secretKey, token),
      lastFour: token.slice(-4),
      createdById,
    });
    await recordAudit(tx, { action: 'create', sourceType: 'api_token', sourceId: id, sourceLabel: description || `…${token.slice(-4)}` });
    const record = await findApiTokenById(tx, id);
    if (!record) {
      throw notFound();
    }
    return { record, token };
  });
}

/** Revokes a token; the next request that carries it is refused. */
export async function revokeApiToken(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const record = await findApiTokenById(tx, id);
    if (!record) {
      throw notFound();
    }
    await deleteApiTokenRow(tx, id);
    await recordAudit(tx, { action: 'destroy', sourceType: 'api_token', sourceId: id, sourceLabel: record.description || `…${record.lastFour}` });
  });
}
