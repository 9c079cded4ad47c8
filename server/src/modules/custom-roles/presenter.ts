import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { CustomRoleRecord } from './repo.js';

export function presentRole(ctx: Ctx, r: CustomRoleRecord) {
  return {
    id: r.id,
    url: apiUrl(ctx, `custom_roles/${r.id}`),
    name: r.name,
    description: r.description,
    role_type: 0,
    team_member_count: r.memberCount,
    configuration: r.configuration,
    created_at: isoTime(r.createdAt),
    updated_at: isoTime(r.updatedAt),
  };
}
