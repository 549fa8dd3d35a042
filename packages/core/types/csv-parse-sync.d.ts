/**
 * The part of csv-parse/sync that core uses: parsing a string. csv-parse's own declarations
 * reference Node's types (streams, Buffer), which would bring Node into core's typecheck; core's
 * tsconfig maps the module here instead (docs/architecture.md). The full types still check the
 * calls in the root typecheck, so this subset cannot drift unnoticed.
 */
declare module 'csv-parse/sync' {
  interface CsvError {
    readonly message: string;
    readonly lines?: number;
  }
  interface Options {
    delimiter?: string | string[];
    record_delimiter?: string | string[];
    relax_column_count?: boolean;
    max_record_size?: number;
    skip_records_with_error?: boolean;
    on_skip?: (error: CsvError | undefined, raw?: string) => void;
    on_record?: (record: string[]) => unknown;
  }
  export function parse(input: string, options?: Options): string[][];
}
