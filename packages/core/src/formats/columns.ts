/**
 * Finding columns by name in a CSV header, the same way for every delimited format.
 */
import type { ProblemList } from './input.ts';
import type { Cell } from './observation-builder.ts';
import { restoreTextCell } from './csv-table.ts';

/** Header label reduced to its code: "FREQ: Frequency" (SDMX-CSV with labels) -> "FREQ"; case and spacing ignored. */
export function headerCode(label: string): string {
  const code = label.includes(': ') ? label.slice(0, label.indexOf(': ')) : label;
  return code.trim().toUpperCase();
}

/** Column positions looked up by any of several names. */
export class Columns {
  readonly header: readonly string[];
  readonly #byCode = new Map<string, number>();

  constructor(header: readonly string[]) {
    this.header = header;
    header.forEach((label, index) => {
      const code = headerCode(label);
      if (!this.#byCode.has(code)) this.#byCode.set(code, index);
    });
  }

  /** Index of the first column named by any of the names, if present. */
  find(...names: string[]): number | undefined {
    for (const name of names) {
      const index = this.#byCode.get(name.toUpperCase());
      if (index !== undefined) return index;
    }
    return undefined;
  }

  /** Like {@link find}, adding a header problem when the column is absent. */
  require(problems: ProblemList, format: string, ...names: string[]): number | undefined {
    const index = this.find(...names);
    if (index === undefined) problems.add({ row: 1, message: `missing column ${names[0]} (required in ${format})` });
    return index;
  }
}

/** How a cell's text is taken: codes and numbers as they are; free text with formula neutralisation undone. */
export type CellKind = 'code' | 'text';

/** The cell at a column of a row, or undefined when the column is absent. SDMX-CSV value labels ("A: Annual") are cut to the code. */
export function cellAt(
  header: readonly string[],
  cells: readonly string[],
  index: number | undefined,
  kind: CellKind = 'code',
): Cell | undefined {
  if (index === undefined) return undefined;
  const raw = cells[index] ?? '';
  const value = kind === 'text' ? restoreTextCell(raw) : raw;
  return { column: header[index] ?? `column ${index + 1}`, value };
}

/** Code cell with an SDMX-CSV "code: label" value reduced to its code. */
export function codeCellAt(
  header: readonly string[],
  cells: readonly string[],
  index: number | undefined,
): Cell | undefined {
  const cell = cellAt(header, cells, index);
  if (!cell) return undefined;
  const separator = cell.value.indexOf(': ');
  return separator > 0 ? { ...cell, value: cell.value.slice(0, separator) } : cell;
}
