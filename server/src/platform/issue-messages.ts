import { fieldCatalogue, type FieldMessageKey } from './field-messages.js';
import { matchSentence, type Message, msg, renderMessage } from './messages.js';

/** A zod issue as fastify-type-provider-zod hands it over (or a ZodError's issue, flattened). */
export type IssueFacts = { code: string; message: string | undefined; params: Record<string, unknown> };

const num = (v: unknown): number | string => (typeof v === 'number' || typeof v === 'string' ? v : '?');

function typeName(expected: unknown): Message | string {
  const key = `type.${String(expected)}`;
  return key in fieldCatalogue.en ? msg(key as FieldMessageKey) : String(expected);
}

function tooSmall(p: Record<string, unknown>): Message {
  const minimum = num(p.minimum);
  switch (p.origin) {
    case 'string':
      return p.exact ? msg('field.length', { length: minimum }) : minimum === 1 ? msg('field.blank') : msg('field.too_short', { minimum });
    case 'array':
    case 'set':
      return p.exact ? msg('field.item_count', { length: minimum }) : msg('field.too_few_items', { minimum });
    default:
      return p.inclusive === false ? msg('field.greater_than', { minimum }) : msg('field.at_least', { minimum });
  }
}

function tooBig(p: Record<string, unknown>): Message {
  const maximum = num(p.maximum);
  switch (p.origin) {
    case 'string':
      return p.exact ? msg('field.length', { length: maximum }) : msg('field.too_long', { maximum });
    case 'array':
    case 'set':
      return p.exact ? msg('field.item_count', { length: maximum }) : msg('field.too_many_items', { maximum });
    default:
      return p.inclusive === false ? msg('field.less_than', { maximum }) : msg('field.at_most', { maximum });
  }
}

const formats: Record<string, FieldMessageKey> = { email: 'field.not_email', url: 'field.not_url', datetime: 'field.not_time', date: 'field.not_date' };

/** What a zod issue says, from its code and parameters, in words the catalogue has in every language. */
function genericMessage({ code, message, params: p }: IssueFacts): Message {
  switch (code) {
    case 'invalid_type':
      // zod reports a missing key as "expected string, received undefined"; the input itself is not kept.
      return message?.endsWith('received undefined') ? msg('field.required') : msg('field.wrong_type', { expected: typeName(p.expected) });
    case 'too_small':
      return tooSmall(p);
    case 'too_big':
      return tooBig(p);
    case 'invalid_format':
      return msg(formats[String(p.format)] ?? 'field.bad_format');
    case 'invalid_value':
      return msg('field.one_of', { values: (Array.isArray(p.values) ? p.values : []).map((v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))) });
    case 'not_multiple_of':
      return msg('field.multiple_of', { divisor: num(p.divisor) });
    default:
      return msg('field.invalid');
  }
}

/**
 * A refinement's message by catalogue key: `.refine(check, { ...refineMessage(msg(key)), path })`.
 * Zod keeps the English sentence (for a parse outside the HTTP edge); the issue carries the
 * message itself, so the edge says it in the reader's language without matching it back.
 */
export function refineMessage(message: Message): { message: string; params: { message: Message } } {
  return { message: renderMessage('en', message), params: { message } };
}

/** The message refineMessage put on a custom issue (zod hands the refine's params over as `params`). */
function namedMessage(p: Record<string, unknown>): Message | null {
  const named: unknown = typeof p.params === 'object' && p.params !== null ? (p.params as Record<string, unknown>).message : undefined;
  if (typeof named !== 'object' || named === null) {
    return null;
  }
  const key: unknown = (named as Record<string, unknown>).key;
  return typeof key === 'string' && key in fieldCatalogue.en ? (named as Message) : null;
}

/**
 * The message for a zod issue: the one a refinement names, else the schema's own sentence when
 * the catalogue knows it (a refine's "give either a holiday or official_holidays"), else the
 * generic one for its code. In English a sentence the catalogue lacks is kept as the schema wrote it.
 */
export function issueMessage(issue: IssueFacts): { message: Message; english: string | null } {
  const known = namedMessage(issue.params) ?? (issue.message === undefined ? null : matchSentence(issue.message));
  if (known) {
    return { message: known, english: null };
  }
  // zod's own sentences start with a capital ("Too small: …"); a schema's are lower-case phrases.
  const custom = issue.message !== undefined && /^[a-z]/.test(issue.message) ? issue.message : null;
  return { message: genericMessage(issue), english: custom };
}
