import type { Account } from '../../context.js';
import { isoTime } from '../../platform/clock.js';

/** What anyone visiting the helpdesk may see: name and branding. */
export function presentSettings(account: Account) {
  return {
    name: account.name,
    subdomain: account.subdomain,
    locale: account.locale,
    time_zone: account.timeZone,
    brand_color: account.brandColor,
    logo_url: account.logoUrl,
    favicon_url: account.faviconUrl,
    /** Public: the customer portal applies it. */
    portal_css: account.portalCss,
  };
}

export function presentAccount(account: Account) {
  return {
    id: account.id,
    ...presentSettings(account),
    created_at: isoTime(account.createdAt),
    updated_at: isoTime(account.updatedAt),
  };
}
