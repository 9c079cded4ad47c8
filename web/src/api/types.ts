export type Role = 'end-user' | 'agent' | 'admin';

export type User = {
  id: number | null;
  name: string;
  email: string | null;
  role: Role;
  locale: string | null;
  time_zone?: string;
  organization_id?: number | null;
  owner?: boolean;
};

export type AccountSettings = {
  name: string;
  subdomain: string;
  locale: string;
  time_zone: string;
  brand_color: string | null;
  logo_url: string | null;
  favicon_url: string | null;
  portal_css: string | null;
  /** The portal takes requests from people who have not signed in (its form sends a verification mail). */
  allow_anonymous_requests: boolean;
  /** Customers may open their own portal account. */
  allow_portal_sign_up: boolean;
};

export type UserList = { users: User[]; count: number; next_page: string | null; previous_page: string | null };

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';

export type Ticket = {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  type: TicketType | null;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  tags: string[];
  collaborator_ids: number[];
  via: { channel: string };
  created_at: string;
  updated_at: string;
};

export type View = { id: number; title: string; active: boolean; default: boolean };
/** `fresh: false`: a remembered count while the server counts again; ask again shortly. */
export type ViewCount = { view_id: number; value: number; pretty: string; fresh: boolean };

export type Attachment = { id: number; file_name: string; content_url: string; content_type: string; size: number; inline: boolean };

export type Comment = {
  id: number;
  author_id: number;
  body: string;
  html_body: string;
  public: boolean;
  attachments: Attachment[];
  via?: { channel: string };
  created_at: string;
};

export type Group = { id: number; name: string };

export type ViewRow = {
  ticket: { id: number; subject: string; status: TicketStatus; priority: TicketPriority | null };
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  updated: string;
};
export type ViewExecution = {
  rows: ViewRow[];
  users: { id: number; name: string }[];
  groups: { id: number; name: string }[];
  meta: { has_more: boolean; after_cursor: string | null };
};

/** A ticket as its requester sees it in the portal (Zendesk's Request). */
export type Request = {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  requester_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  can_be_solved_by_me: boolean;
  solved: boolean;
  followup_source_id: number | null;
  created_at: string;
  updated_at: string;
};

export type Author = { id: number; name: string; agent: boolean };
