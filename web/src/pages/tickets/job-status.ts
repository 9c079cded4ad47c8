import { api } from '../../api/client';

export type JobStatus = {
  id: string;
  status: 'queued' | 'working' | 'completed' | 'failed';
  message: string | null;
  /** A failed item names its place in the request (`index`), not always its ticket. */
  results: { id?: number; index?: number; success: boolean; error?: string; details?: unknown }[];
};

/** Waits for a job (the API answers bulk changes and merges with a job status) and returns how it ended. */
export async function finished(job: JobStatus): Promise<JobStatus> {
  let current = job;
  for (let i = 0; i < 600 && (current.status === 'queued' || current.status === 'working'); i++) {
    await new Promise((r) => setTimeout(r, i < 10 ? 200 : 1000));
    current = (await api<{ job_status: JobStatus }>('GET', `/api/v2/job_statuses/${current.id}`)).job_status;
  }
  return current;
}

/** A failed item's reason in one line: its message and any field details. */
export const describeFailure = (d: unknown): string =>
  typeof d === 'string' ? d : d && typeof d === 'object' ? Object.values(d as Record<string, { description?: string }[]>).flat().map((x) => x.description ?? '').join(' ') : '';
