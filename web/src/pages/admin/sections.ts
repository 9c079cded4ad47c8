import { type ComponentType, lazy } from 'react';

/**
 * Every settings section, in the menu's order. Each is its own chunk, loaded when opened.
 * `group` and `key` name the menu entries in the `admin.nav` catalogue. `personal` sections are
 * open to every agent, for the views and macros of their own (the server lets them write no others).
 */
export type AdminGroup = 'people' | 'tickets' | 'rules' | 'channels' | 'account';
export type AdminSectionDef = { key: string; group: AdminGroup; component: ComponentType; personal?: true };

export const adminSections: AdminSectionDef[] = [
  { key: 'agents', group: 'people', component: lazy(() => import('./people/AgentsAdmin')) },
  { key: 'roles', group: 'people', component: lazy(() => import('./people/RolesAdmin')) },
  { key: 'groups', group: 'people', component: lazy(() => import('./people/GroupsAdmin')) },
  { key: 'customers', group: 'people', component: lazy(() => import('./people/CustomersAdmin')) },
  { key: 'organizations', group: 'people', component: lazy(() => import('./people/OrganizationsAdmin')) },
  { key: 'import', group: 'people', component: lazy(() => import('./people/ImportAdmin')) },
  { key: 'fields', group: 'tickets', component: lazy(() => import('./fields/TicketFieldsAdmin')) },
  { key: 'forms', group: 'tickets', component: lazy(() => import('./fields/TicketFormsAdmin')) },
  { key: 'views', group: 'tickets', component: lazy(() => import('./rules/ViewsAdmin')), personal: true },
  { key: 'macros', group: 'rules', component: lazy(() => import('./rules/MacrosAdmin')), personal: true },
  { key: 'triggers', group: 'rules', component: lazy(() => import('./rules/TriggersAdmin')) },
  { key: 'automations', group: 'rules', component: lazy(() => import('./rules/AutomationsAdmin')) },
  { key: 'sla', group: 'rules', component: lazy(() => import('./fields/SlaAdmin')) },
  { key: 'schedules', group: 'rules', component: lazy(() => import('./fields/SchedulesAdmin')) },
  { key: 'email', group: 'channels', component: lazy(() => import('./channels/EmailAdmin')) },
  { key: 'mail-template', group: 'channels', component: lazy(() => import('./channels/MailTemplateAdmin')) },
  { key: 'suspended', group: 'channels', component: lazy(() => import('./channels/SuspendedAdmin')) },
  { key: 'webhooks', group: 'channels', component: lazy(() => import('./channels/WebhooksAdmin')) },
  { key: 'api-tokens', group: 'channels', component: lazy(() => import('./channels/ApiTokensAdmin')) },
  { key: 'branding', group: 'account', component: lazy(() => import('./channels/BrandingAdmin')) },
  { key: 'deleted', group: 'account', component: lazy(() => import('./channels/DeletedTicketsAdmin')) },
  { key: 'audit-log', group: 'account', component: lazy(() => import('./channels/AuditLogAdmin')) },
];

export const adminGroups: AdminGroup[] = ['people', 'tickets', 'rules', 'channels', 'account'];

/** The sections someone may open: all of them for an admin, the personal ones for any other agent. */
export const sectionsFor = (role: string | undefined): AdminSectionDef[] => (role === 'admin' ? adminSections : adminSections.filter((s) => s.personal));
