import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { TicketPriority, TicketStatus, ViewCount, ViewExecution, ViewRow } from '../../api/types';

/** What a change shows in the queue's rows before the server confirms it. */
export type RowPatch = { status?: TicketStatus; priority?: TicketPriority | null; assignee_id?: number | null; group_id?: number | null };
/** Names the patched rows need (an assignee or group the loaded pages did not mention yet). */
export type RowNames = { users?: { id: number; name: string }[]; groups?: { id: number; name: string }[] };

type Rows = InfiniteData<ViewExecution, string | null>;
/** Every loaded view page and view count as they were before an optimistic change. */
export type ViewSnapshot = { rows: [QueryKey, Rows | undefined][]; counts: [QueryKey, ViewCount[] | undefined][] };

const rowsKey = ['view-rows'];
const countsKey = ['view-counts'];
const viewIdOf = (key: QueryKey): number => Number(key[1]);

/** Stops refetches of the queue that would overwrite the optimistic rows, and remembers the rows. */
export async function snapshotViews(queryClient: QueryClient): Promise<ViewSnapshot> {
  await Promise.all([queryClient.cancelQueries({ queryKey: rowsKey }), queryClient.cancelQueries({ queryKey: countsKey })]);
  return { rows: queryClient.getQueriesData<Rows>({ queryKey: rowsKey }), counts: queryClient.getQueriesData<ViewCount[]>({ queryKey: countsKey }) };
}

/** A view's count moved by `delta`; a capped count ("100k+") says nothing exact, so it stays. */
function shiftCount(queryClient: QueryClient, viewId: number, delta: number): void {
  if (delta === 0) {
    return;
  }
  for (const [key, counts] of queryClient.getQueriesData<ViewCount[]>({ queryKey: countsKey })) {
    queryClient.setQueryData<ViewCount[]>(
      key,
      counts?.map((c) => (c.view_id === viewId && c.pretty === String(c.value) ? { ...c, value: Math.max(0, c.value + delta), pretty: String(Math.max(0, c.value + delta)) } : c)),
    );
  }
}

const withNames = (known: { id: number; name: string }[], extra: { id: number; name: string }[] = []) => [...known, ...extra.filter((e) => !known.some((k) => k.id === e.id))];

/** Shows a change on the given tickets in every loaded view at once. */
export function patchRows(queryClient: QueryClient, ids: number[], patch: RowPatch, names: RowNames = {}): void {
  const chosen = new Set(ids);
  // A key left undefined is a property the change does not touch.
  const { status, priority, ...rest } = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as RowPatch;
  for (const [key, data] of queryClient.getQueriesData<Rows>({ queryKey: rowsKey })) {
    if (!data) {
      continue;
    }
    queryClient.setQueryData<Rows>(key, {
      ...data,
      pages: data.pages.map((page, i) => ({
        ...page,
        ...(i === 0 ? { users: withNames(page.users, names.users), groups: withNames(page.groups, names.groups) } : {}),
        rows: page.rows.map((r): ViewRow =>
          chosen.has(r.ticket.id)
            ? { ...r, ...rest, ticket: { ...r.ticket, ...(status ? { status } : {}), ...(priority !== undefined ? { priority } : {}) } }
            : r,
        ),
      })),
    });
  }
}

/**
 * Takes deleted (or spammed) tickets out of every loaded view at once; each view that showed
 * one counts one fewer. The live refresh later replaces the counts with the server's, so
 * nothing is counted twice.
 */
export function removeRows(queryClient: QueryClient, ids: number[]): void {
  const chosen = new Set(ids);
  for (const [key, data] of queryClient.getQueriesData<Rows>({ queryKey: rowsKey })) {
    if (!data) {
      continue;
    }
    const removed = data.pages.flatMap((p) => p.rows).filter((r) => chosen.has(r.ticket.id)).length;
    queryClient.setQueryData<Rows>(key, { ...data, pages: data.pages.map((page) => ({ ...page, rows: page.rows.filter((r) => !chosen.has(r.ticket.id)) })) });
    shiftCount(queryClient, viewIdOf(key), -removed);
  }
}

/**
 * Puts the refused tickets back as they were, where they were, leaving the others' changes
 * shown (the server kept those).
 */
export function restoreRows(queryClient: QueryClient, snapshot: ViewSnapshot, ids: number[]): void {
  const refused = new Set(ids);
  for (const [key, before] of snapshot.rows) {
    const now = queryClient.getQueryData<Rows>(key);
    if (!before || !now) {
      continue;
    }
    let returned = 0;
    const pages = now.pages.map((page, i) => {
      const old = before.pages[i]?.rows ?? [];
      const rows = page.rows.map((r) => (refused.has(r.ticket.id) ? (old.find((o) => o.ticket.id === r.ticket.id) ?? r) : r));
      // A removed row goes back at its old place on its page.
      old.forEach((o, at) => {
        if (refused.has(o.ticket.id) && !rows.some((r) => r.ticket.id === o.ticket.id)) {
          rows.splice(Math.min(at, rows.length), 0, o);
          returned += 1;
        }
      });
      return { ...page, rows };
    });
    queryClient.setQueryData<Rows>(key, { ...now, pages });
    shiftCount(queryClient, viewIdOf(key), returned);
  }
}
