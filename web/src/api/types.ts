export type Role = 'end-user' | 'agent' | 'admin';

export type User = {
  id: number | null;
  name: string;
  email: string | null;
  role: Role;
  locale: string | null;
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
};

export type UserList = { users: User[]; count: number; next_page: string | null; previous_page: string | null };
