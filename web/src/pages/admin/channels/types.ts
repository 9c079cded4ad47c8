/** The API shapes the channels and account settings read (as the server presents them). */

export type Smtp = { host: string; port: number; secure: boolean; username: string };
export type RecipientAddress = {
  id: number;
  email: string;
  name: string;
  default: boolean;
  default_group_id: number | null;
  forwarding_status: string;
  smtp: Smtp | null;
  created_at: string;
};
export type Mailbox = {
  id: number;
  recipient_address_id: number;
  host: string;
  port: number;
  username: string;
  folder: string;
  active: boolean;
  state: string;
  last_error: string | null;
  last_synced_at: string | null;
};
export type Suppression = { email: string; status: string | null; diagnostic: string | null; ticket_id: number | null; until: string; created_at: string };

export type MailTemplate = { html: string; text: string; default: boolean; updated_at: string | null };

export type SuspendedTicket = {
  id: number;
  subject: string | null;
  author: { email: string | null; name?: string | null };
  cause: string | null;
  cause_code: string;
  status: 'suspended' | 'quarantined';
  size: number;
  created_at: string;
};
export type SuspendedDetail = SuspendedTicket & { recipients: string[]; content: string | null; attachments: { file_name: string; content_type: string; size: number }[] };

export type WebhookKind = 'webhook' | 'dingtalk' | 'feishu' | 'wecom';
export type Webhook = {
  id: string;
  name: string;
  description: string;
  kind: WebhookKind;
  endpoint: string;
  http_method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE';
  request_format: 'json' | 'form_encoded' | 'xml';
  status: 'active' | 'inactive';
  authentication: { type: 'basic_auth' | 'bearer_token'; add_position: 'header' } | null;
  custom_headers: Record<string, string>;
  created_at: string;
  updated_at: string;
};
export type Invocation = { id: string; ticket_id: number | null; attempt: number; status: 'success' | 'failed'; status_code: number | null; error: string | null; duration_ms: number | null; created_at: string };

export type ApiToken = { id: number; description: string; token_last_four: string; created_by_id: number; last_used_at: string | null; created_at: string };

export type DeletedTicket = { id: number; subject: string; description: string; previous_state: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed'; deleted_at: string };

export type AuditLog = {
  id: number;
  actor_id: number | null;
  actor_name: string;
  action: 'create' | 'update' | 'destroy' | 'login' | 'exported';
  source_type: string;
  source_id: number | null;
  source_label: string;
  change_description: string;
  changes: Record<string, [unknown, unknown]>;
  ip_address: string | null;
  created_at: string;
};

export type Page<K extends string, T> = { [key in K]: T[] } & { count: number; next_page: string | null; previous_page: string | null };
