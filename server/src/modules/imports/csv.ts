import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { type FieldErrors, invalidField, invalidFields } from '../../platform/errors.js';

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
    throw invalidField('file', `is not a valid CSV file: ${(error as Error).message}`, 'InvalidCsv');
  }
  const [header, ...rows] = records;
  if (!header) {
    throw invalidField('file', 'is empty; the first line must name the columns', 'InvalidCsv');
  }
  if (rows.length === 0) {
    throw invalidField('file', 'has a header but no rows', 'InvalidCsv');
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalidField('file', `has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`, 'TooManyRows');
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
      (details['header'] ??= []).push({
        description: `unknown column "${raw}"; known columns are ${Object.keys(columns).join(', ')}`,
        error: 'UnknownColumn',
      });
    } else if (names.includes(column)) {
      (details['header'] ??= []).push({ description: `column "${raw}" appears twice`, error: 'DuplicateColumn' });
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
export function addRowError(details: FieldErrors, line: number, column: string, description: string, error = 'InvalidValue'): void {
  (details[`rows.${line}.${column}`] ??= []).push({ description, error });
}

/** Adds a row's zod issues to the report, field by field. */
export function addZodErrors(details: FieldErrors, line: number, error: z.ZodError): void {
  for (const issue of error.issues) {
    addRowError(details, line, issue.path.join('.') || 'row', issue.message, issue.code === 'invalid_type' ? 'InvalidType' : 'InvalidValue');
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
