import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type OutgoingMail = {
  from?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
  /** The support address it is sent as: its own SMTP server is used when it has one. */
  addressId?: number;
};

/** Where mail leaves Kefu: SMTP in production, a folder of .eml files without a relay. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailTransport(options: { smtpUrl: string | null; from: string; dataDir: string; log: Logger }): MailTransport {
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        await transporter.sendMail({ ...mail, from: mail.from ?? options.from });
      },
      close: () => transporter.close(),
    };
  }
  // No relay configured (a fresh install): keep each message as an .eml an admin
  // can open, and say so once, rather than dropping it.
  const folder = path.join(options.dataDir, 'mail');
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let warned = false;
  return {
    async send(mail) {
      const info = await transporter.sendMail({ ...mail, from: mail.from ?? options.from });
      mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `${Date.now()}-${info.messageId.replace(/[^a-zA-Z0-9.@-]/g, '')}.eml`);
      writeFileSync(file, info.message as Buffer);
      if (!warned) {
        warned = true;
        options.log.warn({ folder }, 'KEFU_SMTP_URL is not set: outgoing mail is written to this folder instead');
      }
    },
    close: () => transporter.close(),
  };
}
