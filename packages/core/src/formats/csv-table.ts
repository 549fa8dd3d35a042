/**
 * Delimited text in and out: a parsed table whose rows carry spreadsheet row numbers, and safe cell writing.
 */
import { parse } from 'csv-parse/sync';
import type { ProblemList } from './input.ts';
import { DEFAULT_MAX_LINE_BYTES, excerpt, findLongLine, formatBytes } from './input.ts';

/** One data row: its spreadsheet row number (the header is row 1) and its cells. */
export interface CsvRow {
  row: number;
  cells: string[];
}

/** A parsed CSV file: trimmed header labels and the non-empty data rows. */
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  /** Lines of text around the table, left out: a title above the header, notes below the data ("Source: …"). */
  outside?: CsvRow[];
  /** Row of the header when title lines come first (1 otherwise). */
  headerRow?: number;
}

/** Lines above the header that a portal's export may carry (a title, a date). */
const MAX_TITLE_LINES = 10;
const filled = (cells: readonly string[]): string[] => cells.filter((cell) => cell.trim() !== '');
/**
 * A line of text alone: one cell of several words, not starting with a year (a data row of placeholders
 * keeps its year; a header of one named column and unnamed ones is one word).
 */
const isTextLine = (cells: readonly string[]): boolean => {
  const [only, ...more] = filled(cells);
  return (
    only !== undefined &&
    more.length === 0 &&
    /\p{L}/u.test(only) &&
    only.trim().split(/\s+/).length >= 2 &&
    !/^\s*\d{4}\b/.test(only)
  );
};

/**
 * The delimiter of a file, guessed from its first line: the most frequent of comma, semicolon and tab
 * outside quotes (labels such as "Safe, orderly and regular migration" are quoted in semicolon files),
 * comma on a tie.
 */
function guessDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/**
 * Parse CSV text into a table, adding a problem for every malformed row (bad quoting, wrong number of
 * cells) instead of stopping at the first. Returns undefined when there is no usable header.
 */
export function parseCsvTable(
  text: string,
  problems: ProblemList,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): CsvTable | undefined {
  const long = findLongLine(text, maxLineBytes);
  if (long) {
    problems.add({
      row: long.line,
      message: `line ${long.line} is ${formatBytes(long.bytes)} long; the limit is ${formatBytes(maxLineBytes)} per line`,
    });
    return undefined;
  }
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  let row = 0;
  const records: CsvRow[] = [];
  try {
    parse(text, {
      delimiter: guessDelimiter(firstLine),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      max_record_size: maxLineBytes,
      skip_records_with_error: true,
      on_skip: (error) => {
        row += 1;
        problems.add({
          row,
          message: `malformed CSV at line ${error?.lines ?? '?'}: ${csvErrorReason(error?.message ?? 'unreadable row')}`,
        });
      },
      on_record: (cells: string[]) => {
        row += 1;
        records.push({ row, cells });
        return null;
      },
    });
  } catch (error) {
    // skip_records_with_error covers row-level errors; anything left is fatal for the whole file.
    const message = error instanceof Error ? error.message : String(error);
    problems.add({ message: `malformed CSV: ${csvErrorReason(message)}` });
    return undefined;
  }
  // Title lines above the header: single cells of text before the first line of several cells.
  const start = records.findIndex((record) => filled(record.cells).length >= 2);
  const titles =
    start > 0 &&
    start <= MAX_TITLE_LINES &&
    records.slice(0, start).every((record) => filled(record.cells).length === 0 || isTextLine(record.cells))
      ? start
      : 0;
  const outside = records.slice(0, titles).filter((record) => filled(record.cells).length > 0);
  const [headerRecord, ...body] = records.slice(titles);
  // Note lines below the data: single cells of text after the last row, when the table has several columns.
  let end = body.length;
  while (headerRecord && headerRecord.cells.length >= 3 && end > 0 && isTextLine(body[end - 1]?.cells ?? [])) end -= 1;
  if (!body.slice(0, end).some((record) => filled(record.cells).length >= 2)) end = body.length;
  const rest = body.slice(0, end);
  outside.push(...body.slice(end));
  if (!headerRecord || headerRecord.cells.every((cell) => cell.trim() === '')) {
    problems.add({ row: 1, message: 'the file is empty: expected a header row' });
    return undefined;
  }
  const header = headerRecord.cells.map((label) => label.trim());
  const rows: CsvRow[] = [];
  for (const record of rest) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    if (record.cells.length !== header.length) {
      problems.add({
        row: record.row,
        value: excerpt(record.cells.join(',')),
        message: `row ${record.row} has ${record.cells.length} cells; the header has ${header.length}`,
      });
      continue;
    }
    rows.push(record);
  }
  return outside.length > 0 ? { header, rows, outside, headerRow: headerRecord.row } : { header, rows };
}

function csvErrorReason(message: string): string {
  // csv-parse messages start with a title ("Invalid Opening Quote: …"); keep them, they are precise.
  return message.replace(/\s+/g, ' ').trim();
}

/** A text cell would be read as a formula by a spreadsheet when it starts with one of these. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Neutralise a text cell against spreadsheet formula injection by prefixing an apostrophe, the marker
 * spreadsheets themselves use for "this is text". Cells already starting with apostrophes before a
 * trigger character get one more, so {@link restoreTextCell} gives back the exact original.
 */
export function neutraliseTextCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undo {@link neutraliseTextCell}: drop one leading apostrophe put there against formula injection. */
export function restoreTextCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A cell to write: text is neutralised against formulas; numbers are written as numbers (a negative number is data, not a formula). */
export type CsvCell = string | number | undefined;

function quoteCell(cell: CsvCell): string {
  if (cell === undefined) return '';
  const text = typeof cell === 'number' ? String(cell) : neutraliseTextCell(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Write rows as RFC 4180 CSV (comma, CRLF line ends, quotes where needed). */
export function formatCsvRows(header: readonly string[], rows: readonly CsvCell[][]): string {
  return (
    [header.map(quoteCell), ...rows.map((row) => row.map(quoteCell))].map((cells) => cells.join(',')).join('\r\n') +
    '\r\n'
  );
}
