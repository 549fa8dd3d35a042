/** What a statistical file says about itself: variables, their labels and value labels, the design variables it names. */

/** One variable of a statistical file. */
export interface FileVariable {
  name: string;
  type: 'number' | 'string';
  /** Variable label. */
  label?: string;
  /** Value labels, keyed by the code as text (`1`, `2.5`, `M`). */
  valueLabels: Map<string, string>;
  /** Human description of the codes the file declares missing (they are read as empty cells). */
  missing?: string;
}

/** The metadata of a statistical file. */
export interface FileMetadata {
  format: 'sav' | 'dta' | 'ipums';
  /** e.g. `SPSS system file, bytecode compressed`, `Stata 118 (LSF)`. */
  description: string;
  variables: FileVariable[];
  /** The weight variable the file names (SPSS case weight, IPUMS DDI `wgt`, Stata `svyset` pweight). */
  weight?: string;
  /** Strata and first-stage cluster variables the file names (Stata `svyset`). */
  stratum?: string;
  psu?: string;
  /** Number of records when the file says it. */
  rows?: number;
  fileLabel?: string;
}

/** A code as text, the key of {@link FileVariable.valueLabels}: numbers in JavaScript's shortest form. */
export function codeKey(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

/** A problem with the structure of a file (not a cell): the byte offset and what is wrong. */
export class FileFormatError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `at byte ${offset}: ${message}`);
    this.name = 'FileFormatError';
  }
}

/** Progress of a long read. */
export interface ReadProgress {
  rows: number;
  /** Records the file announces, when it does. */
  totalRows?: number;
  bytes: number;
  totalBytes: number;
}

/** Receives decoded records column by column (see stage-records.ts). */
export interface RecordSink {
  /** Set cell `column` (an index into the selected columns) of the current record. */
  number(column: number, value: number | null): void;
  string(column: number, value: string | null): void;
  /** The current record is complete; a returned promise must be awaited before the next record. */
  endRecord(): void | Promise<void>;
}

/** A file opened for reading: its metadata now, its records on demand. */
export interface StatisticalFile {
  metadata: FileMetadata;
  /** Stream the records of the `selected` variables (names, in this order) into the sink; returns the record count. */
  read(selected: readonly string[], sink: RecordSink, onProgress?: (progress: ReadProgress) => void): Promise<number>;
}
