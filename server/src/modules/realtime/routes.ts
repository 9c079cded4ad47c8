import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { actorUserId } from '../../context.js';
import type { Db } from '../../db/database.js';
import { type Clock, DAY } from '../../platform/clock.js';
import type { EventBus, LiveEvent } from '../../platform/realtime/bus.js';
import { listMembershipsOfUser } from '../groups/repo.js';
import { currentSequence } from '../tickets/repo.js';
import { type Audience, type Listener, mayHear } from './audience.js';
import { PRESENCE_SEQ, PresenceTracker } from './presence.js';
import { toLiveEvent } from './publish.js';

const REPLAY_LIMIT = 1000;
const PING_MS = 30_000;
const query = z.object({ since: z.coerce.number().int().min(0).optional() });

/**
 * `GET /api/v2/realtime` (WebSocket). The socket hears the account's ticket events its
 * user may see, each with the account's sequence number. A client that reconnects with
 * `?since=<last seq>` first gets what it missed; if that is too old to replay it gets
 * `{"type":"resync"}` and should reload what it shows. An agent's console sends
 * `{"type":"presence","ticket_id":n|null,"typing":bool}` while a ticket is open, and hears
 * `{"type":"presence","ticket_id","user","state"}` from colleagues on tickets it may see.
 */
export function realtimeRoutes(bus: EventBus): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/v2/realtime', { websocket: true, config: { access: 'signed_in' }, schema: { hide: true } }, async (socket, req) => {
      const ctx = req.ctx;
      // Browsers send Origin; a page on another site must not ride the session cookie.
      const origin = req.headers.origin;
      if (origin !== undefined && new URL(origin).host !== req.host) {
        socket.close(1008, 'cross-origin');
        return;
      }
      const parsed = query.safeParse(req.query);
      const since = parsed.success ? parsed.data.since : undefined;
      const me = actorUserId(ctx) ?? 0;
      const listener: Listener = {
        userId: me,
        permissions: ctx.permissions,
        groupIds: new Set((await listMembershipsOfUser(ctx, me)).map((m) => m.groupId)),
        organizationId: ctx.actor.kind === 'user' ? ctx.actor.user.organizationId : null,
      };
      let lastSent = since ?? 0;
      let replaying = true;
      const queued: LiveEvent[] = [];
      // Events may be published out of order (several dispatchers): after the replay point,
      // each number is sent once rather than dropping anything below the highest seen.
      const sentAfterReplay = new Set<number>();
      const send = (e: LiveEvent): void => {
        if (e.seq === PRESENCE_SEQ) {
          // Live only, never replayed; an agent is not told about themselves.
          const who = (e.data as { user?: { id?: number } }).user?.id;
          if (!replaying && who !== me && mayHear(listener, e.audience as Audience)) {
            socket.send(JSON.stringify({ type: e.type, ...(e.data as object) }));
          }
          return;
        }
        if (e.seq <= lastSent || sentAfterReplay.has(e.seq)) {
          return;
        }
        sentAfterReplay.add(e.seq);
        if (sentAfterReplay.size > 10_000) {
          const oldest = Math.min(...sentAfterReplay);
          sentAfterReplay.delete(oldest);
          lastSent = Math.max(lastSent, oldest);
        }
        if (mayHear(listener, e.audience as Audience)) {
          socket.send(JSON.stringify({ seq: e.seq, type: e.type, ...(e.data as object) }));
        }
      };
      const unsubscribe = bus.subscribe(ctx.account.id, (e) => (replaying && e.seq !== PRESENCE_SEQ ? queued.push(e) : send(e)));
      const ping = setInterval(() => socket.ping(), PING_MS);
      const presence = new PresenceTracker(ctx, bus);
      socket.on('message', (data: Buffer) => {
        if (data.length > 1024) {
          return;
        }
        let message: unknown;
        try {
          message = JSON.parse(data.toString('utf8'));
        } catch {
          return;
        }
        presence.receive(message).catch((err: unknown) => ctx.log.warn({ err }, 'presence message failed'));
      });
      socket.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        void presence.close();
      });

      // The account's counter, not the newest kept event: events may have been purged.
      const newest = await currentSequence(ctx, 'event');
      if (since !== undefined) {
        const oldest = await ctx.db
          .selectFrom('realtime_events')
          .select((eb) => eb.fn.min('seq').as('seq'))
          .where('account_id', '=', ctx.account.id)
          .executeTakeFirst();
        const missed = await ctx.db
          .selectFrom('realtime_events')
          .select(['seq', 'type', 'audience', 'data'])
          .where('account_id', '=', ctx.account.id)
          .where('seq', '>', since)
          .orderBy('seq')
          .limit(REPLAY_LIMIT + 1)
          .execute();
        const gap = newest > since && (oldest?.seq === null || oldest?.seq === undefined || oldest.seq > since + 1);
        if (gap || missed.length > REPLAY_LIMIT) {
          socket.send(JSON.stringify({ type: 'resync', seq: newest }));
          lastSent = newest;
        } else {
          for (const row of missed) {
            send(toLiveEvent(ctx.account.id, row));
          }
        }
      } else {
        lastSent = newest;
      }
      socket.send(JSON.stringify({ type: 'hello', seq: Math.max(lastSent, ...sentAfterReplay) }));
      replaying = false;
      for (const e of queued.splice(0)) {
        send(e);
      }
    });
  };
}

/** Live events are kept for a day, enough for any reconnect; older ones go. */
export async function purgeOldEvents(db: Db, clock: Clock): Promise<void> {
  await db.deleteFrom('realtime_events').where('created_at', '<', clock.now() - DAY).execute();
}
