import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

type LiveMessage = { type: string; seq?: number; ticket?: { id: number } };
export type PresenceMessage = { type: 'presence'; ticket_id: number; user: { id: number; name: string }; state: 'viewing' | 'typing' | 'left' };
type Outgoing = { type: 'presence'; ticket_id: number | null; typing?: boolean };

// The one socket the console keeps open, shared with the ticket page's presence.
let openSocket: WebSocket | null = null;
let lastPresence: Outgoing | null = null;
const presenceListeners = new Set<(m: PresenceMessage) => void>();

/** Tells colleagues what this agent has open (sent again after a reconnect). */
export function sendPresence(message: Outgoing): void {
  lastPresence = message.ticket_id === null ? null : message;
  if (openSocket?.readyState === WebSocket.OPEN) {
    openSocket.send(JSON.stringify(message));
  }
}

export function onPresence(listener: (m: PresenceMessage) => void): () => void {
  presenceListeners.add(listener);
  return () => presenceListeners.delete(listener);
}

/**
 * Mutations under this key show their change before the server answers. Live refreshes of
 * the tickets and views wait until they settle: a refetch in between would briefly show the
 * old state again (or a pending reply vanish and come back).
 */
export const optimisticWrite = ['optimistic-write'] as const;

/**
 * Keeps the console live: listens on the API's WebSocket and refreshes what an event
 * touches (view counts and rows, the ticket). Reconnects with the last sequence number
 * so nothing is missed; on "resync" refreshes everything.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) {
      return;
    }
    let socket: WebSocket | null = null;
    let last: number | null = null;
    let stopped = false;
    let retry = 500;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const held = new Map<string, QueryKey>();
    const writing = () => queryClient.isMutating({ mutationKey: optimisticWrite }) > 0;
    const refresh = (queryKey: QueryKey) => {
      if (writing()) {
        held.set(JSON.stringify(queryKey), queryKey);
      } else {
        void queryClient.invalidateQueries({ queryKey });
      }
    };
    const release = queryClient.getMutationCache().subscribe(() => {
      if (held.size > 0 && !writing()) {
        const keys = [...held.values()];
        held.clear();
        keys.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey }));
      }
    });

    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v2/realtime${last === null ? '' : `?since=${last}`}`);
      socket.onopen = () => {
        retry = 500;
        openSocket = socket;
        if (lastPresence) {
          socket?.send(JSON.stringify(lastPresence));
        }
      };
      socket.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as LiveMessage;
        if (typeof event.seq === 'number') {
          last = Math.max(last ?? 0, event.seq);
        }
        if (event.type === 'hello') {
          return;
        }
        if (event.type === 'presence') {
          presenceListeners.forEach((l) => l(event as unknown as PresenceMessage));
          return;
        }
        if (event.type === 'resync') {
          void queryClient.invalidateQueries();
          return;
        }
        if (event.type === 'notification.created') {
          void queryClient.invalidateQueries({ queryKey: ['notifications'] });
          return;
        }
        refresh(['view-counts']);
        refresh(['view-rows']);
        if (event.ticket) {
          refresh(['ticket', event.ticket.id]);
          refresh(['comments', event.ticket.id]);
          // The portal's names for the same ticket.
          void queryClient.invalidateQueries({ queryKey: ['request', event.ticket.id] });
          void queryClient.invalidateQueries({ queryKey: ['request-comments', event.ticket.id] });
        }
        void queryClient.invalidateQueries({ queryKey: ['requests'] });
      };
      socket.onclose = () => {
        if (openSocket === socket) {
          openSocket = null;
        }
        if (!stopped) {
          timer = setTimeout(connect, retry);
          retry = Math.min(retry * 2, 15_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      release();
      if (timer) {
        clearTimeout(timer);
      }
      socket?.close();
    };
  }, [enabled, queryClient]);
}
