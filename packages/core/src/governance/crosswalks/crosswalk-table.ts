/**
 * The crosswalk as an editable table: administrators download the active links as CSV, edit them in
 * a spreadsheet and load the table back. Loading compares the table with the crosswalk: new rows are
 * added, changed rows replace their link, missing rows retire theirs (with the editor's reason). It is
 * all or nothing: any problem in any row leaves the crosswalk unchanged.
 */
import { formatCsvRows, parseCsvTable, restoreTextCell } from '../../formats/csv-table.ts';
import { ProblemList } from '../../formats/input.ts';
import type { Problem } from '../../observations/observation.ts';
import {
  addCrosswalkLink,
  replaceCrosswalkLink,
  retireCrosswalkLink,
  type Crosswalk,
  type CrosswalkEditor,
  type CrosswalkLink,
  type CrosswalkNodeKind,
  type LinkBasis,
  type NewCrosswalkLink,
} from './crosswalk.ts';

/** The columns of a crosswalk table, in order. */
export const CROSSWALK_CSV_COLUMNS = [
  'from_kind',
  'from_id',
  'to_kind',
  'to_id',
  'basis',
  'source',
  'unverified',
  'note',
] as const;

/** The active links as CSV (RFC 4180, formula-safe cells). */
export function formatCrosswalkCsv(crosswalk: Crosswalk): string {
  const rows = crosswalk.links
    .filter((link) => link.status === 'active')
    .map((link) => [
      link.from.kind,
      link.from.id,
      link.to.kind,
      link.to.id,
      link.basis,
      link.source,
      link.unverified ? 'true' : 'false',
      link.note,
    ]);
  return formatCsvRows(CROSSWALK_CSV_COLUMNS, rows);
}

/** A row of a loaded table, with its spreadsheet row number. */
export interface CrosswalkTableRow extends NewCrosswalkLink {
  row: number;
}

/** Read a crosswalk table; every problem is reported with its row and column. */
export function parseCrosswalkCsv(
  text: string,
  file = 'crosswalk.csv',
): { rows: CrosswalkTableRow[]; problems: Problem[] } {
  const problems = new ProblemList(file);
  const table = parseCsvTable(text.replace(/^\uFEFF/, ''), problems);
  if (!table) return { rows: [], problems: problems.toArray() };
  const index = new Map(table.header.map((label, position) => [label.trim().toLowerCase(), position]));
  const missing = CROSSWALK_CSV_COLUMNS.filter(
    (column) => column !== 'note' && column !== 'unverified' && !index.has(column),
  );
  if (missing.length > 0) {
    problems.add({
      row: 1,
      message: `missing column(s): ${missing.join(', ')} (columns: ${CROSSWALK_CSV_COLUMNS.join(', ')})`,
    });
    return { rows: [], problems: problems.toArray() };
  }
  const rows: CrosswalkTableRow[] = [];
  for (const { row, cells } of table.rows) {
    const cell = (column: (typeof CROSSWALK_CSV_COLUMNS)[number]) => {
      const position = index.get(column);
      return position === undefined ? '' : restoreTextCell((cells[position] ?? '').trim());
    };
    const unverified = cell('unverified').toLowerCase();
    if (!['', 'true', 'false'].includes(unverified)) {
      problems.add({ row, column: 'unverified', value: cell('unverified'), message: 'true or false' });
      continue;
    }
    rows.push({
      row,
      from: { kind: cell('from_kind') as CrosswalkNodeKind, id: cell('from_id') },
      to: { kind: cell('to_kind') as CrosswalkNodeKind, id: cell('to_id') },
      basis: cell('basis') as LinkBasis,
      ...(cell('source') ? { source: cell('source') } : {}),
      unverified: unverified === 'true',
      ...(cell('note') ? { note: cell('note') } : {}),
    });
  }
  return { rows, problems: problems.toArray() };
}

const pairKey = (row: { from: { kind: string; id: string }; to: { kind: string; id: string } }) =>
  [`${row.from.kind}:${row.from.id}`, `${row.to.kind}:${row.to.id}`].sort().join(' -- ');

const sameContent = (link: CrosswalkLink, row: NewCrosswalkLink) =>
  link.basis === row.basis &&
  (link.source ?? '') === (row.source ?? '') &&
  link.unverified === (row.unverified ?? false) &&
  (link.note ?? '') === (row.note ?? '');

/** What loading a table did. */
export type CrosswalkTableResult =
  | { ok: true; crosswalk: Crosswalk; added: CrosswalkLink[]; replaced: CrosswalkLink[]; retired: CrosswalkLink[] }
  | { ok: false; problems: Problem[] };

/**
 * Make the crosswalk's active links equal to the table: add, replace and retire (never delete).
 * @example applyCrosswalkTable(crosswalk, parseCrosswalkCsv(text).rows, { actor: 'admin-1', at, reason: 'annual review', file: 'crosswalk.csv' })
 */
export function applyCrosswalkTable(
  crosswalk: Crosswalk,
  rows: readonly CrosswalkTableRow[],
  editor: CrosswalkEditor & { reason: string; file?: string },
): CrosswalkTableResult {
  const file = editor.file ?? 'crosswalk.csv';
  const problems: Problem[] = [];
  if (editor.reason.trim() === '')
    problems.push({
      file,
      message: 'loading a crosswalk table needs a reason (it is kept with every link it retires or replaces)',
    });
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = pairKey(row);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problems.push({ file, row: row.row, message: `the link ${key} is already on row ${earlier}` });
    seen.set(key, row.row);
  }
  let working = crosswalk;
  const added: CrosswalkLink[] = [];
  const replaced: CrosswalkLink[] = [];
  const retired: CrosswalkLink[] = [];
  const active = new Map(
    crosswalk.links.filter((link) => link.status === 'active').map((link) => [pairKey(link), link]),
  );
  for (const row of rows) {
    const existing = active.get(pairKey(row));
    if (existing && sameContent(existing, row)) continue;
    const { row: rowNumber, ...input } = row;
    const result = existing
      ? replaceCrosswalkLink(working, existing.id, input, editor)
      : addCrosswalkLink(working, input, editor);
    if (!result.ok) {
      problems.push(
        ...result.problems.map((problem) => ({
          file,
          row: rowNumber,
          column: problem.field,
          ...(problem.value === undefined ? {} : { value: String(problem.value) }),
          message: problem.message,
        })),
      );
      continue;
    }
    working = result.crosswalk;
    (existing ? replaced : added).push(result.link);
  }
  for (const [key, link] of active) {
    if (seen.has(key)) continue;
    const result = retireCrosswalkLink(working, link.id, editor);
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => ({ file, message: `${link.id}: ${problem.message}` })));
      continue;
    }
    working = result.crosswalk;
    retired.push(result.link);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, crosswalk: working, added, replaced, retired };
}
