import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { type FieldErrors, fieldError, invalidField, invalidFields } from '../../platform/errors.js';
import { issueMessage } from '../../platform/issue-messages.js';
import { type Message, msg } from '../../platform/messages.js';

export const MAX_IMPORT_ROWS = 10_000;

/** A data row with its line number in the file (the header is line 1), as a spreadsheet shows it. */
export type CsvRow = { line: number; values: Record<string, string> };

/**
 * Spreadsheets made in China often save CSV as GB18030 (GBK) rather than UTF-8; a file
 * that is not valid UTF-8 is read as GB18030.
 */
export function decodeCsv(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/**
 * Parses a CSV file with a header row. Header names are matched case-insensitively,
 * Chinese aliases included; an unknown or repeated column fails the whole file.
 */
export function parseCsv(body: Buffer, columns: Record<string, readonly string[]>): CsvRow[] {
  let records: string[][];
  try {
    records = parse(decodeCsv(body), { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (error) {
    throw invalidField('file', msg('import.not_csv', { detail: (error as Error).message }), 'InvalidCsv');
  }
  const [header, ...rows] = records;
  if (!header) {
    throw invalidField('file', msg('import.no_header'), 'InvalidCsv');
  }
  if (rows.length === 0) {
    throw invalidField('file', msg('import.no_rows'), 'InvalidCsv');
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalidField('file', msg('import.too_many_rows', { count: rows.length, max: MAX_IMPORT_ROWS }), 'TooManyRows');
  }
  const lookup = new Map<string, string>();
  for (const [column, aliases] of Object.entries(columns)) {
    for (const alias of [column, ...aliases]) {
      lookup.set(alias.toLowerCase(), column);
    }
  }
  const names: string[] = [];
  const details: FieldErrors = {};
  for (const raw of header) {
    const column = lookup.get(raw.toLowerCase());
    if (!column) {
      (details['header'] ??= []).push(fieldError(msg('import.unknown_column', { column: raw, known: Object.keys(columns) }), 'UnknownColumn'));
    } else if (names.includes(column)) {
      (details['header'] ??= []).push(fieldError(msg('import.duplicate_column', { column: raw }), 'DuplicateColumn'));
    }
    names.push(column ?? raw);
  }
  if (Object.keys(details).length > 0) {
    throw invalidFields(details);
  }
  return rows.map((cells, index) => ({
    line: index + 2,
    values: Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])),
  }));
}

/** Adds one error for a row; keys read `rows.<line>.<column>`. */
export function addRowError(details: FieldErrors, line: number, column: string, message: Message, error = 'InvalidValue'): void {
  (details[`rows.${line}.${column}`] ??= []).push(fieldError(message, error));
}

/** Adds a row's zod issues to the report, field by field. */
export function addZodErrors(details: FieldErrors, line: number, error: z.ZodError): void {
  for (const issue of error.issues) {
    const { message, english } = issueMessage({ code: issue.code, message: issue.message, params: { ...issue } });
    const column = issue.path.join('.') || 'row';
    const error = issue.code === 'invalid_type' ? 'InvalidType' : 'InvalidValue';
    (details[`rows.${line}.${column}`] ??= []).push(english === null ? fieldError(message, error) : { description: english, error, message });
  }
}

/** Splits a list cell: commas (either width), semicolons or spaces. */
export const splitList = (cell: string): string[] =>
  cell
    .split(/[,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** An empty cell means "not given". */
export const cellOrUndefined = (cell: string | undefined): string | undefined => (cell === undefined || cell === '' ? undefined : cell);

export function parseBooleanCell(cell: string | undefined): boolean | undefined | 'invalid' {
  const v = cellOrUndefined(cell)?.toLowerCase();
  if (v === undefined) {
    return undefined;
  }
  if (['true', 'yes', 'y', '1', '是'].includes(v)) {
    return true;
  }
  if (['false', 'no', 'n', '0', '否'].includes(v)) {
    return false;
  }
  return 'invalid';
}
