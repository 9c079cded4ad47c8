import { Liquid, type LiquidOptions } from 'liquidjs';
import { type Message, msg } from './messages.js';

/**
 * Liquid for templates that helpdesk staff write (mail layouts, macro and trigger texts).
 * liquidjs reads `{% include %}`, `{% render %}` and `{% layout %}` from the server's working
 * directory by default, which would let an admin of any helpdesk print the secret key or the
 * database into a preview; here those tags only see an empty in-memory set.
 */
export function staffLiquid(options: LiquidOptions): Liquid {
  return new Liquid({ ...options, templates: {}, relativeReference: false });
}

const FILE_TAG = /\{%-?\s*(include|render|layout)\b/;

/** A template that asks for another template is refused on save, so nothing fails on send. */
export function fileTagProblem(template: string): Message | null {
  const tag = FILE_TAG.exec(template)?.[1];
  return tag ? msg('mail.file_tag', { tag }) : null;
}
