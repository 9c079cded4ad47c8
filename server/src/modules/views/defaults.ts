import type { Conditions } from '../../rules/conditions.js';
import type { Locale } from '../../platform/i18n.js';
import type { Execution } from './schema.js';

export type DefaultView = {
  key: string;
  title: Record<Locale, string>;
  conditions: Conditions;
  execution: Execution;
  /** The index that answers this view (and its count) without a scan. */
  index: string;
};

const columns: Execution['columns'] = ['status', 'subject', 'requester', 'updated', 'assignee', 'group'];
const recent: Execution = { columns, sort_by: 'updated_at', sort_order: 'desc' };
const unsolved = { field: 'status', operator: 'less_than', value: 'solved' } as const;

/** The views a new helpdesk starts with, in order, as support teams expect them. */
export const defaultViews: DefaultView[] = [
  {
    key: 'my_unsolved',
    title: { 'zh-CN': '我的未解决工单', en: 'Your unsolved tickets' },
    conditions: { all: [unsolved, { field: 'assignee_id', operator: 'is', value: 'current_user' }], any: [] },
    execution: recent,
    index: 'tickets_live_assignee_idx (account_id, assignee_id, status, updated_at, id) where deleted_at is null and assignee_id is not null',
  },
  {
    key: 'unassigned_in_my_groups',
    title: { 'zh-CN': '我所在组未分配的工单', en: 'Unassigned tickets in your groups' },
    conditions: {
      all: [unsolved, { field: 'assignee_id', operator: 'is', value: '' }, { field: 'group_id', operator: 'is', value: 'current_groups' }],
      any: [],
    },
    execution: recent,
    index: 'tickets_live_group_idx (account_id, group_id, status, updated_at, id, assignee_id) where deleted_at is null',
  },
  {
    key: 'my_groups',
    title: { 'zh-CN': '我所在组的未解决工单', en: 'Unsolved tickets in your groups' },
    conditions: { all: [unsolved, { field: 'group_id', operator: 'is', value: 'current_groups' }], any: [] },
    execution: recent,
    index: 'tickets_live_group_updated_idx (account_id, group_id, updated_at, id, status, assignee_id) where deleted_at is null',
  },
  {
    key: 'following',
    title: { 'zh-CN': '我关注或抄送的工单', en: "Tickets you follow or are CC'd on" },
    conditions: {
      all: [unsolved],
      any: [
        { field: 'follower', operator: 'is', value: 'current_user' },
        { field: 'cc', operator: 'is', value: 'current_user' },
      ],
    },
    execution: recent,
    index: 'ticket_collaborators_user_idx (account_id, user_id, kind, ticket_id)',
  },
  {
    key: 'pending',
    title: { 'zh-CN': '等待回复的工单', en: 'Pending tickets' },
    conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }], any: [] },
    execution: recent,
    index: 'tickets_live_status_idx (account_id, status, updated_at, id, priority) where deleted_at is null',
  },
  {
    key: 'recently_updated',
    title: { 'zh-CN': '最近更新的工单', en: 'Recently updated tickets' },
    conditions: { all: [{ field: 'hours_since_updated', operator: 'less_than', value: 24 }], any: [] },
    execution: recent,
    index: 'tickets_updated_cover_idx (account_id, updated_at, id, deleted_at, status, solved_at)',
  },
  {
    key: 'recently_solved',
    title: { 'zh-CN': '最近解决的工单', en: 'Recently solved tickets' },
    conditions: {
      all: [
        { field: 'status', operator: 'greater_than', value: 'hold' },
        { field: 'hours_since_solved', operator: 'less_than', value: 168 },
      ],
      any: [],
    },
    execution: { columns: ['status', 'subject', 'requester', 'solved', 'assignee'], sort_by: 'updated_at', sort_order: 'desc' },
    index: 'tickets_solved_cover_idx (account_id, solved_at, id, status, deleted_at, updated_at) where solved_at is not null',
  },
  {
    key: 'all_unsolved',
    title: { 'zh-CN': '所有未解决的工单', en: 'All unsolved tickets' },
    conditions: { all: [unsolved], any: [] },
    execution: recent,
    index: 'tickets_live_status_idx (account_id, status, updated_at, id, priority) where deleted_at is null',
  },
  {
    key: 'deleted',
    title: { 'zh-CN': '已删除的工单', en: 'Deleted tickets' },
    conditions: { all: [], any: [] },
    execution: { columns: ['id', 'subject', 'requester', 'updated'], sort_by: 'updated_at', sort_order: 'desc' },
    index: 'tickets_deleted_idx (account_id, deleted_at, id) where deleted_at is not null',
  },
];
