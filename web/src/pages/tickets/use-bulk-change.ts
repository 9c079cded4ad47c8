import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { optimisticWrite } from '../../api/realtime';
import { apiErrorMessage } from '../../components/form-errors';
import { describeFailure, finished, type JobStatus } from './job-status';
import { patchRows, removeRows, restoreRows, type RowNames, type RowPatch, snapshotViews, type ViewSnapshot } from './view-cache';

/** A change to several tickets: properties (a bulk update job), or taking them out (delete, spam). */
export type BulkChange =
  | { kind: 'update'; ids: number[]; ticket: Record<string, unknown>; shows: RowPatch; names?: RowNames }
  | { kind: 'delete' | 'spam'; ids: number[] };
type Refusal = { id: number; reason: string };

const bulkKey = [...optimisticWrite, 'bulk'] as const;

/** Sends the change and waits for its job; answers which tickets refused and why. */
async function send(change: BulkChange, fallback: string, reasonOf: (e: unknown) => string): Promise<Refusal[]> {
  const ids = change.ids.join(',');
  if (change.kind === 'spam') {
    // One call per ticket: each refusal is that ticket's own.
    const outcomes = await Promise.allSettled(change.ids.map((id) => api('PUT', `/api/v2/tickets/${id}/mark_as_spam`)));
    return outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ id: change.ids[i] ?? 0, reason: reasonOf(o.reason) }] : []));
  }
  const started =
    change.kind === 'update'
      ? await api<{ job_status: JobStatus }>('PUT', `/api/v2/tickets/update_many?ids=${ids}`, { ticket: change.ticket })
      : await api<{ job_status: JobStatus }>('DELETE', `/api/v2/tickets/destroy_many?ids=${ids}`);
  const job = await finished(started.job_status);
  if (job.status !== 'completed') {
    return change.ids.map((id) => ({ id, reason: job.message ?? fallback }));
  }
  return job.results.flatMap((r) => (r.success ? [] : [{ id: r.id ?? change.ids[r.index ?? -1] ?? 0, reason: describeFailure(r.details) || r.error || fallback }]));
}

/**
 * Bulk changes shown in the queue at once: rows take the new values (or leave, for delete
 * and spam) before the job runs; when it ends, the tickets it refused go back as they were
 * and the agent is told which and why. The hook's callbacks outlive the bar (it closes as
 * soon as the change is shown), so the outcome is told in a notification.
 */
export function useBulkChange() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const queryClient = useQueryClient();
  const doneText = (change: BulkChange) => {
    const count = change.ids.length;
    return change.kind === 'update' ? t('bulk.updated', { count }) : change.kind === 'delete' ? t('bulk.deleted', { count }) : t('bulk.spammed', { count });
  };
  return useMutation<Refusal[], unknown, BulkChange, ViewSnapshot>({
    mutationKey: bulkKey,
    mutationFn: (change) => send(change, t('errors.generic'), (e) => apiErrorMessage(e, t)),
    onMutate: async (change) => {
      const snapshot = await snapshotViews(queryClient);
      if (change.kind === 'update') {
        patchRows(queryClient, change.ids, change.shows, change.names);
      } else {
        removeRows(queryClient, change.ids);
      }
      return snapshot;
    },
    onSuccess: (refused, change, snapshot) => {
      if (refused.length === 0) {
        void message.success(doneText(change));
        return;
      }
      restoreRows(queryClient, snapshot, refused.map((r) => r.id));
      notification.error({
        key: 'bulk-refused',
        title: t('bulk.refused', { count: refused.length, total: change.ids.length }),
        description: refused.map((r) => `#${r.id} ${r.reason}`).join('\n'),
        duration: 0,
        style: { whiteSpace: 'pre-line' },
      });
    },
    onError: (error, change, snapshot) => {
      if (snapshot) {
        restoreRows(queryClient, snapshot, change.ids);
      }
      void message.error(apiErrorMessage(error, t));
    },
    onSettled: async () => {
      // The last of several overlapping changes refreshes; earlier ones would refetch a half-done state.
      if (queryClient.isMutating({ mutationKey: optimisticWrite }) === 1) {
        await Promise.all([queryClient.invalidateQueries({ queryKey: ['view-rows'] }), queryClient.invalidateQueries({ queryKey: ['view-counts'] })]);
      }
    },
  });
}

/** The tickets a bulk change is still working on (their rows already show it). */
export function usePendingBulkIds(): Set<number> {
  const pending = useMutationState({ filters: { mutationKey: bulkKey, status: 'pending' }, select: (m) => (m.state.variables as BulkChange | undefined)?.ids ?? [] });
  return new Set(pending.flat());
}
