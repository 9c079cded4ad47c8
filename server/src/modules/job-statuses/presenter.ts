import type { Ctx } from '../../context.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { JobStatusRecord } from './repo.js';

export function presentJobStatus(ctx: Ctx, j: JobStatusRecord) {
  return {
    id: String(j.id),
    url: apiUrl(ctx, `job_statuses/${j.id}`),
    job_type: j.jobType,
    status: j.status,
    total: j.total,
    progress: j.progress,
    message: j.message,
    results: j.results,
  };
}
