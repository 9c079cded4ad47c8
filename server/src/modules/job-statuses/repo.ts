import { actorUserId, type Ctx } from '../../context.js';
import type { JobStatusesTable } from '../../db/schema.js';

export type JobResult = Record<string, unknown>;

export type JobStatusRecord = {
  id: number;
  jobType: string;
  status: JobStatusesTable['status'];
  total: number;
  progress: number;
  message: string | null;
  results: JobResult[];
  createdAt: number;
  updatedAt: number;
};

const columns = ['id', 'job_type', 'status', 'total', 'progress', 'message', 'results', 'created_at', 'updated_at'] as const;

export async function insertJobStatus(
  ctx: Ctx,
  values: { jobType: string; status: JobStatusesTable['status']; total: number; progress: number; message: string | null; results: JobResult[] },
): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('job_statuses')
    .values({
      account_id: ctx.account.id,
      job_type: values.jobType,
      status: values.status,
      total: values.total,
      progress: values.progress,
      message: values.message,
      results: JSON.stringify(values.results),
      created_by_id: actorUserId(ctx),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A job's status, visible to the person who started it and to admins. */
export async function findJobStatus(ctx: Ctx, id: number): Promise<JobStatusRecord | null> {
  let q = ctx.db.selectFrom('job_statuses').select(columns).where('account_id', '=', ctx.account.id).where('id', '=', id);
  if (!ctx.permissions.isAdmin) {
    q = q.where('created_by_id', '=', actorUserId(ctx) ?? -1);
  }
  const r = await q.executeTakeFirst();
  return r
    ? {
        id: r.id,
        jobType: r.job_type,
        status: r.status,
        total: r.total,
        progress: r.progress,
        message: r.message,
        results: JSON.parse(r.results) as JobResult[],
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }
    : null;
}
