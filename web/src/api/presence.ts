import { useEffect, useRef, useState } from 'react';
import { onPresence, sendPresence } from './realtime';

export type Colleague = { id: number; name: string; typing: boolean };

const HEARTBEAT_MS = 15_000;
/** A colleague not heard from for this long has gone (closed the laptop, lost the network). */
const STALE_MS = 40_000;

/**
 * Collision detection on one ticket: announces this agent (viewing, or typing when they
 * have a draft) and returns the colleagues on the same ticket. A colleague who arrives is
 * answered at once, so both see each other without waiting for the next heartbeat.
 */
export function useTicketPresence(ticketId: number, typing: boolean): Colleague[] {
  const [others, setOthers] = useState<Map<number, Colleague & { seen: number }>>(new Map());
  const typingRef = useRef(typing);
  typingRef.current = typing;
  const known = useRef(new Set<number>());

  useEffect(() => {
    setOthers(new Map());
    known.current = new Set();
    const announce = () => sendPresence({ type: 'presence', ticket_id: ticketId, typing: typingRef.current });
    announce();
    const heartbeat = setInterval(announce, HEARTBEAT_MS);
    const prune = setInterval(() => {
      setOthers((current) => {
        const now = Date.now();
        const kept = [...current].filter(([, c]) => now - c.seen < STALE_MS);
        return kept.length === current.size ? current : new Map(kept);
      });
    }, 5_000);
    const stop = onPresence((m) => {
      if (m.ticket_id !== ticketId) {
        return;
      }
      if (m.state === 'left') {
        known.current.delete(m.user.id);
      } else if (!known.current.has(m.user.id)) {
        known.current.add(m.user.id);
        announce();
      }
      setOthers((current) => {
        const next = new Map(current);
        if (m.state === 'left') {
          next.delete(m.user.id);
        } else {
          next.set(m.user.id, { id: m.user.id, name: m.user.name, typing: m.state === 'typing', seen: Date.now() });
        }
        return next;
      });
    });
    return () => {
      clearInterval(heartbeat);
      clearInterval(prune);
      stop();
      sendPresence({ type: 'presence', ticket_id: null });
    };
  }, [ticketId]);

  useEffect(() => {
    sendPresence({ type: 'presence', ticket_id: ticketId, typing });
  }, [ticketId, typing]);

  return [...others.values()].map(({ id, name, typing: t }) => ({ id, name, typing: t }));
}
