import type { Ctx } from '../../context.js';
import { dialectOf, parseStringList } from '../../db/helpers.js';
import type { RoutingMode } from '../../db/schema.js';
import { nextSequence } from '../tickets/repo.js';

/** Statuses that count as an agent's open work for load and caps. */
export const WORKING_STATUSES = ['new', 'open'] as const;

/**
 * Chooses who in a group takes a ticket: only online agents of the group, under their
 * cap of open tickets, who have every skill the ticket needs (skills mode); then the
 * one assigned longest ago (round robin) or with the fewest open tickets (least open).
 * Returns null when nobody is available, and the ticket waits in the group.
 */
export async function pickAgent(ctx: Ctx, groupId: number, ticket: { tags: string[] }): Promise<number | null> {
  let routingQuery = ctx.db.selectFrom('group_routing').select(['mode', 'max_open']).where('account_id', '=', ctx.account.id).where('group_id', '=', groupId);
  if (dialectOf(ctx.db) === 'postgres') {
    // One routing decision per group at a time, so two tickets never take the same turn.
    routingQuery = routingQuery.forUpdate();
  }
  const routing = (await routingQuery.executeTakeFirst()) ?? { mode: 'round_robin' as RoutingMode, max_open: null };
  const candidates = await ctx.db
    .selectFrom('group_memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.account_id', '=', 'm.account_id').onRef('u.id', '=', 'm.user_id'))
    .innerJoin('agent_routing as r', (j) => j.onRef('r.account_id', '=', 'm.account_id').onRef('r.user_id', '=', 'm.user_id'))
    .select(['u.id', 'r.skills', 'r.max_open', 'r.last_turn'])
    .where('m.account_id', '=', ctx.account.id)
    .where('m.group_id', '=', groupId)
    .where('u.role', 'in', ['agent', 'admin'])
    .where('u.suspended', '=', 0)
    .where('r.availability', '=', 'online')
    .execute();
  if (candidates.length === 0) {
    return null;
  }
  const loads = new Map<number, number>();
  const counted = await ctx.db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', ctx.account.id)
    .where('deleted_at', 'is', null)
    .where('assignee_id', 'in', candidates.map((c) => c.id))
    .where('status', 'in', [...WORKING_STATUSES])
    .groupBy('assignee_id')
    .execute();
  for (const row of counted) {
    loads.set(Number(row.assignee_id), Number(row.n));
  }
  const withSkills = candidates.map((c) => ({ ...c, skills: parseStringList(c.skills), load: loads.get(c.id) ?? 0 }));
  // A ticket needs the skills its tags name that some agent of the group has.
  const known = new Set(withSkills.flatMap((c) => c.skills));
  const needed = routing.mode === 'skills' ? ticket.tags.filter((t) => known.has(t)) : [];
  const able = withSkills.filter((c) => {
    const cap = c.max_open ?? routing.max_open;
    return (cap === null || c.load < cap) && needed.every((s) => c.skills.includes(s));
  });
  if (able.length === 0) {
    return null;
  }
  const longestWaiting = (a: (typeof able)[number], b: (typeof able)[number]) => (a.last_turn ?? 0) - (b.last_turn ?? 0) || a.id - b.id;
  able.sort(routing.mode === 'round_robin' ? longestWaiting : (a, b) => a.load - b.load || longestWaiting(a, b));
  const chosen = able[0]?.id ?? null;
  if (chosen !== null) {
    await ctx.db
      .updateTable('agent_routing')
      .set({ last_turn: await nextSequence(ctx, 'routing_turn') })
      .where('account_id', '=', ctx.account.id)
      .where('user_id', '=', chosen)
      .execute();
  }
  return chosen;
}
