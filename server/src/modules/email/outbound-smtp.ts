import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { isInsideAddress, resolvePublicAddress } from '../../platform/net/public-address.js';
import { openSecret, sealSecret } from '../../platform/secrets.js';
import type { Db } from '../../db/database.js';
import type { MailTransport, OutgoingMail } from '../../platform/mail/transport.js';
import { hostName } from '../shared/fields.js';

const SECRET = 'smtp-address-password';

/** What an admin gives for a support address's own SMTP (QQ, 163 and Tencent Exmail refuse a From that is not the signed-in mailbox). */
export const smtpInput = z.strictObject({
  host: hostName,
  port: z.number().int().min(1).max(65535).default(465),
  /** TLS from the first byte (465); false: STARTTLS (587, 25), required unless the server is on an allowed private network. */
  secure: z.boolean().default(true),
  username: z.string().trim().min(1, 'cannot be blank').max(320),
  /** The app password (授权码). Write-only; leave it out to keep the stored one. */
  password: z.string().min(1).max(1000).optional(),
});
export type SmtpInput = z.infer<typeof smtpInput>;

const stored = z.object({ host: z.string(), port: z.number(), secure: z.boolean(), username: z.string(), password: z.string() });
export type StoredSmtp = z.infer<typeof stored>;

export class SmtpProblem extends Error {
  constructor(
    readonly field: 'host' | 'password',
    message: string,
  ) {
    super(message);
  }
}

export function readStoredSmtp(json: string | null): StoredSmtp | null {
  if (!json) {
    return null;
  }
  const parsed = stored.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** What the API shows: everything but the password. */
export function presentSmtp(json: string | null) {
  const s = readStoredSmtp(json);
  return s ? { host: s.host, port: s.port, secure: s.secure, username: s.username } : null;
}

export function sealSmtp(config: Config, input: SmtpInput, previous: StoredSmtp | null): StoredSmtp {
  // The stored password goes only to the server and account it was given for.
  const sameTarget = previous !== null && previous.host === input.host && previous.port === input.port && previous.username === input.username;
  const password = input.password !== undefined ? sealSecret(config.secretKey, SECRET, input.password) : sameTarget ? previous.password : undefined;
  if (!password) {
    throw new SmtpProblem('password', 'is required for a new SMTP server, host, port or username');
  }
  return { host: input.host, port: input.port, secure: input.secure, username: input.username, password };
}

async function transportFor(config: Config, s: StoredSmtp): Promise<Transporter> {
  let address: string;
  try {
    address = await resolvePublicAddress(s.host, config.allowPrivateCidrs);
  } catch (error) {
    throw new SmtpProblem('host', error instanceof Error ? error.message : String(error));
  }
  return nodemailer.createTransport({
    host: address,
    port: s.port,
    secure: s.secure,
    // STARTTLS is required on the internet; a server inside the company network may speak plaintext.
    requireTLS: !s.secure && !isInsideAddress(address),
    auth: { user: s.username, pass: openSecret(config.secretKey, SECRET, s.password) },
    tls: { servername: s.host },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** Signs in to the server before the address is saved, so a wrong password is told by field. */
export async function verifySmtp(config: Config, s: StoredSmtp): Promise<void> {
  const transport = await transportFor(config, s);
  try {
    await transport.verify();
  } catch (error) {
    const e = error as Error & { code?: string; responseCode?: number };
    throw new SmtpProblem(e.code === 'EAUTH' ? 'password' : 'host', `${e.code === 'EAUTH' ? 'the server refused the username or password' : 'could not connect'}: ${e.message}`.slice(0, 500));
  } finally {
    transport.close();
  }
}

/**
 * Sends a helpdesk's mail: through the support address's own server when it has one
 * (as that mailbox), else through the server-wide relay.
 */
export async function sendAccountMail(deps: { db: Db; config: Config; mail: MailTransport }, accountId: number, payload: OutgoingMail): Promise<void> {
  const { addressId, ...mail } = payload;
  const own =
    addressId === undefined
      ? null
      : readStoredSmtp((await deps.db.selectFrom('recipient_addresses').select('smtp').where('account_id', '=', accountId).where('id', '=', addressId).executeTakeFirst())?.smtp ?? null);
  if (!own) {
    await deps.mail.send(mail);
    return;
  }
  const transport = await transportFor(deps.config, own);
  try {
    await transport.sendMail({ ...mail, envelope: { from: own.username, to: mail.to } });
  } finally {
    transport.close();
  }
}
