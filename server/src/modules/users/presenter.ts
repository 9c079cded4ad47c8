import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { IdentityRecord, UserRecord } from './repo.js';

export function presentUser(ctx: Ctx, u: UserRecord) {
  const agentView = ctx.permissions.isAgent;
  return {
    id: u.id,
    url: apiUrl(ctx, `users/${u.id}`),
    name: u.name,
    email: u.email,
    phone: u.phone,
    role: u.role,
    role_type: u.role === 'agent' && u.customRoleId !== null ? 0 : null,
    custom_role_id: u.customRoleId,
    owner: u.isOwner,
    default_group_id: u.defaultGroupId,
    organization_id: u.organizationId,
    external_id: agentView ? u.externalId : null,
    locale: u.locale ?? ctx.account.locale,
    time_zone: u.timeZone ?? ctx.account.timeZone,
    iana_time_zone: u.timeZone ?? ctx.account.timeZone,
    tags: agentView ? u.tags : [],
    notes: agentView ? u.notes : '',
    details: agentView ? u.details : '',
    signature: u.signature,
    verified: u.verified,
    suspended: u.suspended,
    active: u.active,
    shared: false,
    shared_agent: false,
    restricted_agent: u.role === 'agent' ? null : false,
    ticket_restriction: u.role === 'end-user' ? 'requested' : null,
    two_factor_auth_enabled: false,
    last_login_at: isoTime(u.lastLoginAt),
    user_fields: agentView ? u.customFields : {},
    created_at: isoTime(u.createdAt),
    updated_at: isoTime(u.updatedAt),
  };
}

/** Zendesk's answer for /users/me when nobody is signed in. */
export function presentAnonymous(ctx: Ctx) {
  return {
    id: null,
    url: null,
    name: 'Anonymous user',
    email: 'invalid@example.com',
    role: 'end-user',
    locale: ctx.account.locale,
    time_zone: ctx.account.timeZone,
    verified: false,
    active: true,
  };
}

export function presentIdentity(ctx: Ctx, i: IdentityRecord) {
  return {
    id: i.id,
    url: apiUrl(ctx, `users/${i.userId}/identities/${i.id}`),
    user_id: i.userId,
    type: i.type,
    value: i.value,
    primary: i.isPrimary,
    verified: i.verified,
    created_at: isoTime(i.createdAt),
    updated_at: isoTime(i.updatedAt),
  };
}
