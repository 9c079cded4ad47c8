/** IANA time zones for a picker, the zones Chinese support teams use most first. */
const common = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Asia/Seoul', 'Europe/London', 'Europe/Berlin', 'America/Los_Angeles', 'America/New_York', 'UTC'];

export function timeZoneOptions(): { value: string; label: string }[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...common, ...all.filter((z) => !common.includes(z))].map((z) => ({ value: z, label: z }));
}
