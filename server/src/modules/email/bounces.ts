import type { ParsedMail } from './parse.js';

export type FailedRecipient = { address: string; status: string | null; diagnostic: string | null };
export type Bounce = { recipients: FailedRecipient[]; originalMessageIds: string[] };

const MESSAGE_ID = /^\s*message-id:\s*(<[^<>\s]+>)/gim;
const ADDRESS = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/;

function field(block: string, name: string): string | null {
  const match = new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(block);
  return match?.[1] ? match[1].replace(/\s+/g, ' ').trim() : null;
}

/** The header block of an attached message (message/rfc822 or text/rfc822-headers). */
function headerBlock(content: Buffer): string {
  const text = content.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * The per-recipient blocks of an RFC 3464 delivery-status report (mailparser hands its
 * text over in the body), keeping the recipients whose delivery failed for good.
 */
function dsnRecipients(text: string): FailedRecipient[] {
  const failed: FailedRecipient[] = [];
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const recipient = field(block, 'final-recipient') ?? field(block, 'original-recipient');
    if (!recipient) {
      continue;
    }
    const action = (field(block, 'action') ?? '').toLowerCase();
    const status = field(block, 'status');
    const address = ADDRESS.exec(recipient.replace(/^[\w-]+;\s*/, ''))?.[0]?.toLowerCase();
    if (address && (action === 'failed' || (action === '' && status?.startsWith('5')))) {
      failed.push({ address, status, diagnostic: field(block, 'diagnostic-code')?.slice(0, 500) ?? null });
    }
  }
  return failed;
}

/** Does this look like a delivery failure at all (before reading it closely)? */
function looksLikeBounce(mail: ParsedMail): boolean {
  const from = mail.from?.address ?? '';
  return (
    /report-type\s*=\s*"?delivery-status/i.test(mail.contentType) ||
    mail.headers.has('x-failed-recipients') ||
    /^(mailer-daemon|postmaster)@/i.test(from)
  );
}

/**
 * Reads a bounce: who could not be reached (RFC 3464 reports, Exim's X-Failed-Recipients,
 * or plain-text bounces such as qmail's and Aliyun's, which name the original's
 * recipients in their text) and the Message-ID of the mail that bounced (from the
 * returned message or its headers), or null when the mail is not a bounce.
 */
export function readBounce(mail: ParsedMail): Bounce | null {
  if (!looksLikeBounce(mail)) {
    return null;
  }
  const returned = mail.attachments.filter((a) => /^(message\/(rfc822|global|global-headers)|text\/rfc822-headers)/i.test(a.contentType));
  const originalHeaders = returned.map((a) => headerBlock(a.content));
  const originalMessageIds = [...new Set([...originalHeaders.join('\n').matchAll(MESSAGE_ID), ...mail.text.matchAll(MESSAGE_ID)].map((m) => m[1] ?? '').filter(Boolean))];
  // A bounce in reply to our mail may carry its Message-ID in In-Reply-To as well.
  originalMessageIds.push(...mail.inReplyTo.filter((id) => !originalMessageIds.includes(id)));

  let recipients = dsnRecipients(mail.text);
  if (recipients.length === 0) {
    const failedHeader = mail.headers.get('x-failed-recipients') ?? '';
    recipients = failedHeader
      .split(',')
      .map((a) => ADDRESS.exec(a)?.[0]?.toLowerCase())
      .filter((a): a is string => Boolean(a))
      .map((address) => ({ address, status: null, diagnostic: null }));
  }
  if (recipients.length === 0) {
    // Plain-text bounces: the original's recipients that the text names as failed.
    // (Exchange and Office 365 put the returned headers in the text instead of an attachment.)
    const toLines = originalHeaders.length > 0 ? originalHeaders.map((h) => field(h, 'to') ?? '') : [...mail.text.matchAll(/^to:\s*(.+)$/gim)].map((m) => m[1] ?? '');
    const originalTo = toLines.flatMap((line) => line.split(',')).map((a) => ADDRESS.exec(a)?.[0]?.toLowerCase()).filter((a): a is string => Boolean(a));
    const text = mail.text.toLowerCase();
    // qmail names each failed recipient as "<address>:" at the start of a line.
    const qmail = [...text.matchAll(/^<([^<>\s]+@[^<>\s]+)>:/gm)].map((m) => m[1] ?? '');
    const candidates = qmail.length > 0 ? qmail : originalTo.filter((a) => text.includes(a));
    recipients = [...new Set(candidates)].map((address) => ({ address, status: null, diagnostic: null }));
  }
  if (recipients.length === 0 && originalMessageIds.length === 0) {
    return null;
  }
  return { recipients, originalMessageIds };
}
