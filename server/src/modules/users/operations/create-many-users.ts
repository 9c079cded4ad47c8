import type { Ctx } from '../../../context.js';
import { KefuError, localizeDetails } from '../../../platform/errors.js';
import { actorLocale } from '../../../platform/i18n.js';
import { insertJobStatus, type JobResult } from '../../job-statuses/repo.js';
import type { UserCreateInput } from '../schema.js';
import { createUser } from './create-user.js';

/**
 * Creates up to 100 users, each in its own transaction so one bad row does not
 * stop the rest, and reports each outcome in a completed job status, as Zendesk's
 * create_many does.
 */
export async function createManyUsers(ctx: Ctx, inputs: UserCreateInput[]): Promise<number> {
  const results: JobResult[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      const user = await createUser(ctx, input, { field: `users.${index}` });
      results.push({ index, id: user.id, email: user.email, status: 'Created', success: true });
    } catch (error) {
      if (!(error instanceof KefuError) || error.status >= 500) {
        throw error;
      }
      results.push({ index, status: 'Failed', success: false, error: error.code, details: error.details ? localizeDetails(error.details, actorLocale(ctx)) : error.description });
    }
  }
  return insertJobStatus(ctx, {
    jobType: 'bulk_create_users',
    status: 'completed',
    total: inputs.length,
    progress: inputs.length,
    message: `Completed at ${new Date(ctx.clock.now()).toISOString()}`,
    results,
  });
}
