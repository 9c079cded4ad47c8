#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { accountCreate } from './cli/account-create.js';
import { seedBench } from './cli/seed-bench.js';
import { seedDemo } from './cli/seed-demo.js';
import { serve } from './cli/serve.js';
import { CliError } from './cli/support.js';
import { ConfigError, loadConfig } from './config.js';
import { openRuntime } from './runtime.js';

const usage = `Usage: kefu <command>

  serve                         run the server (migrates first)
  migrate                       bring the database to the latest version
  account create --name N --subdomain S --owner-name N --owner-email E [--owner-password P] [--locale zh-CN|en]
                                create a further helpdesk and its owner
  seed --demo [--subdomain S]   create a demo helpdesk with Chinese sample data
  seed --bench N [--seed 42] [--subdomain bench] [--manifest F]
                                a benchmark helpdesk with N tickets (deterministic)

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL,
KEFU_BASE_DOMAIN, KEFU_PUBLIC_URL, KEFU_SIGNUP, SECRET_KEY, LOG_LEVEL, KEFU_SMTP_URL, MAIL_FROM, SMTP_PORT, KEFU_SMTP_MAX_BYTES, KEFU_ALLOW_PRIVATE_CIDRS.
`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      subdomain: { type: 'string' },
      'owner-name': { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-password': { type: 'string' },
      locale: { type: 'string' },
      demo: { type: 'boolean' },
      bench: { type: 'string' },
      seed: { type: 'string' },
      manifest: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const runtime = await openRuntime(config);
      process.stdout.write(`Database (${runtime.database.dialect}) is at the latest version.\n`);
      return runtime.close();
    }
    case 'account':
      if (sub !== 'create') {
        throw new CliError(`Unknown command "account ${sub ?? ''}"; did you mean "account create"?`);
      }
      return accountCreate(config, {
        name: values.name,
        subdomain: values.subdomain,
        ownerName: values['owner-name'],
        ownerEmail: values['owner-email'],
        ownerPassword: values['owner-password'],
        locale: values.locale,
      });
    case 'seed':
      if (values.bench !== undefined) {
        const tickets = Number(values.bench);
        if (!Number.isInteger(tickets) || tickets < 1 || tickets > 10_000_000) {
          throw new CliError('--bench takes a number of tickets, e.g. --bench 100000');
        }
        return seedBench(config, {
          tickets,
          seed: Number(values.seed ?? 42),
          subdomain: values.subdomain ?? 'bench',
          manifest: values.manifest ?? `${config.dataDir}/bench-manifest.json`,
        });
      }
      if (!values.demo) {
        throw new CliError('Seed what? kefu seed --demo, or kefu seed --bench N');
      }
      return seedDemo(config, { subdomain: values.subdomain });
    default:
      throw new CliError(`Unknown command "${command}".\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof ConfigError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`kefu: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`kefu: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
