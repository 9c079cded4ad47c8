/** The API's shapes the people settings read (only the fields they use). */
export type StaffRole = 'agent' | 'admin';
export type PersonRole = 'end-user' | StaffRole;

export type Person = {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: PersonRole;
  custom_role_id: number | null;
  owner: boolean;
  default_group_id: number | null;
  organization_id: number | null;
  external_id: string | null;
  locale: string;
  time_zone: string;
  tags: string[];
  notes: string;
  details: string;
  verified: boolean;
  suspended: boolean;
  last_login_at: string | null;
  created_at: string;
};

export type Identity = { id: number; user_id: number; type: 'email' | 'phone_number'; value: string; primary: boolean; verified: boolean };

export type Group = { id: number; name: string; description: string; default: boolean; is_public: boolean };
export type GroupMembership = { id: number; user_id: number; group_id: number; default: boolean };
export type GroupRouting = { group_id: number; mode: 'round_robin' | 'least_open' | 'skills'; max_open: number | null };

export type TicketAccess = 'all' | 'within-groups' | 'assigned-only';
export type RoleConfiguration = {
  ticket_access: TicketAccess;
  ticket_editing: boolean;
  ticket_deletion: boolean;
  ticket_merge: boolean;
  manage_users: boolean;
  manage_groups: boolean;
  manage_organizations: boolean;
  manage_views: boolean;
  manage_macros: boolean;
  manage_business_rules: boolean;
  manage_settings: boolean;
  view_reports: boolean;
};
export type CustomRole = { id: number; name: string; description: string; team_member_count: number; configuration: RoleConfiguration };

export type Organization = {
  id: number;
  name: string;
  details: string;
  notes: string;
  external_id: string | null;
  domain_names: string[];
  shared_tickets: boolean;
  shared_comments: boolean;
  group_id: number | null;
  tags: string[];
  created_at: string;
};
export type OrgMembership = { id: number; user_id: number; organization_id: number };

/** Zendesk's offset page: the list under its own name, with the total and the next page's URL. */
export type OffsetPage<K extends string, T> = { [key in K]: T[] } & { count: number; next_page: string | null; previous_page: string | null };
