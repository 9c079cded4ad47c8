import { actorName, actorUserId, type Ctx } from '../../context.js';
import type { AuditLogsTable } from '../../db/schema.js';

export type AuditChanges = Record<string, [unknown, unknown]>;

const hidden = new Set(['password', 'password_hash', 'token', 'token_hash']);

/** The fields whose values differ, as [before, after]; secrets show only that they changed. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: T, fields: (keyof T & string)[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = hidden.has(field) ? ['[hidden]', '[hidden]'] : [before[field], after[field]];
    }
  }
  return changes;
}

/** Records one administrative change in the caller's transaction. */
export async function recordAudit(
  ctx: Ctx,
  entry: {
    action: AuditLogsTable['action'];
    sourceType: string;
    sourceId: number | null;
    sourceLabel: string;
    description?: string;
    changes?: AuditChanges;
  },
): Promise<void> {
  const changes = entry.changes ?? {};
  await ctx.db
    .insertInto('audit_logs')
    .values({
      account_id: ctx.account.id,
      actor_id: actorUserId(ctx),
      actor_name: actorName(ctx),
      action: entry.action,
      source_type: entry.sourceType,
      source_id: entry.sourceId,
      source_label: entry.sourceLabel.slice(0, 255),
      change_description: entry.description ?? describe(entry.action, entry.sourceType, entry.sourceLabel, changes),
      changes: JSON.stringify(changes),
      ip_address: ctx.request.ip,
      created_at: ctx.clock.now(),
    })
    .execute();
}

function describe(action: string, sourceType: string, label: string, changes: AuditChanges): string {
  const fields = Object.keys(changes);
  const suffix = action === 'update' && fields.length > 0 ? `: ${fields.join(', ')}` : '';
  return `${action} ${sourceType} ${label}${suffix}`;
}
