import { type ExpressionBuilder, sql } from 'kysely';
import type { Ctx } from '../../context.js';
import type { Database } from '../../db/schema.js';

type TicketEb = ExpressionBuilder<Database, 'tickets'>;

// A literal false both dialects read (SQLite cannot bind a boolean).
const nothing = sql<boolean>`1 = 0`;

/**
 * Which tickets the actor may see, as one SQL condition on `tickets`. Every read of
 * tickets and of what hangs off them (comments, audits, attachments, views, search,
 * counts) goes through it:
 * - agents: all tickets, their groups' (and those assigned to them), or only their own
 *   assignments, as their role says;
 * - end users: tickets they requested or are CC'd on, and their organization's when it
 *   shares tickets.
 * `deleted` asks for the same tickets among the deleted ones instead of the live ones.
 */
export function visibleTickets(ctx: Ctx, options: { deleted?: boolean } = {}) {
  const accountId = ctx.account.id;
  const me = ctx.actor.kind === 'user' ? ctx.actor.user.id : null;
  const orgId = ctx.actor.kind === 'user' ? ctx.actor.user.organizationId : null;
  return (eb: TicketEb) => {
    const live = eb.and([eb('tickets.account_id', '=', accountId), eb('tickets.deleted_at', options.deleted ? 'is not' : 'is', null)]);
    if (ctx.actor.kind === 'system') {
      return live;
    }
    if (me === null) {
      return eb.and([live, nothing]);
    }
    switch (ctx.permissions.ticketAccess) {
      case 'all':
        return live;
      case 'groups':
        return eb.and([
          live,
          eb.or([
            eb('tickets.assignee_id', '=', me),
            eb(
              'tickets.group_id',
              'in',
              eb.selectFrom('group_memberships').select('group_id').where('account_id', '=', accountId).where('user_id', '=', me),
            ),
          ]),
        ]);
      case 'assigned':
        return eb.and([live, eb('tickets.assignee_id', '=', me)]);
      case 'requested': {
        const mine = [
          eb('tickets.requester_id', '=', me),
          eb(
            'tickets.id',
            'in',
            eb
              .selectFrom('ticket_collaborators')
              .select('ticket_id')
              .where('account_id', '=', accountId)
              .where('user_id', '=', me)
              .where('kind', '=', 'cc'),
          ),
        ];
        if (orgId !== null) {
          mine.push(
            eb.and([
              eb('tickets.organization_id', '=', orgId),
              eb.exists(
                eb
                  .selectFrom('organizations')
                  .select('organizations.id')
                  .where('organizations.account_id', '=', accountId)
                  .where('organizations.id', '=', orgId)
                  .where('organizations.shared_tickets', '=', 1),
              ),
            ]),
          );
        }
        return eb.and([live, eb.or(mine)]);
      }
      case 'none':
        return eb.and([live, nothing]);
    }
  };
}

/** Whether the actor may see internal notes and audits: agents only. */
export const seesInternal = (ctx: Ctx): boolean => ctx.permissions.isAgent;
