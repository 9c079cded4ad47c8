import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { systemCtx } from '../context.js';
import { findAccountBySubdomain } from '../modules/accounts/repo.js';
import { createHelpdesk } from '../modules/accounts/service.js';
import { createGroup } from '../modules/groups/service.js';
import { createOrganization } from '../modules/organizations/service.js';
import { changeTicket } from '../modules/tickets/change-ticket.js';
import { createUser } from '../modules/users/operations/create-user.js';
import { findUserIdByEmail } from '../modules/users/repo.js';
import type { Ctx } from '../context.js';
import { permissionsFor } from '../platform/permissions.js';
import { loadAuthUser } from '../modules/sessions/repo.js';
import { openRuntime } from '../runtime.js';
import { demoAccount, demoAgents, demoCustomers, demoGroups, demoOrganizations, demoOwner, demoTickets } from './demo-data.js';
import { cliBaseCtx, CliError, describeKefuError } from './support.js';

/** `kefu seed --demo`: a demo helpdesk to click through, with a password printed once. */
export async function seedDemo(config: Config, options: { subdomain?: string }): Promise<void> {
  const subdomain = options.subdomain ?? demoAccount.subdomain;
  const runtime = await openRuntime(config);
  try {
    if (await findAccountBySubdomain(runtime.database.db, subdomain)) {
      throw new CliError(`A helpdesk with subdomain "${subdomain}" already exists; pass --subdomain to seed another.`);
    }
    const password = randomBytes(9).toString('base64url');
    const base = cliBaseCtx(runtime);
    const made = await createHelpdesk(
      base,
      { account: { name: demoAccount.name, subdomain }, owner: { ...demoOwner, password } },
      { firstRun: false },
    ).catch(describeKefuError);
    const ctx = systemCtx(base, made.account, 'Demo seed');
    await ctx.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      const groupIds = new Map<string, number>();
      for (const g of demoGroups) {
        groupIds.set(g.name, (await createGroup(tx, { name: g.name, description: g.description })).id);
      }
      for (const a of demoAgents) {
        await createUser(tx, {
          name: a.name,
          email: a.email,
          role: a.role,
          password,
          group_ids: a.groups.map((name) => groupIds.get(name) ?? 0),
          verified: true,
        });
      }
      for (const o of demoOrganizations) {
        await createOrganization(tx, o);
      }
      const people = new Map<string, number>();
      for (const c of demoCustomers) {
        // Organizations come from the email domain, as for any new customer.
        const user = await createUser(tx, { name: c.name, email: c.email, phone: c.phone, tags: c.tags, role: 'end-user', verified: true });
        people.set(c.email, user.id);
      }
      for (const a of demoAgents) {
        people.set(a.email, (await findUserIdByEmail(tx, a.email)) ?? 0);
      }
      await seedTickets(tx, people, groupIds);
    });
    process.stdout.write(
      [
        `Seeded the demo helpdesk "${made.account.name}" (subdomain ${subdomain}):`,
        `  ${demoGroups.length} groups, ${demoAgents.length + 1} agents, ${demoOrganizations.length} organizations, ${demoCustomers.length} customers, ${demoTickets.length} tickets.`,
        `  Sign in as ${demoOwner.email} (owner) or any agent, e.g. ${demoAgents[1]?.email ?? ''}, with password: ${password}`,
        '',
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}

/** The demo conversations, each step by its real author through the ticket-change operation. */
async function seedTickets(ctx: Ctx, people: Map<string, number>, groups: Map<string, number>): Promise<void> {
  const as = async (email: string): Promise<Ctx> => {
    const record = await loadAuthUser(ctx.db, ctx.account.id, people.get(email) ?? 0);
    if (!record) {
      throw new CliError(`demo data names an unknown person ${email}`);
    }
    return { ...ctx, actor: { kind: 'user', user: record.user, via: 'session', sessionId: null }, permissions: permissionsFor(record.user, record.role) };
  };
  const via = { channel: 'web', source: {} };
  for (const d of demoTickets) {
    const requester = await as(d.requester);
    const made = await changeTicket({ ...requester, permissions: { ...requester.permissions, isAgent: false } }, null, { subject: d.subject, comment: { body: d.body } }, { via });
    const id = made.ticket.niceId;
    const agent = await as(d.assignee ?? 'wangfang@demo.kefu.test');
    await changeTicket(agent, id, {
      group_id: groups.get(d.group) ?? null,
      ...(d.assignee ? { assignee_id: people.get(d.assignee) ?? null } : {}),
      ...(d.priority ? { priority: d.priority } : {}),
      ...(d.tags ? { additional_tags: d.tags } : {}),
    }, { via });
    for (const r of d.replies ?? []) {
      if (r.from === 'requester') {
        await changeTicket({ ...requester, permissions: { ...requester.permissions, isAgent: false } }, id, { comment: { body: r.body } }, { via });
      } else {
        await changeTicket(agent, id, { comment: { body: r.body, public: r.from === 'agent' } }, { via });
      }
    }
    if (d.status && d.status !== 'open') {
      await changeTicket(agent, id, { status: d.status }, { via });
    }
  }
}
