import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { ViewRecord } from './repo.js';

const columnTitles: Record<string, string> = {
  id: 'ID',
  status: 'Status',
  subject: 'Subject',
  requester: 'Requester',
  assignee: 'Assignee',
  group: 'Group',
  organization: 'Organization',
  priority: 'Priority',
  type: 'Type',
  created: 'Requested',
  updated: 'Updated',
  solved: 'Solved',
  tags: 'Tags',
};

export const presentColumns = (columns: string[]) => columns.map((id) => ({ id, title: columnTitles[id] ?? id }));

export function presentView(ctx: Ctx, v: ViewRecord) {
  return {
    id: v.id,
    url: apiUrl(ctx, `views/${v.id}`),
    title: v.title,
    raw_title: v.title,
    description: v.description,
    active: v.active,
    position: v.position,
    default: v.defaultKey !== null,
    restriction: v.restriction,
    conditions: v.conditions,
    execution: { ...v.execution, group_by: null, group_order: null, columns: presentColumns(v.execution.columns) },
    created_at: isoTime(v.createdAt),
    updated_at: isoTime(v.updatedAt),
  };
}
