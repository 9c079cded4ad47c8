import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { GroupMembershipRecord, GroupRecord } from './repo.js';

export function presentGroup(ctx: Ctx, g: GroupRecord) {
  return {
    id: g.id,
    url: apiUrl(ctx, `groups/${g.id}`),
    name: g.name,
    description: g.description,
    default: g.isDefault,
    deleted: g.deleted,
    is_public: g.isPublic,
    created_at: isoTime(g.createdAt),
    updated_at: isoTime(g.updatedAt),
  };
}

export function presentMembership(ctx: Ctx, m: GroupMembershipRecord) {
  return {
    id: m.id,
    url: apiUrl(ctx, `group_memberships/${m.id}`),
    user_id: m.userId,
    group_id: m.groupId,
    default: m.isDefault,
    created_at: isoTime(m.createdAt),
    updated_at: isoTime(m.updatedAt),
  };
}
