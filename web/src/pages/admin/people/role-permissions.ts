import type { RoleConfiguration } from './types';

type Flag = Exclude<keyof RoleConfiguration, 'ticket_access'>;

/**
 * The permissions a custom role holds, grouped as the form shows them. They mirror the server's
 * roleConfigurationSchema (server/src/platform/permissions.ts); labels live in admin.people.roles.perm.
 */
export const permissionGroups: { key: string; flags: Flag[] }[] = [
  { key: 'tickets', flags: ['ticket_editing', 'ticket_merge', 'ticket_deletion'] },
  { key: 'people', flags: ['manage_users', 'manage_organizations', 'manage_groups'] },
  { key: 'workspace', flags: ['manage_views', 'manage_macros', 'manage_business_rules'] },
  { key: 'account', flags: ['view_reports', 'manage_settings'] },
];

export const ticketAccessLevels = ['all', 'within-groups', 'assigned-only'] as const;

/** A new role starts as the server's defaults would make it. */
export const defaultConfiguration: RoleConfiguration = {
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
