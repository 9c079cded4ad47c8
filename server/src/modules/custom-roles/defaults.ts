import type { Locale } from '../../platform/i18n.js';
import type { RoleConfiguration } from '../../platform/permissions.js';

type RoleTemplate = { name: Record<Locale, string>; description: Record<Locale, string>; configuration: RoleConfiguration };

const base: RoleConfiguration = {
  ticket_access: 'all',
  ticket_editing: true,
  ticket_deletion: false,
  ticket_merge: true,
  manage_users: false,
  manage_groups: false,
  manage_organizations: false,
  manage_views: false,
  manage_macros: false,
  manage_business_rules: false,
  manage_settings: false,
  view_reports: false,
};

/** The roles a new account starts with; the first is what new agents get. */
export const defaultRoles: RoleTemplate[] = [
  {
    name: { 'zh-CN': '客服', en: 'Staff' },
    description: { 'zh-CN': '处理所有工单，可编辑和合并', en: 'Works all tickets; may edit and merge them' },
    configuration: { ...base, manage_users: true, manage_organizations: true },
  },
  {
    name: { 'zh-CN': '客服组长', en: 'Team leader' },
    description: {
      'zh-CN': '客服的全部权限，另可删除工单、管理客户、组织、视图、宏和查看报表',
      en: 'Everything staff may do, plus deleting tickets, managing customers, organizations, views and macros, and reports',
    },
    configuration: {
      ...base,
      ticket_deletion: true,
      manage_users: true,
      manage_groups: true,
      manage_organizations: true,
      manage_views: true,
      manage_macros: true,
      view_reports: true,
    },
  },
  {
    name: { 'zh-CN': '轻量客服', en: 'Light agent' },
    description: { 'zh-CN': '只看本组工单，不能修改工单属性', en: "Sees only their groups' tickets and cannot change ticket properties" },
    configuration: { ...base, ticket_access: 'within-groups', ticket_editing: false, ticket_merge: false },
  },
];
