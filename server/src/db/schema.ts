import type { ColumnType, Generated } from 'kysely';

/*
 * The Database interface: one entry per table, identical on SQLite and PostgreSQL.
 *
 * Conventions (both dialects):
 * - ids are integers; tenant tables have PRIMARY KEY (account_id, id) on PostgreSQL
 *   and a rowid id plus UNIQUE (account_id, id) on SQLite (db/helpers.ts), and every
 *   foreign key between tenant tables is composite, so no row can point into
 *   another account;
 * - times are epoch milliseconds (bigint), read from ctx.clock;
 * - flags are integers 0/1 (Flag), JSON documents are text (Json).
 * The comment above each index says which query it serves.
 */

export type Id = ColumnType<number, number | undefined, never>;
export type Flag = 0 | 1;
export type Millis = number;
/** JSON stored as text; repos parse it with zod or a typed parser. */
export type Json = string;

export type AccountsTable = {
  id: Generated<number>;
  name: string;
  // UNIQUE (subdomain): host -> account on every request
  subdomain: string;
  locale: string;
  time_zone: string;
  brand_color: string | null;
  logo_url: string | null;
  favicon_url: string | null;
  portal_css: string | null;
  /** 1: the portal takes requests from people who have not signed in. */
  allow_anonymous_requests: ColumnType<number, number | undefined, number>;
  /** 1: people may create their own portal account. */
  allow_portal_sign_up: ColumnType<number, number | undefined, number>;
  created_at: Millis;
  updated_at: Millis;
};

/** One row, id 1, written by the first-run setup: a second setup collides on the key. */
export type InstallationTable = {
  id: number;
  completed_at: Millis;
};

export type UserRole = 'end-user' | 'agent' | 'admin';

export type UsersTable = {
  account_id: number;
  id: Id;
  name: string;
  /** Custom field values by field key. */
  custom_fields: Generated<Json>;
  // primary email, kept equal to the primary email identity by users/identities.ts
  email: string | null;
  phone: string | null;
  // INDEX (account_id, role, id): agents and admins lists
  role: UserRole;
  // UNIQUE (account_id) WHERE is_owner = 1: one owner per account
  is_owner: Flag;
  custom_role_id: number | null;
  // the agent's default group; a group membership's `default` is derived from it
  default_group_id: number | null;
  // UNIQUE (account_id, external_id) WHERE external_id IS NOT NULL
  external_id: string | null;
  locale: string | null;
  time_zone: string | null;
  tags: Json;
  notes: string;
  details: string;
  signature: string | null;
  verified: Flag;
  suspended: Flag;
  active: Flag;
  password_hash: string | null;
  last_login_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
};

export type IdentityType = 'email' | 'phone_number';

export type UserIdentitiesTable = {
  account_id: number;
  id: Id;
  // INDEX (account_id, user_id)
  user_id: number;
  type: IdentityType;
  // UNIQUE (account_id, value) WHERE type = 'email': sign-in and dedupe by email
  value: string;
  is_primary: Flag;
  verified: Flag;
  created_at: Millis;
  updated_at: Millis;
};

export type OrganizationsTable = {
  account_id: number;
  id: Id;
  name: string;
  /** Custom field values by field key. */
  custom_fields: Generated<Json>;
  // UNIQUE (account_id, name_key): names are unique regardless of case
  name_key: string;
  details: string;
  notes: string;
  external_id: string | null;
  shared_tickets: Flag;
  shared_comments: Flag;
  group_id: number | null;
  tags: Json;
  created_at: Millis;
  updated_at: Millis;
};

export type OrganizationDomainsTable = {
  // PRIMARY KEY (account_id, domain): a new user's email domain -> organization
  account_id: number;
  domain: string;
  organization_id: number;
};

export type OrganizationMembershipsTable = {
  account_id: number;
  id: Id;
  // UNIQUE (account_id, user_id): a user belongs to at most one organization
  user_id: number;
  // INDEX (account_id, organization_id, user_id): an organization's members
  organization_id: number;
  created_at: Millis;
  updated_at: Millis;
};

export type GroupsTable = {
  account_id: number;
  id: Id;
  // UNIQUE (account_id, name) WHERE deleted = 0
  name: string;
  description: string;
  is_public: Flag;
  is_default: Flag;
  deleted: Flag;
  created_at: Millis;
  updated_at: Millis;
};

export type GroupMembershipsTable = {
  account_id: number;
  id: Id;
  // UNIQUE (account_id, user_id, group_id): an agent's groups
  user_id: number;
  // INDEX (account_id, group_id, user_id): a group's agents
  group_id: number;
  created_at: Millis;
  updated_at: Millis;
};

export type CustomRolesTable = {
  account_id: number;
  id: Id;
  // UNIQUE (account_id, name)
  name: string;
  description: string;
  configuration: Json;
  created_at: Millis;
  updated_at: Millis;
};

export type ApiTokensTable = {
  account_id: number;
  id: Id;
  description: string;
  // UNIQUE (account_id, token_hash): keyed hash of the token, checked on every request
  token_hash: string;
  last_four: string;
  created_by_id: number;
  last_used_at: Millis | null;
  created_at: Millis;
};

export type SessionsTable = {
  account_id: number;
  id: Id;
  // INDEX (account_id, user_id): revoke a user's sessions
  user_id: number;
  // UNIQUE (account_id, token_hash): the cookie -> session on every request
  token_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Millis;
  last_seen_at: Millis;
  expires_at: Millis;
};

export type UserTokenPurpose = 'password_reset' | 'invitation';

export type UserTokensTable = {
  account_id: number;
  id: Id;
  user_id: number;
  purpose: UserTokenPurpose;
  // UNIQUE (account_id, token_hash)
  token_hash: string;
  expires_at: Millis;
  used_at: Millis | null;
  created_at: Millis;
};

/** Sign-in throttling, shared by every process that shares the database. */
export type ThrottlesTable = {
  // PRIMARY KEY (key); the key embeds the account id where there is one
  key: string;
  failures: number;
  window_started_at: Millis;
  locked_until: Millis | null;
};

export type AuditLogsTable = {
  account_id: number;
  id: Id;
  actor_id: number | null;
  actor_name: string;
  action: 'create' | 'update' | 'destroy' | 'login' | 'exported';
  // INDEX (account_id, source_type, id): the log filtered by kind of object
  source_type: string;
  source_id: number | null;
  source_label: string;
  change_description: string;
  changes: Json;
  ip_address: string | null;
  created_at: Millis;
};

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export type OutboxTable = {
  account_id: number;
  id: Id;
  topic: string;
  payload: Json;
  // INDEX (status, available_at, id): the dispatcher's queue. It spans accounts on
  // purpose, so it is the one index that does not lead with account_id.
  status: OutboxStatus;
  attempts: number;
  available_at: Millis;
  locked_until: Millis | null;
  last_error: string | null;
  // a delivered sensitive message (a reset link) keeps no payload
  is_sensitive: Flag;
  created_at: Millis;
  delivered_at: Millis | null;
};

export type JobStatusesTable = {
  account_id: number;
  id: Id;
  job_type: string;
  status: 'queued' | 'working' | 'completed' | 'failed';
  total: number;
  progress: number;
  message: string | null;
  results: Json;
  /** What the job was asked to do (a background job's items). */
  input: Generated<Json>;
  created_by_id: number | null;
  created_at: Millis;
  updated_at: Millis;
};

export type AccountSequencesTable = { account_id: number; name: string; value: number };

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export type TicketsTable = {
  account_id: number;
  id: Id;
  // UNIQUE (account_id, nice_id): the number people see
  nice_id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  type: TicketType | null;
  priority: TicketPriority | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  /** The problem's number (nice_id), as the API shows it. */
  problem_id: number | null;
  /** The closed ticket this follows up, by number. */
  followup_source_id: number | null;
  due_at: Millis | null;
  external_id: string | null;
  via_channel: string;
  via_source: Json;
  tags: Json;
  custom_fields: Json;
  is_public: Flag;
  created_at: Millis;
  updated_at: Millis;
  assigned_at: Millis | null;
  initially_assigned_at: Millis | null;
  first_solved_at: Millis | null;
  solved_at: Millis | null;
  status_updated_at: Millis;
  requester_updated_at: Millis | null;
  assignee_updated_at: Millis | null;
  deleted_at: Millis | null;
  ticket_form_id: Generated<number | null>;
};

export type TicketAuditsTable = {
  account_id: number;
  id: Id;
  ticket_id: number;
  author_id: number | null;
  via_channel: string;
  via_source: Json;
  metadata: Json;
  events: Json;
  created_at: Millis;
};

export type TicketCommentsTable = {
  account_id: number;
  id: Id;
  ticket_id: number;
  audit_id: number;
  author_id: number;
  is_public: Flag;
  html_body: string;
  plain_body: string;
  via_channel: string;
  redacted_at: Millis | null;
  created_at: Millis;
};

export type TicketTagsTable = { account_id: number; ticket_id: number; tag: string };
export type TicketCollaboratorsTable = { account_id: number; ticket_id: number; kind: 'cc' | 'follower'; user_id: number };

export type IdempotencyKeysTable = {
  account_id: number;
  user_id: number;
  key: string;
  fingerprint: string;
  status_code: number;
  response: Json;
  created_at: Millis;
};

export type ViewsTable = {
  account_id: number;
  id: Id;
  title: string;
  description: string;
  active: Flag;
  position: number;
  restriction: Json | null;
  conditions: Json;
  execution: Json;
  default_key: string | null;
  created_at: Millis;
  updated_at: Millis;
};

export type AttachmentsTable = {
  account_id: number;
  id: Id;
  token_hash: string;
  uploader_id: number;
  ticket_id: number | null;
  comment_id: number | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: Millis;
};

export type RealtimeEventsTable = {
  account_id: number;
  seq: number;
  type: string;
  /** Who may receive it: the ticket's people, group and whether it is public (JSON). */
  audience: Json;
  data: Json;
  created_at: Millis;
};

type RuleTable = {
  account_id: number;
  id: Id;
  title: string;
  description: Generated<string>;
  active: Generated<Flag>;
  position: number;
  actions: Json;
  created_at: Millis;
  updated_at: Millis;
};
export type TriggersTable = RuleTable & { conditions: Json; category_id: number | null };
export type AutomationsTable = RuleTable & { conditions: Json };
export type MacrosTable = RuleTable & { restriction: Json | null; usage_count: Generated<number> };
export type TriggerCategoriesTable = { account_id: number; id: Id; name: string; position: number; created_at: Millis; updated_at: Millis };

export type WebhooksTable = {
  account_id: number;
  id: Id;
  name: string;
  description: Generated<string>;
  kind: 'webhook' | 'dingtalk' | 'feishu' | 'wecom';
  endpoint: string;
  http_method: string;
  request_format: string;
  status: 'active' | 'inactive';
  signing_secret: string;
  authentication: Json | null;
  custom_headers: Generated<Json>;
  created_at: Millis;
  updated_at: Millis;
};
export type WebhookDeliveriesTable = {
  account_id: number;
  id: Id;
  webhook_id: number;
  ticket_id: number | null;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Millis;
};

export type SchedulesTable = {
  account_id: number;
  id: Id;
  name: string;
  time_zone: string;
  intervals: Json;
  official_calendar: string | null;
  position: number;
  created_at: Millis;
  updated_at: Millis;
};
export type ScheduleHolidaysTable = { account_id: number; id: Id; schedule_id: number; name: string; start_date: string; end_date: string; kind: 'holiday' | 'workday' };
export type OfficialCalendarDaysTable = { region: string; day: string; kind: 'holiday' | 'workday'; name: string };
export type OfficialCalendarsTable = { region: string; source: string; first_year: number; last_year: number; loaded_at: Millis };

export type SlaPoliciesTable = {
  account_id: number;
  id: Id;
  title: string;
  description: Generated<string>;
  position: number;
  filter: Json;
  policy_metrics: Json;
  created_at: Millis;
  updated_at: Millis;
};
export type TicketSlaMetricsTable = {
  account_id: number;
  ticket_id: number;
  metric: string;
  policy_id: number;
  target_minutes: number;
  business_hours: Flag;
  stage: 'active' | 'paused' | 'fulfilled';
  elapsed_minutes: number;
  running_since: Millis | null;
  breach_at: Millis | null;
  breached_at: Millis | null;
  fulfilled_at: Millis | null;
  uncertain: Generated<Flag>;
  timeline: Generated<Json>;
};

export type AgentAvailability = 'online' | 'away' | 'offline';
export type AgentRoutingTable = {
  account_id: number;
  user_id: number;
  availability: AgentAvailability;
  skills: Generated<Json>;
  max_open: number | null;
  last_turn: number | null;
  updated_at: Millis;
};
export type RoutingMode = 'round_robin' | 'least_open' | 'skills';
export type GroupRoutingTable = { account_id: number; group_id: number; mode: RoutingMode; max_open: number | null; updated_at: Millis };

export type CustomFieldEntity = 'ticket' | 'user' | 'organization';
export type CustomFieldsTable = {
  account_id: number;
  id: Id;
  entity: CustomFieldEntity;
  type: string;
  key: string | null;
  titles: Json;
  descriptions: Generated<Json>;
  position: number;
  active: Generated<Flag>;
  required: Generated<Flag>;
  required_on_create: Generated<Flag>;
  required_in_portal: Generated<Flag>;
  visible_in_portal: Generated<Flag>;
  editable_in_portal: Generated<Flag>;
  regexp_for_validation: string | null;
  default_value: Json | null;
  created_at: Millis;
  updated_at: Millis;
};
export type CustomFieldOptionsTable = { account_id: number; id: Id; field_id: number; name: string; value: string; position: number; retired: Generated<Flag> };
export type TicketFormsTable = {
  account_id: number;
  id: Id;
  name: string;
  display_name: string;
  position: number;
  active: Generated<Flag>;
  is_default: Generated<Flag>;
  end_user_visible: Generated<Flag>;
  ticket_field_ids: Json;
  agent_conditions: Generated<Json>;
  end_user_conditions: Generated<Json>;
  created_at: Millis;
  updated_at: Millis;
};

export type RecurringTicketsTable = {
  account_id: number;
  id: Id;
  title: string;
  active: Generated<Flag>;
  recurrence: Json;
  template: Json;
  next_run_at: Millis | null;
  last_run_at: Millis | null;
  last_ticket_id: number | null;
  created_by_id: number | null;
  created_at: Millis;
  updated_at: Millis;
};

export type RecipientAddressesTable = {
  account_id: number;
  id: Id;
  email: string;
  name: string;
  default_group_id: number | null;
  is_default: Generated<Flag>;
  smtp: Json | null;
  created_at: Millis;
  updated_at: Millis;
};
export type InboundEmailStatus = 'received' | 'processed' | 'suspended' | 'quarantined' | 'deleted';
export type InboundEmailsTable = {
  account_id: number;
  id: Id;
  recipient_address_id: number | null;
  message_id: string;
  raw_sha256: string;
  size: number;
  mail_from: string | null;
  status: InboundEmailStatus;
  reason: string | null;
  from_address: string | null;
  subject: string | null;
  thread_reason: Json | null;
  ticket_id: number | null;
  created_at: Millis;
  processed_at: Millis | null;
};
export type MailboxState = 'connecting' | 'idle' | 'polling' | 'error' | 'disabled';
export type MailboxesTable = {
  account_id: number;
  id: Id;
  recipient_address_id: number;
  host: string;
  port: number;
  secure: Flag;
  username: string;
  password: string;
  folder: string;
  active: Flag;
  uid_validity: string | null;
  last_uid: number | null;
  last_synced_at: Millis | null;
  state: MailboxState;
  last_error: string | null;
  last_error_at: Millis | null;
  lease_owner: string | null;
  lease_until: Millis | null;
  created_at: Millis;
  updated_at: Millis;
};
export type EmailSuppressionsTable = { account_id: number; email: string; status: string | null; diagnostic: string | null; ticket_id: number | null; until: Millis; created_at: Millis };
export type MailTemplatesTable = { account_id: number; html: string; text: string; updated_at: Millis };
export type NotificationKind = 'assigned' | 'reply' | 'mention';
export type NotificationsTable = { account_id: number; id: Id; user_id: number; kind: NotificationKind; ticket_id: number; audit_id: number | null; actor_id: number | null; excerpt: string; read_at: Millis | null; created_at: Millis };
export type NotificationPreferencesTable = { account_id: number; user_id: number; settings: string; updated_at: Millis };
export type EmailMessageIdsTable = { account_id: number; message_id: string; ticket_id: number; direction: 'in' | 'out'; created_at: Millis };

export type Database = {
  accounts: AccountsTable;
  installation: InstallationTable;
  users: UsersTable;
  user_identities: UserIdentitiesTable;
  organizations: OrganizationsTable;
  organization_domains: OrganizationDomainsTable;
  organization_memberships: OrganizationMembershipsTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  custom_roles: CustomRolesTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  throttles: ThrottlesTable;
  audit_logs: AuditLogsTable;
  outbox: OutboxTable;
  job_statuses: JobStatusesTable;
  account_sequences: AccountSequencesTable;
  tickets: TicketsTable;
  ticket_audits: TicketAuditsTable;
  ticket_comments: TicketCommentsTable;
  ticket_tags: TicketTagsTable;
  ticket_collaborators: TicketCollaboratorsTable;
  idempotency_keys: IdempotencyKeysTable;
  views: ViewsTable;
  attachments: AttachmentsTable;
  realtime_events: RealtimeEventsTable;
  triggers: TriggersTable;
  trigger_categories: TriggerCategoriesTable;
  automations: AutomationsTable;
  macros: MacrosTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  schedules: SchedulesTable;
  schedule_holidays: ScheduleHolidaysTable;
  official_calendar_days: OfficialCalendarDaysTable;
  official_calendars: OfficialCalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla_metrics: TicketSlaMetricsTable;
  agent_routing: AgentRoutingTable;
  group_routing: GroupRoutingTable;
  custom_fields: CustomFieldsTable;
  custom_field_options: CustomFieldOptionsTable;
  ticket_forms: TicketFormsTable;
  recurring_tickets: RecurringTicketsTable;
  recipient_addresses: RecipientAddressesTable;
  inbound_emails: InboundEmailsTable;
  mailboxes: MailboxesTable;
  email_suppressions: EmailSuppressionsTable;
  mail_templates: MailTemplatesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  email_message_ids: EmailMessageIdsTable;
};
