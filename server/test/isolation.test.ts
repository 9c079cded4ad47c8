import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHelpdesk, createTestApp, createUser, type Helpdesk, type TestApp } from './support/app.js';
import { MAILBOX_SECRET } from '../src/modules/email/imap-connect.js';
import { sealSecret } from '../src/platform/secrets.js';

/**
 * Two helpdesks on one server. Every route in the route table is called by account A's
 * owner with account B's ids: each must answer 404 and change nothing. A route whose
 * parameters or body this test does not know fails the test, so no new route skips it.
 */

const MARKER = 'bravo-secret';

type Ids = Record<string, number>;

let t: TestApp;
let a: Helpdesk;
let b: Helpdesk;
let aIds: Ids;
let bIds: Ids;

async function json<T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 201): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) {
    throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  }
  return r.json() as T;
}

/** One of each kind of object, all named with the marker in B. */
async function populate(desk: Helpdesk, marker: string): Promise<Ids> {
  const o = desk.owner;
  const org = await json<{ organization: { id: number } }>(
    o.post('/api/v2/organizations', { organization: { name: `${marker} org`, domain_names: [`${marker}.example.com`] } }),
  );
  const group = await json<{ group: { id: number } }>(o.post('/api/v2/groups', { group: { name: `${marker} group` } }));
  const role = await json<{ custom_role: { id: number } }>(
    o.post('/api/v2/custom_roles', { custom_role: { name: `${marker} role`, configuration: { ticket_access: 'all' } } }),
  );
  const agent = await createUser(desk, { name: `${marker} agent`, email: `agent@${marker}.example.com`, role: 'agent', group_ids: [group.group.id] });
  const customer = await createUser(desk, { name: `${marker} customer`, email: `customer@${marker}.example.com`, role: 'end-user' });
  const other = await createUser(desk, { name: `${marker} other`, email: `other@${marker}.example.org`, role: 'end-user' });
  const identity = await json<{ identity: { id: number } }>(
    o.post(`/api/v2/users/${customer.id}/identities`, { identity: { type: 'email', value: `second@${marker}.example.com` } }),
  );
  const groupMemberships = await json<{ group_memberships: { id: number; group_id: number }[] }>(
    o.get(`/api/v2/users/${agent.id}/group_memberships`),
    200,
  );
  const orgMemberships = await json<{ organization_memberships: { id: number }[] }>(
    o.get(`/api/v2/users/${customer.id}/organization_memberships`),
    200,
  );
  const token = await json<{ api_token: { id: number } }>(o.post('/api/v2/api_tokens', { api_token: { description: `${marker} token` } }));
  const job = await json<{ job_status: { id: number } }>(
    o.post('/api/v2/users/create_many', { users: [{ name: `${marker} bulk`, email: `bulk@${marker}.example.com` }] }),
    200,
  );
  // Ticket numbers count per helpdesk, so B gets more tickets than A: B's last number is not A's.
  let ticket = 0;
  for (let i = 0; i < (marker === MARKER ? 3 : 1); i++) {
    ticket = (
      await json<{ ticket: { id: number } }>(
        o.post('/api/v2/tickets', { ticket: { subject: `${marker} ticket ${i}`, comment: { body: `${marker} body` }, requester_id: customer.id } }),
      )
    ).ticket.id;
  }
  const uploaded = await json<{ upload: { token: string; attachments: { id: number }[] } }>(
    o.request('POST', `/api/v2/uploads?filename=${marker}.txt`, Buffer.from(`${marker} file`), { 'content-type': 'application/binary' }),
  );
  await json(o.put(`/api/v2/tickets/${ticket}`, { ticket: { comment: { body: 'file', uploads: [uploaded.upload.token] } } }), 200);
  const comments = await json<{ comments: { id: number }[] }>(o.get(`/api/v2/tickets/${ticket}/comments`), 200);
  const view = await json<{ view: { id: number } }>(
    o.post('/api/v2/views', { view: { title: `${marker} view`, conditions: { all: [{ field: 'status', operator: 'is', value: 'open' }] } } }),
  );
  const audit = await json<{ audit_logs: { id: number }[] }>(o.get('/api/v2/audit_logs'), 200);
  const trigger = await json<{ trigger: { id: number } }>(
    o.post('/api/v2/triggers', { trigger: { title: `${marker} trigger`, conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }] }, actions: [{ field: 'priority', value: 'high' }] } }),
  );
  const automation = await json<{ automation: { id: number } }>(
    o.post('/api/v2/automations', { automation: { title: `${marker} automation`, conditions: { all: [{ field: 'SOLVED', operator: 'greater_than', value: '48' }] }, actions: [{ field: 'status', value: 'closed' }] } }),
  );
  const macro = await json<{ macro: { id: number } }>(o.post('/api/v2/macros', { macro: { title: `${marker} macro`, actions: [{ field: 'priority', value: 'low' }] } }));
  const webhook = await json<{ webhook: { id: string } }>(o.post('/api/v2/webhooks', { webhook: { name: `${marker} hook`, endpoint: `https://${marker}.example.com/hook` } }));
  const schedules = await json<{ schedules: { id: number }[] }>(o.get('/api/v2/business_hours/schedules'), 200);
  const schedule = schedules.schedules[0]?.id ?? 0;
  const holiday = await json<{ holiday: { id: number } }>(o.post(`/api/v2/business_hours/schedules/${schedule}/holidays`, { holiday: { name: `${marker} day`, start_date: '2026-12-24', end_date: '2026-12-24' } }));
  const policy = await json<{ sla_policy: { id: number } }>(
    o.post('/api/v2/slas/policies', { sla_policy: { title: `${marker} sla`, filter: { all: [] }, policy_metrics: [{ priority: 'high', metric: 'first_reply_time', target: 60 }] } }),
  );
  const category = await json<{ trigger_category: { id: string } }>(o.post('/api/v2/trigger_categories', { trigger_category: { name: `${marker} category` } }));
  const ticketField = await json<{ ticket_field: { id: number } }>(o.post('/api/v2/ticket_fields', { ticket_field: { type: 'text', title: `${marker} field` } }));
  const userField = await json<{ user_field: { id: number } }>(o.post('/api/v2/user_fields', { user_field: { type: 'text', key: "iso_key", title: `${marker} user field` } }));
  const orgField = await json<{ organization_field: { id: number } }>(o.post('/api/v2/organization_fields', { organization_field: { type: 'text', key: "iso_key", title: `${marker} org field` } }));
  const recurring = await json<{ recurring_ticket: { id: number } }>(
    o.post('/api/v2/recurring_tickets', { recurring_ticket: { title: `${marker} recurring`, recurrence: { kind: 'daily', time: '09:00' }, ticket: { subject: `${marker} daily`, comment: { body: 'x' }, requester_id: customer.id } } }),
  );
  const address = await json<{ recipient_address: { id: number } }>(o.post('/api/v2/recipient_addresses', { recipient_address: { email: `support@${marker}.example.com`, name: `${marker} support` } }));
  const held = await t.database.db
    .insertInto('inbound_emails')
    .values({ account_id: desk.accountId, recipient_address_id: address.recipient_address.id, message_id: `<${marker}@held>`, raw_sha256: '0'.repeat(64), size: 1, mail_from: null, status: 'suspended', reason: 'test', from_address: `x@${marker}.example.com`, subject: `${marker} held`, thread_reason: null, ticket_id: null, created_at: 0, processed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db.insertInto('email_suppressions').values({ account_id: desk.accountId, email: `bounced@${marker}.example.com`, status: '5.1.1', diagnostic: `${marker} bounce`, ticket_id: null, until: t.clock.now() + 86_400_000, created_at: t.clock.now() }).execute();
  const notification = await t.database.db
    .insertInto('notifications')
    .values({ account_id: desk.accountId, user_id: agent.id, kind: 'assigned', ticket_id: (await t.database.db.selectFrom('tickets').select('id').where('account_id', '=', desk.accountId).where('nice_id', '=', ticket).executeTakeFirstOrThrow()).id, audit_id: null, actor_id: null, excerpt: `${marker} notification`, read_at: null, created_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Inserted directly: creating one through the API signs in to a real IMAP server first.
  const mailbox = await t.database.db
    .insertInto('mailboxes')
    .values({ account_id: desk.accountId, recipient_address_id: address.recipient_address.id, host: `imap.${marker}.example.com`, port: 993, secure: 1, username: `support@${marker}.example.com`, password: sealSecret(t.config.secretKey, MAILBOX_SECRET, 'app-password'), folder: 'INBOX', active: 0, uid_validity: null, last_uid: null, last_synced_at: null, state: 'disabled', last_error: null, last_error_at: null, lease_owner: null, lease_until: null, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const form = await json<{ ticket_form: { id: number } }>(o.post('/api/v2/ticket_forms', { ticket_form: { name: `${marker} form`, ticket_field_ids: [ticketField.ticket_field.id] } }));
  const membership = groupMemberships.group_memberships.find((m) => m.group_id === group.group.id);
  expect(orgMemberships.organization_memberships).toHaveLength(1);
  return {
    org: org.organization.id,
    group: group.group.id,
    role: role.custom_role.id,
    agent: agent.id,
    customer: customer.id,
    other: other.id,
    identity: identity.identity.id,
    groupMembership: membership?.id ?? 0,
    orgMembership: orgMemberships.organization_memberships[0]?.id ?? 0,
    token: token.api_token.id,
    job: job.job_status.id,
    audit: audit.audit_logs[0]?.id ?? 0,
    ticket,
    view: view.view.id,
    attachment: uploaded.upload.attachments[0]?.id ?? 0,
    comment: comments.comments[0]?.id ?? 0,
    trigger: trigger.trigger.id,
    automation: automation.automation.id,
    macro: macro.macro.id,
    webhook: Number(webhook.webhook.id),
    schedule,
    holiday: holiday.holiday.id,
    policy: policy.sla_policy.id,
    category: Number(category.trigger_category.id),
    ticketField: ticketField.ticket_field.id,
    userField: userField.user_field.id,
    orgField: orgField.organization_field.id,
    form: form.ticket_form.id,
    recurring: recurring.recurring_ticket.id,
    address: address.recipient_address.id,
    held: held.id,
    mailbox: mailbox.id,
    notification: notification.id,
  };
}

/** Which of B's objects a path parameter names, by the resource before it. */
function idFor(url: string, param: string, ids: Ids): number {
  const segments = url.split('/');
  const at = segments.indexOf(`:${param}`);
  const resource = segments[at - 1];
  const byParam: Record<string, string> = { user_id: 'customer', group_id: 'group', organization_id: 'org', identity_id: 'identity', ticket_id: 'ticket', holiday_id: 'holiday' };
  const byResource: Record<string, string> = {
    users: 'customer',
    groups: 'group',
    organizations: 'org',
    custom_roles: 'role',
    api_tokens: 'token',
    audit_logs: 'audit',
    job_statuses: 'job',
    group_memberships: 'groupMembership',
    organization_memberships: 'orgMembership',
    identities: 'identity',
    tickets: 'ticket',
    requests: 'ticket',
    views: 'view',
    deleted_tickets: 'ticket',
    attachments: 'attachment',
    comments: 'comment',
    triggers: 'trigger',
    automations: 'automation',
    macros: 'macro',
    webhooks: 'webhook',
    schedules: 'schedule',
    policies: 'policy',
    trigger_categories: 'category',
    ticket_fields: 'ticketField',
    user_fields: 'userField',
    organization_fields: 'orgField',
    ticket_forms: 'form',
    recurring_tickets: 'recurring',
    recipient_addresses: 'address',
    suspended_tickets: 'held',
    mailboxes: 'mailbox',
    notifications: 'notification',
  };
  const key = param === 'id' ? byResource[resource ?? ''] : byParam[param];
  const id = key ? ids[key] : undefined;
  if (id === undefined) {
    throw new Error(`isolation test: no id for :${param} in ${url}; add it to idFor`);
  }
  return id;
}

/** Valid bodies, so a request gets past validation to the lookup that must fail. */
function bodyFor(method: string, url: string): unknown {
  const bodies: Record<string, unknown> = {
    'PUT /api/v2/users/:id': { user: { name: 'renamed' } },
    'PUT /api/v2/users/:id/merge': { user: { id: aIds['customer'] } },
    'POST /api/v2/users/:id/password': { password: 'a-new-password-1' },
    'PUT /api/v2/users/:id/password': { password: 'a-new-password-1', previous_password: 'whatever-it-was' },
    'POST /api/v2/users/:id/identities': { identity: { type: 'email', value: 'added@example.net' } },
    'PUT /api/v2/users/:id/identities/:identity_id/make_primary': {},
    'PUT /api/v2/groups/:id': { group: { name: 'renamed' } },
    'PUT /api/v2/users/:user_id/group_memberships/:id/make_default': {},
    'PUT /api/v2/organizations/:id': { organization: { name: 'renamed' } },
    'PUT /api/v2/custom_roles/:id': { custom_role: { name: 'renamed' } },
    'PUT /api/v2/tickets/:id': { ticket: { priority: 'urgent', comment: { body: 'from A' } } },
    'PUT /api/v2/requests/:id': { request: { comment: { body: 'from A' } } },
    'PUT /api/v2/views/:id': { view: { title: 'renamed' } },
    'PUT /api/v2/tickets/:id/mark_as_spam': {},
    'POST /api/v2/tickets/:id/merge': { ids: [aIds['ticket']] },
    'PUT /api/v2/deleted_tickets/:id/restore': {},
    'PUT /api/v2/tickets/:ticket_id/comments/:id/redact': { text: 'body' },
    'PUT /api/v2/triggers/:id': { trigger: { title: 'renamed' } },
    'PUT /api/v2/automations/:id': { automation: { title: 'renamed' } },
    'PUT /api/v2/macros/:id': { macro: { title: 'renamed' } },
    'POST /api/v2/tickets/:ticket_id/macros/:id/apply': {},
    'PUT /api/v2/webhooks/:id': { webhook: { name: 'renamed', endpoint: 'https://a.example.com/' } },
    'POST /api/v2/webhooks/:id/test': {},
    'PUT /api/v2/business_hours/schedules/:id': { schedule: { name: 'renamed' } },
    'PUT /api/v2/business_hours/schedules/:id/workweek': { workweek: { intervals: [] } },
    'POST /api/v2/business_hours/schedules/:id/holidays': { holiday: { name: 'x', start_date: '2026-12-25', end_date: '2026-12-25' } },
    'PUT /api/v2/slas/policies/:id': { sla_policy: { title: 'renamed', policy_metrics: [] } },
    'PUT /api/v2/routing/agents/:user_id': { agent_routing: { availability: 'online' } },
    'PUT /api/v2/routing/groups/:group_id': { group_routing: { mode: 'least_open' } },
    'PUT /api/v2/ticket_fields/:id': { ticket_field: { title: 'renamed' } },
    'PUT /api/v2/user_fields/:id': { user_field: { title: 'renamed' } },
    'PUT /api/v2/organization_fields/:id': { organization_field: { title: 'renamed' } },
    'PUT /api/v2/ticket_forms/:id': { ticket_form: { name: 'renamed', ticket_field_ids: [] } },
    'PUT /api/v2/recurring_tickets/:id': { recurring_ticket: { title: 'renamed', recurrence: { kind: 'daily', time: '10:00' }, ticket: { subject: 'x', comment: { body: 'x' } } } },
    'POST /api/v2/tickets/:id/transfer': { transfer: { assignee_id: null, reason: 'from A' } },
    'PUT /api/v2/recipient_addresses/:id': { recipient_address: { email: 'renamed@a.example.com', name: 'renamed' } },
    'PUT /api/v2/suspended_tickets/:id/recover': {},
    'PUT /api/v2/mailboxes/:id': { mailbox: { active: false } },
    'PUT /api/v2/notifications/:id/read': {},
  };
  const key = `${method} ${url}`;
  if (method === 'GET' || method === 'DELETE') {
    return undefined;
  }
  if (!(key in bodies)) {
    throw new Error(`isolation test: no body for ${key}; add one to bodyFor`);
  }
  return bodies[key];
}

/** A snapshot of everything B has, to compare after A's attempts. */
async function snapshotOf(desk: Helpdesk): Promise<string> {
  const o = desk.owner;
  const parts = await Promise.all(
    ['/api/v2/users', '/api/v2/tickets', '/api/v2/views', '/api/v2/groups', '/api/v2/group_memberships', '/api/v2/organizations', '/api/v2/organization_memberships', '/api/v2/custom_roles', '/api/v2/api_tokens'].map(
      async (path) => {
        const res = await o.get(`${path}?per_page=100`);
        const body = res.json<Record<string, unknown>>();
        return JSON.stringify(body, (k, v: unknown) => (k === 'last_login_at' || k === 'last_used_at' ? undefined : v));
      },
    ),
  );
  return parts.join('\n');
}

beforeAll(async () => {
  t = await createTestApp({ KEFU_SIGNUP: 'open' });
  a = await createHelpdesk(t, 'a');
  b = await createHelpdesk(t, 'b', { firstRun: false });
  aIds = await populate(a, 'alpha');
  bIds = await populate(b, MARKER);
});

afterAll(async () => {
  await t.close();
});

describe('tenant isolation', () => {
  it('answers 404 on every route given the other account’s ids, and changes nothing there', async () => {
    const before = await snapshotOf(b);
    const routes = t.app.routeTable.filter((r) => r.url.includes('/:'));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of routes) {
      const params = [...route.url.matchAll(/:([a-z_]+)/g)].map((m) => m[1] ?? '');
      // Suppressions are keyed by address: B's suppressed address, which A does not have.
      const url = params.reduce((u, p) => u.replace(`:${p}`, p === 'email' ? `bounced@${MARKER}.example.com` : String(idFor(route.url, p, bIds))), route.url);
      const res = await a.owner.request(route.method, url, bodyFor(route.method, route.url));
      if (res.statusCode !== 404) {
        failures.push(`${route.method} ${url} (${route.url}) → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOf(b)).toBe(before);
  });

  it('never lists the other account’s objects on any route without ids', async () => {
    const routes = t.app.routeTable.filter((r) => r.method === 'GET' && !r.url.includes('/:'));
    const leaks: string[] = [];
    for (const route of routes) {
      for (const query of ['', `?query=${MARKER}`, `?name=${MARKER}`, `?external_id=${MARKER}`]) {
        const res = await a.owner.get(`${route.url}${query}`);
        if (res.body.includes(MARKER)) {
          leaks.push(`${route.url}${query}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses the other account’s ids inside request bodies and query strings', async () => {
    const o = a.owner;
    const attempts: [string, Promise<{ statusCode: number; body: string }>][] = [
      ['membership with B user', o.post('/api/v2/group_memberships', { group_membership: { user_id: bIds['agent'], group_id: aIds['group'] } })],
      ['membership with B group', o.post('/api/v2/group_memberships', { group_membership: { user_id: aIds['agent'], group_id: bIds['group'] } })],
      ['org membership with B org', o.post('/api/v2/organization_memberships', { organization_membership: { user_id: aIds['other'], organization_id: bIds['org'] } })],
      ['org membership with B user', o.post('/api/v2/organization_memberships', { organization_membership: { user_id: bIds['other'], organization_id: aIds['org'] } })],
      ['merge into a B user', o.put(`/api/v2/users/${aIds['other']}/merge`, { user: { id: bIds['customer'] } })],
      ['user in B org', o.post('/api/v2/users', { user: { name: 'x', email: 'x1@example.net', organization_id: bIds['org'] } })],
      ['agent with B role', o.post('/api/v2/users', { user: { name: 'x', email: 'x2@example.net', role: 'agent', custom_role_id: bIds['role'] } })],
      ['agent in B group', o.post('/api/v2/users', { user: { name: 'x', email: 'x3@example.net', role: 'agent', group_ids: [bIds['group']] } })],
      ['user update to B org', o.put(`/api/v2/users/${aIds['customer']}`, { user: { organization_id: bIds['org'] } })],
      ['org with B group', o.post('/api/v2/organizations', { organization: { name: 'x', group_id: bIds['group'] } })],
      ['ticket for a B requester', o.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x' }, requester_id: bIds['customer'] } })],
      ['ticket assigned to a B agent', o.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x' }, assignee_id: bIds['agent'] } })],
      ['ticket in a B group', o.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x' }, group_id: bIds['group'] } })],
      ['ticket CCing a B user', o.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x' }, collaborator_ids: [bIds['customer']] } })],
      ['incident of a B problem', o.post('/api/v2/tickets', { ticket: { subject: 'x', comment: { body: 'x' }, type: 'incident', problem_id: bIds['ticket'] } })],
    ];
    for (const [label, attempt] of attempts) {
      const res = await attempt;
      expect([404, 422], `${label}: ${res.body}`).toContain(res.statusCode);
    }
    const counts = await o.get(`/api/v2/views/count_many?ids=${bIds['view']}`);
    expect(counts.json<{ view_counts: unknown[] }>().view_counts).toEqual([]);
    const many = await o.get(`/api/v2/users/show_many?ids=${bIds['customer']},${bIds['agent']}`);
    expect(many.statusCode).toBe(200);
    expect(many.json<{ users: unknown[] }>().users).toEqual([]);
  });

  it('does not let B’s credentials or session work on A’s host', async () => {
    const tokenRes = await b.owner.post('/api/v2/api_tokens', { api_token: { description: 'cross' } });
    const token = tokenRes.json<{ api_token: { token: string } }>().api_token.token;
    const onA: Client = a.anonymous.as({ kind: 'token', email: b.ownerEmail, token });
    expect((await onA.get('/api/v2/users/me')).statusCode).toBe(401);
    expect((await a.anonymous.as({ kind: 'bearer', token }).get('/api/v2/users')).statusCode).toBe(401);
    expect((await a.anonymous.as({ kind: 'basic', email: b.ownerEmail, password: 'owner-password-1' }).get('/api/v2/users')).statusCode).toBe(401);
    const signIn = await b.anonymous.post('/api/v2/sessions', { email: b.ownerEmail, password: 'owner-password-1' });
    const cookie = /kefu_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))?.[1] ?? '';
    const me = await a.anonymous.as({ kind: 'session', cookie, csrf: signIn.json<{ csrf_token: string }>().csrf_token }).get('/api/v2/users/me');
    expect(me.json<{ user: { id: number | null } }>().user.id).toBeNull();
  });

  it('answers 404 for a subdomain with no helpdesk', async () => {
    const res = await a.owner.request('GET', '/api/v2/users/me', undefined, { host: 'nobody.kefu.test' });
    expect(res.statusCode).toBe(404);
  });
});
