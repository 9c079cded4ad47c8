import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { OrganizationMembershipRecord, OrganizationRecord } from './repo.js';

export function presentOrganization(ctx: Ctx, o: OrganizationRecord) {
  // End users see their organization's name and nothing of the agents' notes.
  const full = ctx.permissions.isAgent;
  return {
    id: o.id,
    url: apiUrl(ctx, `organizations/${o.id}`),
    name: o.name,
    shared_tickets: o.sharedTickets,
    shared_comments: o.sharedComments,
    external_id: full ? o.externalId : null,
    domain_names: full ? o.domainNames : [],
    details: full ? o.details : '',
    notes: full ? o.notes : '',
    group_id: full ? o.groupId : null,
    tags: full ? o.tags : [],
    organization_fields: full ? o.customFields : {},
    created_at: isoTime(o.createdAt),
    updated_at: isoTime(o.updatedAt),
  };
}

export function presentOrgMembership(ctx: Ctx, m: OrganizationMembershipRecord) {
  return {
    id: m.id,
    url: apiUrl(ctx, `organization_memberships/${m.id}`),
    user_id: m.userId,
    organization_id: m.organizationId,
    organization_name: m.organizationName,
    default: true,
    view_tickets: true,
    created_at: isoTime(m.createdAt),
    updated_at: isoTime(m.updatedAt),
  };
}
