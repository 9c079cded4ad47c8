import { fileTagProblem, staffLiquid } from '../platform/liquid.js';
import { type Message, msg } from '../platform/messages.js';

/**
 * Placeholders in rule and macro texts ({{ticket.requester.name}}, {{ticket.id}}…),
 * rendered by Liquid over plain data: no code runs, only own properties are read, and
 * parsing and rendering are bounded so a hostile template cannot stall a ticket change.
 */
const engine = staffLiquid({
  ownPropertyOnly: true,
  strictFilters: true,
  parseLimit: 20_000,
  renderLimit: 200,
  memoryLimit: 2_000_000,
  cache: 200,
});

export type PlaceholderData = Record<string, unknown>;

export function renderPlaceholders(template: string, data: PlaceholderData): string {
  try {
    return engine.parseAndRenderSync(template, data) as string;
  } catch (error) {
    // A broken template still says something rather than failing the ticket change.
    return `${template}\n\n[template error: ${error instanceof Error ? error.message.split('\n')[0] : 'unknown'}]`;
  }
}

/** Checks a template parses and loads no other template, for a 4xx on save rather than a surprise on send. */
export function templateProblem(template: string): Message | null {
  const fileTag = fileTagProblem(template);
  if (fileTag) {
    return fileTag;
  }
  try {
    engine.parse(template);
    return null;
  } catch (error) {
    return msg('mail.bad_liquid', { detail: error instanceof Error ? (error.message.split('\n')[0] ?? '') : '' });
  }
}
