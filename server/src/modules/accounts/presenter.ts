import type { Account } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import type { PortalAccess } from './repo.js';

/** What anyone visiting the helpdesk may see: name, branding and what the portal allows. */
export function presentSettings(account: Account, access: PortalAccess) {
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
    /** Public: the portal hides the anonymous form and the sign-up link when off. */
    allow_anonymous_requests: access.allowAnonymousRequests,
    allow_portal_sign_up: access.allowPortalSignUp,
  };
}

export function presentAccount(account: Account, access: PortalAccess) {
  return {
    id: account.id,
    ...presentSettings(account, access),
    created_at: isoTime(account.createdAt),
    updated_at: isoTime(account.updatedAt),
  };
}
