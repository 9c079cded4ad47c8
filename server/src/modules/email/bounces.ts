import type { ParsedMail } from './parse.js';

export type FailedRecipient = { address: string; status: string | null; diagnostic: string | null };
export type Bounce = { recipients: FailedRecipient[]; originalMessageIds: string[] };

// Every pattern here is linear: a bounce is anyone's mail, and a regex that backtracks
// quadratically on a crafted line would stall the whole server.
const MESSAGE_ID = /^[ \t]*message-id:[ \t]*(<[^<>\s]{1,250}>)/gim;
const ADDRESS = /^[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/;
/** Bounces are short; only this much of one is read. */
const MAX_TEXT = 64 * 1024;

/** The first email address among a string's tokens (split on what cannot be in one). */
function firstAddress(text: string): string | undefined {
  for (const token of text.split(/[\s<>(),;:"'[\]]+/)) {
    if (token.length <= 254 && ADDRESS.test(token)) {
      return token.toLowerCase();
    }
  }
  return undefined;
}

/** A header-style field in a block of lines, with its folded continuation lines. */
function field(block: string, name: string): string | null {
  const lines = block.split(/\r?\n/);
  const prefix = `${name}:`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length <= prefix.length + 2000 && line.toLowerCase().startsWith(prefix)) {
      let value = line.slice(prefix.length);
      for (let j = i + 1; j < lines.length && /^[ \t]/.test(lines[j] ?? ''); j++) {
        value += ` ${lines[j] ?? ''}`;
      }
      return value.replace(/\s+/g, ' ').trim().slice(0, 2000) || null;
    }
  }
  return null;
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
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    const recipient = field(block, 'final-recipient') ?? field(block, 'original-recipient');
    if (!recipient) {
      continue;
    }
    const action = (field(block, 'action') ?? '').toLowerCase();
    const status = field(block, 'status');
    const address = firstAddress(recipient.replace(/^[\w-]+;/, ''));
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
export function readBounce(parsed: ParsedMail): Bounce | null {
  if (!looksLikeBounce(parsed)) {
    return null;
  }
  const mail = { ...parsed, text: parsed.text.slice(0, MAX_TEXT) };
  const returned = mail.attachments.filter((a) => /^(message\/(rfc822|global|global-headers)|text\/rfc822-headers)/i.test(a.contentType));
  const originalHeaders = returned.map((a) => headerBlock(a.content.subarray(0, MAX_TEXT)));
  const originalMessageIds = [...new Set([...originalHeaders.join('\n').matchAll(MESSAGE_ID), ...mail.text.matchAll(MESSAGE_ID)].map((m) => m[1] ?? '').filter(Boolean))];
  // A bounce in reply to our mail may carry its Message-ID in In-Reply-To as well.
  originalMessageIds.push(...mail.inReplyTo.filter((id) => !originalMessageIds.includes(id)));

  let recipients = dsnRecipients(mail.text);
  if (recipients.length === 0) {
    const failedHeader = mail.headers.get('x-failed-recipients') ?? '';
    recipients = failedHeader
      .slice(0, 4000)
      .split(',')
      .map((a) => firstAddress(a))
      .filter((a): a is string => Boolean(a))
      .map((address) => ({ address, status: null, diagnostic: null }));
  }
  if (recipients.length === 0) {
    // Plain-text bounces: the original's recipients that the text names as failed.
    // (Exchange and Office 365 put the returned headers in the text instead of an attachment.)
    const toLines = originalHeaders.length > 0 ? originalHeaders.map((h) => field(h, 'to') ?? '') : [...mail.text.matchAll(/^to:[ \t]*(.{1,2000})$/gim)].map((m) => m[1] ?? '');
    const originalTo = toLines.flatMap((line) => line.slice(0, 4000).split(',')).map((a) => firstAddress(a)).filter((a): a is string => Boolean(a));
    const text = mail.text.toLowerCase();
    // qmail names each failed recipient as "<address>:" at the start of a line.
    const qmail = [...text.matchAll(/^<([^<>\s@]{1,64}@[^<>\s@]{1,255})>:/gm)].map((m) => m[1] ?? '');
    const candidates = qmail.length > 0 ? qmail : originalTo.filter((a) => text.includes(a));
    recipients = [...new Set(candidates)].map((address) => ({ address, status: null, diagnostic: null }));
  }
  if (recipients.length === 0 && originalMessageIds.length === 0) {
    return null;
  }
  return { recipients, originalMessageIds };
}
