import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { optimisticWrite } from '../../api/realtime';
import { type TicketDetail, ticketKeys } from '../../api/tickets';
import type { Comment, Group, User } from '../../api/types';
import { apiErrorMessage } from '../../components/form-errors';
import type { FieldValue } from '../../components/custom-fields/types';
import { patchRows, restoreRows, snapshotViews, type ViewSnapshot } from './view-cache';

/** What a submit sets on the ticket, in the API's shape. */
export type TicketChanges = Partial<Pick<TicketDetail, 'status' | 'assignee_id' | 'group_id' | 'priority' | 'type' | 'tags' | 'ticket_form_id' | 'collaborator_ids' | 'follower_ids'>> & {
  custom_fields?: FieldValue[];
};
export type Reply = { html_body: string; public: boolean; uploads?: string[] };
export type Submission = { changes: TicketChanges; comment?: Reply };
/** A reply the composer gave up when it was sent; it comes back if the server refuses. */
export type Draft = { body: string; mode: 'public' | 'internal' };
type Before = { ticket: TicketDetail | undefined; comments: Comment[] | undefined; views: ViewSnapshot };

// Comment ids from the server are positive; a reply on its way has a negative one until the
// server's comment replaces it.
let nextPendingId = -1;
export const isPending = (c: Comment): boolean => c.id < 0;

// Refused replies whose page was closed or left; the page takes them back when it opens.
const returnedDrafts = new Map<number, Draft>();
export function takeReturnedDraft(ticketId: number): Draft | undefined {
  const draft = returnedDrafts.get(ticketId);
  returnedDrafts.delete(ticketId);
  return draft;
}

const isConflict = (e: unknown): boolean => e instanceof ApiError && e.status === 409;

function withChanges(ticket: TicketDetail, { custom_fields, ...changes }: TicketChanges): TicketDetail {
  const answers = new Map((custom_fields ?? []).map((a) => [a.id, a.value]));
  return {
    ...ticket,
    ...changes,
    custom_fields: [...ticket.custom_fields.map((f) => (answers.has(f.id) ? { ...f, value: answers.get(f.id) } : f)), ...(custom_fields ?? []).filter((a) => !ticket.custom_fields.some((f) => f.id === a.id))],
  };
}

/**
 * Submitting the ticket page, shown before the server answers: the ticket takes the new
 * status and properties (the header, the queue's row), and the reply appears as pending.
 * If the server refuses, all of it goes back and the reply returns to the composer; on a
 * conflict (someone else changed the ticket) the current ticket is fetched and shown.
 */
export function useTicketSubmit(id: number) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  return useMutation<{ ticket: TicketDetail }, unknown, Submission, Before>({
    mutationKey: [...optimisticWrite, 'ticket', id],
    mutationFn: ({ changes, comment }) => api('PUT', `/api/v2/tickets/${id}`, { ticket: { ...changes, ...(comment ? { comment } : {}) } }),
    onMutate: async ({ changes, comment }) => {
      await Promise.all([queryClient.cancelQueries({ queryKey: ticketKeys.ticket(id) }), queryClient.cancelQueries({ queryKey: ticketKeys.comments(id) })]);
      const before: Before = {
        ticket: queryClient.getQueryData<TicketDetail>(ticketKeys.ticket(id)),
        comments: queryClient.getQueryData<Comment[]>(ticketKeys.comments(id)),
        views: await snapshotViews(queryClient),
      };
      if (before.ticket) {
        queryClient.setQueryData(ticketKeys.ticket(id), withChanges(before.ticket, changes));
      }
      if (comment && before.comments) {
        const pending: Comment = { id: nextPendingId--, author_id: me.data?.id ?? 0, body: '', html_body: comment.html_body, public: comment.public, attachments: [], created_at: new Date().toISOString() };
        queryClient.setQueryData<Comment[]>(ticketKeys.comments(id), [...before.comments, pending]);
      }
      const { status, priority, assignee_id, group_id } = changes;
      // The queue names a new assignee or group from what the page has already loaded.
      const agent = queryClient.getQueryData<User[]>(ticketKeys.agents)?.find((a) => a.id !== null && a.id === assignee_id);
      const group = queryClient.getQueryData<Group[]>(ticketKeys.groups)?.find((g) => g.id === group_id);
      patchRows(queryClient, [id], { status, priority, assignee_id, group_id }, { users: agent?.id ? [{ id: agent.id, name: agent.name }] : [], groups: group ? [group] : [] });
      return before;
    },
    // The server's ticket at once (triggers may have changed more than was sent); the
    // pending reply stays until the comments are fetched with the server's own.
    onSuccess: (data) => queryClient.setQueryData(ticketKeys.ticket(id), data.ticket),
    onError: (error, { comment }, before) => {
      if (before) {
        queryClient.setQueryData(ticketKeys.ticket(id), before.ticket);
        queryClient.setQueryData(ticketKeys.comments(id), before.comments);
        restoreRows(queryClient, before.views, [id]);
      }
      if (comment) {
        returnedDrafts.set(id, { body: comment.html_body, mode: comment.public ? 'public' : 'internal' });
      }
      // The page, if it still shows this ticket, says why beside the fields; elsewhere a toast does.
      const watched = (queryClient.getQueryCache().find({ queryKey: ticketKeys.comments(id) })?.getObserversCount() ?? 0) > 0;
      if (!watched) {
        void message.error(t('tickets.notSaved', { id, reason: isConflict(error) ? t('tickets.conflict') : apiErrorMessage(error, t) }));
      }
    },
    onSettled: async () => {
      // Only the last of overlapping writes refetches: an earlier one would show a half-applied state.
      if (queryClient.isMutating({ mutationKey: optimisticWrite }) > 1) {
        return;
      }
      await Promise.all(
        [ticketKeys.ticket(id), ticketKeys.comments(id), ticketKeys.audits(id), ['view-rows'], ['view-counts']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}
