import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { dialectOf } from './helpers.js';
import type { Db } from './database.js';
import { systemClock } from '../platform/clock.js';
import { syncOfficialCalendars } from '../rules/official-calendar.js';
import * as foundation from './migrations/2026-11-22T0900-foundation.js';
import * as tickets from './migrations/2026-11-22T1500-tickets.js';
import * as ticketSearch from './migrations/2026-11-22T1600-ticket-search.js';
import * as views from './migrations/2026-11-22T1700-views.js';
import * as jobInput from './migrations/2026-11-22T1800-job-input.js';
import * as attachments from './migrations/2026-11-22T1900-attachments.js';
import * as realtimeEvents from './migrations/2026-11-22T2000-realtime-events.js';
import * as viewIndexes from './migrations/2026-11-22T2100-view-indexes.js';
import * as liveTicketIndexes from './migrations/2026-11-22T2200-live-ticket-indexes.js';
import * as rules from './migrations/2026-11-22T2300-rules.js';
import * as customFields from './migrations/2026-11-22T2400-custom-fields.js';
import * as recurringTickets from './migrations/2026-11-22T2500-recurring-tickets.js';
import * as email from './migrations/2026-11-22T2600-email.js';
import * as mailboxes from './migrations/2026-11-22T2700-mailboxes.js';
import * as emailSuppressions from './migrations/2026-11-22T2800-email-suppressions.js';
import * as mailTemplates from './migrations/2026-11-22T2900-mail-templates.js';
import * as agentNotifications from './migrations/2026-11-22T3000-agent-notifications.js';
import * as searchScope from './migrations/2026-11-22T3200-search-scope.js';
import * as portalAccess from './migrations/2026-12-02T4500-portal-access.js';
import * as solvedCoveringIndex from './migrations/2026-12-02T4600-solved-covering-index.js';
import * as queueIndexShapes from './migrations/2026-12-02T4700-queue-index-shapes.js';

// Listed, not read from a folder, so the compiled build and the tests run the same set.
const migrations: Record<string, Migration> = {
  '2026-11-22T0900-foundation': foundation,
  '2026-11-22T1500-tickets': tickets,
  '2026-11-22T1600-ticket-search': ticketSearch,
  '2026-11-22T1700-views': views,
  '2026-11-22T1800-job-input': jobInput,
  '2026-11-22T1900-attachments': attachments,
  '2026-11-22T2000-realtime-events': realtimeEvents,
  '2026-11-22T2100-view-indexes': viewIndexes,
  '2026-11-22T2200-live-ticket-indexes': liveTicketIndexes,
  '2026-11-22T2300-rules': rules,
  '2026-11-22T2400-custom-fields': customFields,
  '2026-11-22T2500-recurring-tickets': recurringTickets,
  '2026-11-22T2600-email': email,
  '2026-11-22T2700-mailboxes': mailboxes,
  '2026-11-22T2800-email-suppressions': emailSuppressions,
  '2026-11-22T2900-mail-templates': mailTemplates,
  '2026-11-22T3000-agent-notifications': agentNotifications,
  '2026-11-22T3200-search-scope': searchScope,
  '2026-12-02T4500-portal-access': portalAccess,
  '2026-12-02T4600-solved-covering-index': solvedCoveringIndex,
  '2026-12-02T4700-queue-index-shapes': queueIndexShapes,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? 'none';

export class MigrationError extends Error {}

/** Brings the schema to the latest version; safe to run from several processes at once. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
  await syncOfficialCalendars(db, systemClock);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The newest migration applied to this database, or null before the first. */
export async function currentMigration(db: Db): Promise<string | null> {
  const migrator = await migratorFor(db);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt).at(-1)?.name ?? null;
}

/**
 * On PostgreSQL the migration tables live in the schema Kefu works in: Kysely otherwise
 * looks for them in every schema, and one database holding several Kefu schemas (tests,
 * staging beside production) would see another's tables.
 */
async function migratorFor(db: Db): Promise<Migrator> {
  if (dialectOf(db) !== 'postgres') {
    return new Migrator({ db, provider });
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}
