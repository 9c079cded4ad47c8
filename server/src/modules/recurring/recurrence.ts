import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');

/** How often a recurring ticket is made: the simple kinds people pick, or a cron line. */
export const recurrenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily'), time }),
  z.strictObject({ kind: z.literal('weekly'), time, weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7) }),
  z.strictObject({ kind: z.literal('monthly'), time, day_of_month: z.number().int().min(1).max(31) }),
  z.strictObject({
    kind: z.literal('cron'),
    cron: z
      .string()
      .max(100)
      .refine((c) => {
        try {
          CronExpressionParser.parse(c);
          return c.trim().split(/\s+/).length === 5;
        } catch {
          return false;
        }
      }, 'must be a five-part cron line such as "0 9 * * 1-5"'),
  }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** The recurrence as a cron line (weekdays 1 = Monday … 7 = Sunday, as people count). */
export function cronOf(r: Recurrence): string {
  if (r.kind === 'cron') {
    return r.cron;
  }
  const [h, m] = r.time.split(':').map(Number);
  switch (r.kind) {
    case 'daily':
      return `${m} ${h} * * *`;
    case 'weekly':
      return `${m} ${h} * * ${r.weekdays.map((d) => d % 7).join(',')}`;
    case 'monthly':
      // A day past the month's end (31 in April) runs on its last day, as people expect.
      return r.day_of_month > 28 ? `${m} ${h} 28-31 * *` : `${m} ${h} ${r.day_of_month} * *`;
  }
}

/** The first run strictly after `after`, in the account's time zone. */
export function nextRun(r: Recurrence, after: number, timeZone: string): number {
  const it = CronExpressionParser.parse(cronOf(r), { currentDate: new Date(after), tz: timeZone });
  if (r.kind === 'monthly' && r.day_of_month > 28) {
    // Among 28–31, take the wanted day or the month's last day, whichever comes first.
    for (;;) {
      const at = it.next().toDate();
      const local = new Date(at.toLocaleString('en-US', { timeZone }));
      const lastDay = new Date(local.getFullYear(), local.getMonth() + 1, 0).getDate();
      if (local.getDate() === Math.min(r.day_of_month, lastDay)) {
        return at.getTime();
      }
    }
  }
  return it.next().toDate().getTime();
}
