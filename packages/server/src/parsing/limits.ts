/**
 * Bounds on what one upload may cost to parse. A file passes the byte limit of the request body and
 * can still expand: a zip that inflates a thousandfold, a CSV of millions of one-character rows, an
 * XML element with half a million attributes, JSON nested a million deep. Each bound here is checked
 * before or while parsing, and a file that exceeds one is refused with the bound that was hit.
 */

/** The bounds on parsing one uploaded workbook or data file (server configuration, MIGOV_* variables). */
export interface ParsingLimits {
  /** Total inflated size of the entries of an uploaded .xlsx, in bytes. */
  maxInflatedBytes: number;
  /** Number of entries in an uploaded .xlsx. */
  maxZipEntries: number;
  /** Largest inflated/compressed ratio of one .xlsx entry (checked for entries above 1 MiB inflated). */
  maxCompressionRatio: number;
  /** Number of cells in all the worksheets of an uploaded .xlsx. */
  maxCells: number;
  /** Rows of an imported CSV file, or observations of a JSON file. */
  maxRows: number;
  /** Elements of an imported XML (SDMX-ML) file. */
  maxXmlElements: number;
  /** Attributes of an imported XML (SDMX-ML) file. */
  maxXmlAttributes: number;
  /** Nesting depth of an imported XML or JSON file. */
  maxDepth: number;
  /** Time one parse may take, in milliseconds; the parsing thread is stopped past it. */
  parseTimeoutMs: number;
  /** Heap of a parsing thread, in MiB; a parse that needs more is stopped. */
  parseMemoryMb: number;
  /** Parsing threads (1 or 2 suit a small server: parsing never takes the request thread). */
  parseThreads: number;
  /** Parses waiting for a thread before further uploads are answered 503 with Retry-After. */
  parseQueue: number;
}

/** Defaults sized for the largest real files (a filled template is ~30 kB; the complete 10.7.2 series is under 1 MiB). */
export const DEFAULT_PARSING_LIMITS: ParsingLimits = {
  maxInflatedBytes: 50 * 1024 * 1024,
  maxZipEntries: 200,
  maxCompressionRatio: 200,
  maxCells: 200_000,
  maxRows: 200_000,
  maxXmlElements: 1_000_000,
  maxXmlAttributes: 1_000_000,
  maxDepth: 64,
  parseTimeoutMs: 30_000,
  parseMemoryMb: 512,
  parseThreads: 1,
  parseQueue: 4,
};

/** The environment variable of each bound (documented in docs/security.md). */
export const PARSING_LIMIT_VARIABLES: Record<keyof ParsingLimits, string> = {
  maxInflatedBytes: 'MIGOV_MAX_INFLATED_BYTES',
  maxZipEntries: 'MIGOV_MAX_ZIP_ENTRIES',
  maxCompressionRatio: 'MIGOV_MAX_COMPRESSION_RATIO',
  maxCells: 'MIGOV_MAX_CELLS',
  maxRows: 'MIGOV_MAX_IMPORT_ROWS',
  maxXmlElements: 'MIGOV_MAX_XML_ELEMENTS',
  maxXmlAttributes: 'MIGOV_MAX_XML_ATTRIBUTES',
  maxDepth: 'MIGOV_MAX_NESTING_DEPTH',
  parseTimeoutMs: 'MIGOV_PARSE_TIMEOUT_MS',
  parseMemoryMb: 'MIGOV_PARSE_MEMORY_MB',
  parseThreads: 'MIGOV_PARSE_THREADS',
  parseQueue: 'MIGOV_PARSE_QUEUE',
};

/** Which bound a file exceeded: its name, the bound, what was found (when known) and a sentence saying so. */
export interface LimitExceeded {
  /** The bound, e.g. `inflated-bytes`, `cells`, `rows`, `xml-attributes`, `depth`, `parse-time`, `parse-memory`. */
  limit: string;
  max: number;
  /** What the file has or declares, when counted (a count stopped at the first unit past the bound reads max + 1). */
  found?: number;
  /** The environment variable that sets the bound. */
  setting?: string;
  message: string;
}

/** Thrown inside parsing when a bound is hit; carried back across the thread as a plain value. */
export class LimitExceededError extends Error {
  override readonly name = 'LimitExceededError';
  constructor(readonly exceeded: LimitExceeded) {
    super(exceeded.message);
  }
}

/** Human-readable byte count: "5.0 MiB (5,242,880 bytes)", "1,024 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes.toLocaleString('en')} bytes)`;
  return `${bytes.toLocaleString('en')} bytes`;
}
