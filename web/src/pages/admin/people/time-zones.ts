/** IANA time zones for a picker, the desk's usual ones first; the browser knows the full list. */
const common = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'America/New_York', 'UTC'];

export function timeZoneOptions(): { value: string; label: string }[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const rest = all.filter((z) => !common.includes(z));
  return [...common, ...rest].map((z) => ({ value: z, label: z }));
}
