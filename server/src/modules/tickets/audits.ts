import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { presentVia } from './presenter.js';
import type { TicketRecord } from './repo.js';

export function queryAudits(ctx: Ctx, ticketRowId: number) {
  return ctx.db
    .selectFrom('ticket_audits')
    .select(['id', 'author_id', 'via_channel', 'via_source', 'metadata', 'events', 'created_at'])
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticketRowId);
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof queryAudits>['executeTakeFirstOrThrow']>>;

export function presentAudit(ticket: TicketRecord, r: AuditRow) {
  return {
    id: r.id,
    ticket_id: ticket.niceId,
    author_id: r.author_id,
    created_at: isoTime(r.created_at),
    via: presentVia(r.via_channel, JSON.parse(r.via_source) as Record<string, unknown>),
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    events: JSON.parse(r.events) as unknown[],
  };
}
