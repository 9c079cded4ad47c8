import { ImapFlow, type MailboxObject } from 'imapflow';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { MailboxesTable } from '../../db/schema.js';
import { isInsideAddress, resolvePublicAddress } from '../../platform/net/public-address.js';
import { openSecret } from '../../platform/secrets.js';

export const MAILBOX_SECRET = 'imap-mailbox-password';

/** Folders mail is sent or drafted in: importing them would turn the helpdesk's own replies into tickets. */
const OUTGOING_FOLDERS = new Set(['\\Sent', '\\Drafts']);

export class MailboxProblem extends Error {
  constructor(
    readonly field: 'host' | 'password' | 'folder',
    message: string,
  ) {
    super(message);
  }
}

export type MailboxSettings = Pick<MailboxesTable, 'host' | 'port' | 'secure' | 'username' | 'folder'> & { password: string };

export const sealedSettings = (config: Config, row: Pick<MailboxesTable, 'host' | 'port' | 'secure' | 'username' | 'folder' | 'password'>): MailboxSettings => ({
  ...row,
  password: openSecret(config.secretKey, MAILBOX_SECRET, row.password),
});

function describe(error: unknown): string {
  if (error instanceof Error) {
    const extra = error as Error & { responseText?: string; code?: string };
    return [extra.responseText ?? error.message, extra.code].filter(Boolean).join(' ').slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/**
 * Connects and signs in to an admin's mailbox. The host is resolved once and checked
 * (no private addresses unless allowed); TLS still verifies the certificate against the
 * name. imapflow sends the IMAP ID command, which 163/126 require before SELECT.
 */
export async function connectMailbox(settings: MailboxSettings, deps: { config: Config; log: Logger }): Promise<ImapFlow> {
  let address: string;
  try {
    address = await resolvePublicAddress(settings.host, deps.config.allowPrivateCidrs);
  } catch (error) {
    throw new MailboxProblem('host', describe(error));
  }
  const client = new ImapFlow({
    host: address,
    servername: settings.host,
    port: settings.port,
    secure: settings.secure === 1,
    // Without TLS from the start, STARTTLS is required on the internet (a stripped offer would
    // send the password in clear); a server inside the company network may speak plaintext.
    ...(settings.secure === 1 || isInsideAddress(address) ? {} : { doSTARTTLS: true }),
    auth: { user: settings.username, pass: settings.password },
    clientInfo: { name: 'Kefu', vendor: 'Kefu', 'support-url': 'https://github.com/kefu' },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    // A dead connection is noticed within this long even if the server never closes it.
    socketTimeout: 10 * 60_000,
    // Kefu sends nothing between checks, so IDLE may start soon after one.
    autoIdleDelay: 1_000,
    // IDLE is restarted this often: some servers drop an IDLE they think idle for long.
    maxIdleTime: 5 * 60_000,
    tls: { servername: settings.host },
  });
  // Errors after connect arrive as events; without a listener they would crash the process.
  client.on('error', (err: unknown) => deps.log.warn({ err: describe(err) }, 'IMAP connection error'));
  try {
    await client.connect();
  } catch (error) {
    client.close();
    const failed = error as { authenticationFailed?: boolean };
    throw new MailboxProblem(failed.authenticationFailed ? 'password' : 'host', failed.authenticationFailed ? `the server refused the username or password: ${describe(error)}` : `could not connect: ${describe(error)}`);
  }
  return client;
}

/** Opens the folder Kefu reads, refusing a Sent or Drafts folder. */
export async function openFolder(client: ImapFlow, folder: string): Promise<MailboxObject> {
  let opened: MailboxObject;
  try {
    opened = await client.mailboxOpen(folder);
  } catch (error) {
    throw new MailboxProblem('folder', `cannot open ${folder}: ${describe(error)}`);
  }
  if (opened.specialUse && OUTGOING_FOLDERS.has(opened.specialUse)) {
    throw new MailboxProblem('folder', `${folder} is the ${opened.specialUse.slice(1)} folder; Kefu reads incoming mail only`);
  }
  return opened;
}

/** Signs in, opens the folder and signs out: what saving a mailbox checks first. */
export async function verifyMailbox(settings: MailboxSettings, deps: { config: Config; log: Logger }): Promise<void> {
  const client = await connectMailbox(settings, deps);
  try {
    await openFolder(client, settings.folder);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
