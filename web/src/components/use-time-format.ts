import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSettings } from '../api/hooks';

const styles = {
  short: { dateStyle: 'short', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  compact: { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Dates and times in the user's time zone, else the helpdesk's (Asia/Shanghai by default),
 * never the browser's: an agent travelling or a server-side screenshot shows the desk's time.
 */
export function useTimeFormat(style: keyof typeof styles = 'medium'): Intl.DateTimeFormat {
  const { i18n } = useTranslation();
  const me = useMe();
  const settings = useSettings();
  const timeZone = me.data?.time_zone ?? settings.data?.time_zone;
  return useMemo(() => {
    try {
      return new Intl.DateTimeFormat(i18n.language, { ...styles[style], ...(timeZone ? { timeZone } : {}) });
    } catch {
      // An unknown zone name in old data: the browser's zone rather than a broken page.
      return new Intl.DateTimeFormat(i18n.language, styles[style]);
    }
  }, [i18n.language, style, timeZone]);
}
