import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { systemCtx } from '../context.js';
import { findAccountBySubdomain } from '../modules/accounts/repo.js';
import { createHelpdesk } from '../modules/accounts/service.js';
import { createGroup } from '../modules/groups/service.js';
import { createOrganization } from '../modules/organizations/service.js';
import { createUser } from '../modules/users/operations/create-user.js';
import { openRuntime } from '../runtime.js';
import { demoAccount, demoAgents, demoCustomers, demoGroups, demoOrganizations, demoOwner } from './demo-data.js';
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
      for (const c of demoCustomers) {
        // Organizations come from the email domain, as for any new customer.
        await createUser(tx, { name: c.name, email: c.email, phone: c.phone, tags: c.tags, role: 'end-user', verified: true });
      }
    });
    process.stdout.write(
      [
        `Seeded the demo helpdesk "${made.account.name}" (subdomain ${subdomain}):`,
        `  ${demoGroups.length} groups, ${demoAgents.length + 1} agents, ${demoOrganizations.length} organizations, ${demoCustomers.length} customers.`,
        `  Sign in as ${demoOwner.email} (owner) or any agent, e.g. ${demoAgents[1]?.email ?? ''}, with password: ${password}`,
        '',
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}
