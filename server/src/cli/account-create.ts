import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { newHelpdeskBody } from '../modules/accounts/schema.js';
import { createHelpdesk } from '../modules/accounts/service.js';
import { openRuntime } from '../runtime.js';
import { cliBaseCtx, CliError, describeKefuError } from './support.js';

type Options = { name?: string; subdomain?: string; ownerName?: string; ownerEmail?: string; ownerPassword?: string; locale?: string };

/** `kefu account create`: a further helpdesk on this server, with its owner. */
export async function accountCreate(config: Config, options: Options): Promise<void> {
  const generated = options.ownerPassword ? null : randomBytes(12).toString('base64url');
  const parsed = newHelpdeskBody.safeParse({
    account: { name: options.name, subdomain: options.subdomain, ...(options.locale ? { locale: options.locale } : {}) },
    owner: { name: options.ownerName, email: options.ownerEmail, password: options.ownerPassword ?? generated },
  });
  if (!parsed.success) {
    const flag = (path: string): string =>
      ({ 'account.name': '--name', 'account.subdomain': '--subdomain', 'account.locale': '--locale', 'owner.name': '--owner-name', 'owner.email': '--owner-email', 'owner.password': '--owner-password' })[path] ?? path;
    throw new CliError(parsed.error.issues.map((i) => `${flag(i.path.join('.'))}: ${i.message}`).join('\n'));
  }
  const runtime = await openRuntime(config);
  try {
    const made = await createHelpdesk(cliBaseCtx(runtime), parsed.data, { firstRun: false }).catch(describeKefuError);
    process.stdout.write(`Created helpdesk "${made.account.name}" (${made.account.subdomain}), account id ${made.account.id}.\n`);
    process.stdout.write(`Owner: ${made.owner.name} <${made.owner.email ?? ''}>\n`);
    if (generated) {
      process.stdout.write(`Owner password (shown once): ${generated}\n`);
    }
  } finally {
    await runtime.close();
  }
}
