import type { TicketField } from './types';

/** A field's title and help in the reader's language, falling back to the one the API chose. */
export const fieldTitle = (field: TicketField, language: string): string => field.titles[language] ?? field.title;
export const fieldHelp = (field: TicketField, language: string): string => field.descriptions[language] ?? field.description;

/** Option names with "::" are a cascading drop-down's path: 华东::上海 reads 华东 / 上海. */
export const optionLabel = (name: string): string => name.split('::').join(' / ');

/** A scalar answer as text (objects never occur in answers, but would read as JSON rather than [object Object]). */
export const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** How a stored answer reads: option names for drop-downs, 是/否 for checkboxes, the text otherwise. */
export function displayValue(field: TicketField | undefined, value: unknown, words: { yes: string; no: string; empty: string }): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return words.empty;
  }
  if (!field) {
    return Array.isArray(value) ? value.map(asText).join('、') : asText(value);
  }
  const options = [...(field.custom_field_options ?? []), ...(field.retired_options ?? [])];
  const name = (v: unknown) => {
    const option = options.find((o) => o.value === v);
    return option ? optionLabel(option.name) : asText(v);
  };
  switch (field.type) {
    case 'checkbox':
      return value === true ? words.yes : words.no;
    case 'tagger':
      return name(value);
    case 'multiselect':
      return (Array.isArray(value) ? value : [value]).map(name).join('、');
    default:
      return asText(value);
  }
}
