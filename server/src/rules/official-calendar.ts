import { createRequire } from 'node:module';
import type { Db } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { DayKind } from './business-time.js';

type ChineseDaysData = { holidays: Record<string, string>; workdays: Record<string, string> };

const require = createRequire(import.meta.url);

/** The mainland-China calendar as the chinese-days package publishes it (State Council notices). */
function chineseDaysSource(): { source: string; days: { day: string; kind: DayKind; name: string }[] } {
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  // "National Day,国庆节,3": the Chinese name is what people here read.
  const name = (label: string) => label.split(',')[1] ?? label;
  const days = [
    ...Object.entries(data.holidays).map(([day, label]) => ({ day, kind: 'holiday' as const, name: name(label) })),
    ...Object.entries(data.workdays).map(([day, label]) => ({ day, kind: 'workday' as const, name: name(label) })),
  ];
  return { source: `chinese-days@${version}`, days };
}

/**
 * Loads the official calendar into the database when the packaged data is newer than
 * what is there, recording which years it covers. Run at start; cheap when current.
 */
export async function syncOfficialCalendars(db: Db, clock: Clock): Promise<void> {
  const { source, days } = chineseDaysSource();
  const current = await db.selectFrom('official_calendars').select('source').where('region', '=', 'CN').executeTakeFirst();
  if (current?.source === source) {
    return;
  }
  const years = days.map((d) => Number(d.day.slice(0, 4)));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('official_calendar_days').where('region', '=', 'CN').execute();
    for (let i = 0; i < days.length; i += 200) {
      await trx.insertInto('official_calendar_days').values(days.slice(i, i + 200).map((d) => ({ region: 'CN', ...d }))).execute();
    }
    await trx.deleteFrom('official_calendars').where('region', '=', 'CN').execute();
    await trx
      .insertInto('official_calendars')
      .values({ region: 'CN', source, first_year: Math.min(...years), last_year: Math.max(...years), loaded_at: clock.now() })
      .execute();
  });
}

export type OfficialCalendar = { region: string; source: string; first: number; last: number; days: Map<string, { kind: DayKind; name: string }> };

const cache = new Map<string, OfficialCalendar>();

/** An official calendar, read once per process and source version. */
export async function officialCalendar(db: Db, region: string): Promise<OfficialCalendar | null> {
  const meta = await db.selectFrom('official_calendars').selectAll().where('region', '=', region).executeTakeFirst();
  if (!meta) {
    return null;
  }
  const cached = cache.get(region);
  if (cached?.source === meta.source) {
    return cached;
  }
  const rows = await db.selectFrom('official_calendar_days').select(['day', 'kind', 'name']).where('region', '=', region).execute();
  const calendar = { region, source: meta.source, first: meta.first_year, last: meta.last_year, days: new Map(rows.map((r) => [r.day, { kind: r.kind, name: r.name }])) };
  cache.set(region, calendar);
  return calendar;
}
