import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { EventBus, LiveEvent } from '../../platform/realtime/bus.js';
import { findVisibleTicket } from '../tickets/repo.js';
import type { Audience } from './audience.js';

/** What a console sends on its socket while an agent has a ticket open. */
export const presenceMessage = z.strictObject({
  type: z.literal('presence'),
  ticket_id: z.number().int().positive().nullable(),
  typing: z.boolean().optional(),
});

export type PresenceState = 'viewing' | 'typing' | 'left';

/** Presence is not a change: it is not numbered, stored or replayed, only passed on live. */
export const PRESENCE_SEQ = 0;

/** More presence messages than this per socket per 10 seconds are dropped. */
const BURST = 30;

/**
 * Collision detection: one socket's presence on one ticket at a time. Tells the agents who
 * may see that ticket (and only them) who is viewing or typing on it, across processes
 * through the bus, and that they left when the socket closes or the agent moves on.
 */
export class PresenceTracker {
  private current: { ticketId: number; audience: Audience } | null = null;
  private windowStart = 0;
  private inWindow = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly bus: EventBus,
  ) {}

  async receive(raw: unknown): Promise<void> {
    const parsed = presenceMessage.safeParse(raw);
    if (!parsed.success || !this.ctx.permissions.isAgent || this.ctx.actor.kind !== 'user' || !this.allow()) {
      return;
    }
    const { ticket_id: ticketId, typing } = parsed.data;
    if (this.current && this.current.ticketId !== ticketId) {
      await this.announce('left');
      this.current = null;
    }
    if (ticketId === null) {
      return;
    }
    if (!this.current) {
      // Checked once per ticket: a socket hears of, and speaks on, only tickets its agent may read.
      const ticket = await findVisibleTicket(this.ctx, ticketId);
      if (!ticket) {
        return;
      }
      const audience: Audience = {
        requesterId: ticket.requesterId,
        assigneeId: ticket.assigneeId,
        groupId: ticket.groupId,
        organizationId: ticket.organizationId,
        organizationShared: false,
        ccIds: [],
        public: false,
      };
      this.current = { ticketId, audience };
    }
    await this.announce(typing ? 'typing' : 'viewing');
  }

  async close(): Promise<void> {
    if (this.current) {
      await this.announce('left');
      this.current = null;
    }
  }

  private allow(): boolean {
    const now = this.ctx.clock.now();
    if (now - this.windowStart > 10_000) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    this.inWindow += 1;
    return this.inWindow <= BURST;
  }

  private async announce(state: PresenceState): Promise<void> {
    if (!this.current || this.ctx.actor.kind !== 'user') {
      return;
    }
    const user = this.ctx.actor.user;
    const event: LiveEvent = {
      accountId: this.ctx.account.id,
      seq: PRESENCE_SEQ,
      type: 'presence',
      audience: this.current.audience,
      data: { ticket_id: this.current.ticketId, user: { id: user.id, name: user.name }, state },
    };
    await this.bus.publish(event).catch((err: unknown) => this.ctx.log.warn({ err }, 'could not publish presence'));
  }
}
