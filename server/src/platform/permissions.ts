import { z } from 'zod';
import type { AuthUser } from '../context.js';

/** A custom role's configuration, as stored and as the API shows it. */
export const roleConfigurationSchema = z.strictObject({
  ticket_access: z.enum(['all', 'within-groups', 'assigned-only']).default('all'),
  ticket_editing: z.boolean().default(true),
  ticket_deletion: z.boolean().default(false),
  ticket_merge: z.boolean().default(true),
  manage_users: z.boolean().default(false),
  manage_groups: z.boolean().default(false),
  manage_organizations: z.boolean().default(false),
  manage_views: z.boolean().default(false),
  manage_macros: z.boolean().default(false),
  manage_business_rules: z.boolean().default(false),
  manage_settings: z.boolean().default(false),
  view_reports: z.boolean().default(false),
});
export type RoleConfiguration = z.infer<typeof roleConfigurationSchema>;

export type TicketAccess = 'all' | 'groups' | 'assigned' | 'requested' | 'none';

export type Permissions = {
  isAgent: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  ticketAccess: TicketAccess;
  canEditTickets: boolean;
  canDeleteTickets: boolean;
  canMergeTickets: boolean;
  canManageUsers: boolean;
  canManageGroups: boolean;
  canManageOrganizations: boolean;
  canManageViews: boolean;
  canManageMacros: boolean;
  canManageRules: boolean;
  canManageSettings: boolean;
  canViewReports: boolean;
};

const nothing: Permissions = {
  isAgent: false,
  isAdmin: false,
  isOwner: false,
  ticketAccess: 'none',
  canEditTickets: false,
  canDeleteTickets: false,
  canMergeTickets: false,
  canManageUsers: false,
  canManageGroups: false,
  canManageOrganizations: false,
  canManageViews: false,
  canManageMacros: false,
  canManageRules: false,
  canManageSettings: false,
  canViewReports: false,
};

export const anonymousPermissions: Permissions = nothing;

/** Kefu itself acting (setup, the CLI, scheduled jobs): everything an admin may do. */
export const systemPermissions: Permissions = {
  isAgent: true,
  isAdmin: true,
  isOwner: false,
  ticketAccess: 'all',
  canEditTickets: true,
  canDeleteTickets: true,
  canMergeTickets: true,
  canManageUsers: true,
  canManageGroups: true,
  canManageOrganizations: true,
  canManageViews: true,
  canManageMacros: true,
  canManageRules: true,
  canManageSettings: true,
  canViewReports: true,
};

/** What a user may do, from their role and, for agents, their custom role. */
export function permissionsFor(user: AuthUser, role: RoleConfiguration | null): Permissions {
  switch (user.role) {
    case 'end-user':
      return { ...nothing, ticketAccess: 'requested' };
    case 'admin':
      return {
        isAgent: true,
        isAdmin: true,
        isOwner: user.isOwner,
        ticketAccess: 'all',
        canEditTickets: true,
        canDeleteTickets: true,
        canMergeTickets: true,
        canManageUsers: true,
        canManageGroups: true,
        canManageOrganizations: true,
        canManageViews: true,
        canManageMacros: true,
        canManageRules: true,
        canManageSettings: true,
        canViewReports: true,
      };
    case 'agent': {
      const c = role ?? roleConfigurationSchema.parse({});
      return {
        isAgent: true,
        isAdmin: false,
        isOwner: false,
        ticketAccess:
          c.ticket_access === 'all' ? 'all' : c.ticket_access === 'within-groups' ? 'groups' : 'assigned',
        canEditTickets: c.ticket_editing,
        canDeleteTickets: c.ticket_deletion,
        canMergeTickets: c.ticket_merge,
        canManageUsers: c.manage_users,
        canManageGroups: c.manage_groups,
        canManageOrganizations: c.manage_organizations,
        canManageViews: c.manage_views,
        canManageMacros: c.manage_macros,
        canManageRules: c.manage_business_rules,
        canManageSettings: c.manage_settings,
        canViewReports: c.view_reports,
      };
    }
  }
}

/**
 * What a route demands. 'public' needs nobody; 'installation' runs before any
 * account exists; the rest need a signed-in user with that ability.
 */
export type Access =
  | 'public'
  | 'installation'
  | 'signed_in'
  | 'agent'
  | 'admin'
  | 'manage_users'
  | 'manage_groups'
  | 'manage_organizations'
  | 'manage_rules'
  | 'manage_settings';

export function allows(p: Permissions, signedIn: boolean, access: Access): boolean {
  switch (access) {
    case 'public':
    case 'installation':
      return true;
    case 'signed_in':
      return signedIn;
    case 'agent':
      return p.isAgent;
    case 'admin':
      return p.isAdmin;
    case 'manage_users':
      return p.canManageUsers;
    case 'manage_groups':
      return p.canManageGroups;
    case 'manage_organizations':
      return p.canManageOrganizations;
    case 'manage_rules':
      return p.canManageRules;
    case 'manage_settings':
      return p.canManageSettings;
  }
}
