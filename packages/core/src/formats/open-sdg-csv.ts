/**
 * National Open SDG CSV files (`data/indicator_10-7-2.csv`), long (Year, domain, Value) or wide
 * (Year, then one column per domain), with local labels mapped to codes through a label mapping.
 */
import type { ProblemList } from './input.ts';
import type { CsvTable } from './csv-table.ts';
import { cellAt } from './columns.ts';
import type { Cell, ObservationBuilder } from './observation-builder.ts';
import { encodingHint } from './observation-builder.ts';
import type { ColumnRole, LabelMapping } from './label-mapping.ts';
import { resolveColumnRole, resolvePolicyDomain } from './label-mapping.ts';

/**
 * Columns that carry nothing an observation needs; ignored when present. National sites label units
 * freely ("Category", "Score"), so a units column is not checked against the series here.
 */
const IGNORED_COLUMNS = new Set(['units', 'unit', 'unit_measure', 'unit measure', 'reporting type', 'reporting_type', 'obs_status', 'observation status', 'unit_mult', 'unit multiplier', 'freq', 'goal', 'target', 'indicator']);
const NATURE_COLUMNS = new Set(['nature']);

/** Layout of a national Open SDG header, if it is one: long has a Value column, wide has domain columns. */
export function openSdgLayout(header: readonly string[], labels: LabelMapping): 'long' | 'wide' | undefined {
  const roles = header.map((label) => resolveColumnRole(label, labels));
  if (!roles.includes('YEAR')) return undefined;
  if (roles.includes('VALUE')) return 'long';
  const domainColumns = header.filter((label, index) => roles[index] === undefined && 'code' in resolvePolicyDomain(label, labels));
  return domainColumns.length > 0 ? 'wide' : undefined;
}

interface Layout {
  roles: (ColumnRole | 'nature' | 'ignored' | undefined)[];
}

function classifyColumns(header: readonly string[], labels: LabelMapping): Layout {
  return {
    roles: header.map((label) => {
      const role = resolveColumnRole(label, labels);
      if (role) return role;
      const lower = label.trim().toLowerCase();
      if (NATURE_COLUMNS.has(lower)) return 'nature';
      if (IGNORED_COLUMNS.has(lower)) return 'ignored';
      return undefined;
    }),
  };
}

/** Read a long Open SDG table: one observation per row; an empty domain means all domains (the headline row). */
export function readOpenSdgLongTable(table: CsvTable, problems: ProblemList, builder: ObservationBuilder, labels: LabelMapping): void {
  const { header } = table;
  const { roles } = classifyColumns(header, labels);
  const at = (role: string) => {
    const index = roles.indexOf(role as ColumnRole);
    return index < 0 ? undefined : index;
  };
  const unknown = header.filter((_, index) => roles[index] === undefined);
  const year = at('YEAR');
  const value = at('VALUE');
  const domain = at('POLICY_DOMAINS');
  for (const label of unknown) {
    const index = header.indexOf(label);
    const used = table.rows.some(({ cells }) => (cells[index] ?? '').trim() !== '');
    if (used) problems.add({ row: 1, column: label, value: label, message: `column "${label}" is not understood (expected Year, a policy-domain column, Value, and optionally series, area, units and nature): map its header in a label mapping file, or remove it` });
  }
  for (const { row, cells } of table.rows) {
    const valueCell = cellAt(header, cells, value);
    // Open SDG files leave a value empty where nothing is published.
    if (!valueCell || valueCell.value.trim() === '') continue;
    const domainCell = cellAt(header, cells, domain);
    builder.add({
      row,
      year: cellAt(header, cells, year),
      value: valueCell,
      domain: domainCell && domainCell.value.trim() !== '' ? domainCell : { column: domainCell?.column ?? '(no policy-domain column)', value: 'ALLDOMAINS' },
      series: nonEmpty(cellAt(header, cells, at('SERIES'))),
      area: cellAt(header, cells, at('AREA')),
      nature: cellAt(header, cells, at('nature')),
    });
  }
}

/** Read a wide Open SDG table: one observation per domain column of each row. */
export function readOpenSdgWideTable(table: CsvTable, problems: ProblemList, builder: ObservationBuilder, labels: LabelMapping): void {
  const { header } = table;
  const { roles } = classifyColumns(header, labels);
  const year = roles.indexOf('YEAR');
  const series = roles.indexOf('SERIES');
  const area = roles.indexOf('AREA');
  const domainColumns: number[] = [];
  header.forEach((label, index) => {
    if (roles[index] !== undefined) return;
    const resolved = resolvePolicyDomain(label, labels);
    if ('code' in resolved) domainColumns.push(index);
    else problems.add({ row: 1, column: label, value: label, message: `column "${label}" is neither Year nor a policy domain: it ${resolved.reason}${encodingHint(label)}` });
  });
  for (const { row, cells } of table.rows) {
    for (const index of domainColumns) {
      const valueCell = cellAt(header, cells, index);
      if (!valueCell || valueCell.value.trim() === '') continue;
      const label = header[index] ?? '';
      builder.add({
        row,
        year: cellAt(header, cells, year),
        value: valueCell,
        domain: { column: label, value: label },
        series: nonEmpty(cellAt(header, cells, series < 0 ? undefined : series)),
        area: cellAt(header, cells, area < 0 ? undefined : area),
      });
    }
  }
}

function nonEmpty(cell: Cell | undefined): Cell | undefined {
  return cell && cell.value.trim() !== '' ? cell : undefined;
}
