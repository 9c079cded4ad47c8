import { fieldCatalogue, type FieldMessageKey } from './field-messages.js';
import type { Locale } from './i18n.js';

/** A list is joined the way each language writes one; a nested message is said in the same language. */
export type MessageParam = string | number | readonly string[] | Message;
export type Message = { key: FieldMessageKey; params?: Record<string, MessageParam>; field?: string };

/** A catalogue message; `field` prefixes it with the path ("group.name: cannot be blank"), as zod issues read. */
export function msg(key: FieldMessageKey, params?: Record<string, MessageParam>): Message {
  return params ? { key, params } : { key };
}

const listSeparator: Record<Locale, string> = { 'zh-CN': '、', en: ', ' };

function sayParam(locale: Locale, value: MessageParam): string {
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.join(listSeparator[locale]);
  }
  return renderMessage(locale, value as Message);
}

export function renderMessage(locale: Locale, message: Message): string {
  const template: string = fieldCatalogue[locale][message.key];
  const text = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = message.params?.[name];
    return value === undefined ? whole : sayParam(locale, value);
  });
  return message.field ? `${message.field}: ${text}` : text;
}

type Template = { key: FieldMessageKey; names: string[]; pattern: RegExp; literal: number };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest literal text first, so '"{{value}}" is also on line' wins over '{{value}} is also on line'.
const templates: Template[] = (Object.entries(fieldCatalogue.en) as [FieldMessageKey, string][])
  // Type and rule names are parts of messages; "must be {{expected}}" would claim any sentence starting "must be".
  .filter(([key]) => !key.startsWith('type.') && !key.startsWith('rule_kind.') && !key.startsWith('entity.') && key !== 'field.wrong_type')
  .map(([key, text]) => {
    const parts = text.split(/\{\{(\w+)\}\}/);
    const literals = parts.filter((_, i) => i % 2 === 0);
    return {
      key,
      names: parts.filter((_, i) => i % 2 === 1),
      pattern: new RegExp(`^${literals.map(escape).join('(.+)')}$`, 's'),
      literal: literals.join('').length,
    };
  })
  .sort((a, b) => a.names.length - b.names.length || b.literal - a.literal);

/**
 * The message an English sentence says, when it is one of the catalogue's. Zod schemas and the
 * modules that do not name their messages yet write English; matching keeps the catalogue the
 * one place a sentence is translated. A leading "path: " is kept.
 */
export function matchSentence(sentence: string): Message | null {
  const whole = matchTemplate(sentence);
  if (whole) {
    return whole;
  }
  const prefixed = /^([\w.[\]]+): (.+)$/s.exec(sentence);
  const inner = prefixed?.[2] === undefined ? null : matchTemplate(prefixed[2]);
  return inner && prefixed?.[1] ? { ...inner, field: prefixed[1] } : null;
}

function matchTemplate(text: string): Message | null {
  for (const t of templates) {
    const found = t.pattern.exec(text);
    if (found) {
      return t.names.length ? { key: t.key, params: Object.fromEntries(t.names.map((name, i) => [name, found[i + 1] ?? ''])) } : { key: t.key };
    }
  }
  return null;
}
