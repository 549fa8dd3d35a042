/** SQL text helpers: every identifier and literal that reaches DuckDB from a spec or a path goes through these. */

/** Quote an identifier for DuckDB (double quotes, embedded quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal for DuckDB (single quotes, embedded quotes doubled). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
