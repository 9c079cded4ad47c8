import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { type AddressObject, simpleParser } from 'mailparser';

export type MailAddress = { address: string; name: string };
export type MailAttachment = { fileName: string; contentType: string; content: Buffer; contentId: string | null; inline: boolean };

export type ParsedMail = {
  messageId: string;
  synthesizedMessageId: boolean;
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  headers: Map<string, string>;
  contentType: string;
};

const HEADER_END = /\r?\n\r?\n/;

/**
 * Headers with raw 8-bit GBK or Big5 bytes (old Foxmail, some Chinese gateways) are not
 * UTF-8, and parsers turn them into U+FFFD. When the header block is not valid UTF-8,
 * decode it with the charset the message declares (GB18030, a superset of GBK and
 * GB2312, unless it says Big5) and hand the parser UTF-8 instead.
 */
export function decodeRawHeaders(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const match = HEADER_END.exec(text);
  const end = match ? match.index : raw.length;
  const header = raw.subarray(0, end);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(header);
    return raw;
  } catch {
    const declared = /charset\s*=\s*"?([\w-]+)/i.exec(header.toString('latin1'))?.[1]?.toLowerCase() ?? '';
    const charset = declared.includes('big5') ? 'big5' : 'gb18030';
    const utf8 = Buffer.from(iconv.decode(header, charset), 'utf8');
    return Buffer.concat([utf8, raw.subarray(end)]);
  }
}

/**
 * Declared Chinese charsets widened to their supersets, so characters outside the
 * declared set (common: GB2312 labels on GBK text, Big5 on HKSCS) decode instead of
 * turning into U+FFFD. Done on the bytes as latin1, which round-trips every byte.
 */
export function widenCharsets(raw: Buffer): Buffer {
  let text = raw.toString('latin1');
  // A message that starts with blank lines (a lost leading header) would otherwise have no headers at all.
  text = text.replace(/^(\r?\n)+/, '');
  text = text
    .replace(/(charset\s*=\s*"?)(gb2312|gbk|x-gbk|cp936|euc-cn)\b/gi, '$1gb18030')
    .replace(/=\?(gb2312|gbk|x-gbk|cp936|euc-cn)\?/gi, '=?gb18030?')
    .replace(/(charset\s*=\s*"?)big5\b(?!-?hkscs)/gi, '$1big5hkscs')
    .replace(/=\?big5\?/gi, '=?big5hkscs?');
  return Buffer.from(text, 'latin1');
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list
    .flatMap((a) => a.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a): a is { address: string; name: string } => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ address: a.address.trim().toLowerCase(), name: (a.name ?? '').trim() }));
}

function messageIds(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/);
  return list.map((v) => v.trim()).filter((v) => /^<[^<>\s]+>$/.test(v));
}

/** Parses a raw message; a missing Message-ID gets one derived from the content, so a redelivery dedupes. */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const mail = await simpleParser(decodeRawHeaders(widenCharsets(raw)), { skipImageLinks: true, skipTextLinks: true, maxHtmlLengthToParse: 2_000_000 });
  const headers = new Map<string, string>();
  for (const line of mail.headerLines) {
    const name = line.key.toLowerCase();
    const value = line.line.slice(line.line.indexOf(':') + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name) ?? ''}, ${value}` : value);
  }
  const given = typeof mail.messageId === 'string' && /^<[^<>\s]+>$/.test(mail.messageId.trim()) ? mail.messageId.trim() : null;
  const html = typeof mail.html === 'string' && mail.html.trim() ? mail.html : null;
  const referenced = new Set([...(html ?? '').matchAll(/cid:([^"'\s>)]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()));
  return {
    messageId: given ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@synthesized.kefu>`,
    synthesizedMessageId: given === null,
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    from: addresses(mail.from)[0] ?? null,
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: mail.text ?? '',
    html,
    attachments: mail.attachments.map((a) => {
      const cid = a.contentId ? a.contentId.replace(/^<|>$/g, '') : null;
      // Outlook sends inline images without Content-Disposition: inline is whatever the HTML refers to.
      const inline = cid !== null && referenced.has(cid.toLowerCase());
      return { fileName: a.filename ?? (inline ? `image-${cid ?? 'inline'}` : 'attachment'), contentType: a.contentType, content: a.content, contentId: cid, inline };
    }),
    headers,
    contentType: (headers.get('content-type') ?? 'text/plain').toLowerCase(),
  };
}
