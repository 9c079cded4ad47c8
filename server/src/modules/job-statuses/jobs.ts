import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { type Ctx, systemCtx } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { KefuError, localizeDetails } from '../../platform/errors.js';
import { actorLocale } from '../../platform/i18n.js';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import { permissionsFor } from '../../platform/permissions.js';
import { findAccountById } from '../accounts/repo.js';
import { loadAuthUser } from '../sessions/repo.js';
import { insertJobStatus, type JobResult } from './repo.js';

/** Does one item of a job as the person who started it; its result is reported as is. */
export type JobItemHandler = (ctx: Ctx, item: unknown, index: number) => Promise<JobResult>;

const handlers = new Map<string, JobItemHandler>();

/** Each capability registers the jobs it runs in the background. */
export function registerJob(jobType: string, handler: JobItemHandler): void {
  handlers.set(jobType, handler);
}

/** Queues a job: its status row and the outbox row that will run it are written together. */
export async function enqueueJob(ctx: Ctx, jobType: string, items: unknown[]): Promise<number> {
  const id = await insertJobStatus(ctx, { jobType, status: 'queued', total: items.length, progress: 0, message: null, results: [] });
  await ctx.db.updateTable('job_statuses').set({ input: JSON.stringify({ items }) }).where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
  await writeOutbox(ctx, { topic: 'job.run', payload: { job_id: id } });
  return id;
}

export type JobDeps = { db: Db; clock: Clock; log: Logger; config: Config };

/**
 * Runs a queued job item by item. Each item's work, its result and the progress count
 * commit together, so a job interrupted by a crash resumes after the last finished item
 * when the outbox delivers it again: no item runs twice.
 */
export async function runJob(deps: JobDeps, accountId: number, jobId: number): Promise<void> {
  const account = await findAccountById(deps.db, accountId);
  const job = await deps.db
    .selectFrom('job_statuses')
    .select(['job_type', 'status', 'progress', 'total', 'input', 'created_by_id'])
    .where('account_id', '=', accountId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (!account || !job || job.status === 'completed' || job.status === 'failed') {
    return;
  }
  const base = { db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: 'kefu-job', origin: null } };
  const setStatus = (status: 'working' | 'completed' | 'failed', message: string | null) =>
    deps.db.updateTable('job_statuses').set({ status, message, updated_at: deps.clock.now() }).where('account_id', '=', accountId).where('id', '=', jobId).execute();

  const handler = handlers.get(job.job_type);
  const starter = job.created_by_id === null ? null : await loadAuthUser(deps.db, accountId, job.created_by_id);
  if (!handler || !starter || starter.suspended) {
    await setStatus('failed', handler ? 'The person who started this job can no longer act' : `Unknown job type ${job.job_type}`);
    return;
  }
  const ctx: Ctx = {
    ...systemCtx(base, account),
    actor: { kind: 'user', user: starter.user, via: 'api_token', sessionId: null },
    permissions: permissionsFor(starter.user, starter.role),
  };
  await setStatus('working', null);
  const items = (JSON.parse(job.input) as { items?: unknown[] }).items ?? [];
  const record = async (db: Db, index: number, result: JobResult): Promise<void> => {
    const row = await db.selectFrom('job_statuses').select('results').where('account_id', '=', accountId).where('id', '=', jobId).executeTakeFirstOrThrow();
    await db
      .updateTable('job_statuses')
      .set({ results: JSON.stringify([...(JSON.parse(row.results) as JobResult[]), result]), progress: index + 1, updated_at: deps.clock.now() })
      .where('account_id', '=', accountId)
      .where('id', '=', jobId)
      .execute();
  };
  for (let index = job.progress; index < items.length; index++) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await record(trx, index, await handler({ ...ctx, db: trx }, items[index], index));
      });
    } catch (error) {
      if (!(error instanceof KefuError) || error.status >= 500) {
        throw error;
      }
      // The item's own writes rolled back with it; only its failure is kept.
      await ctx.db.transaction().execute((trx) =>
        record(trx, index, { index, success: false, status: 'Failed', error: error.code, details: error.details ? localizeDetails(error.details, actorLocale(ctx)) : error.description }),
      );
    }
  }
  await setStatus('completed', `Completed at ${new Date(deps.clock.now()).toISOString()}`);
}
