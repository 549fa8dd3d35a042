/**
 * What every reader shares: the input file, the size limits, lenient decoding and the problem list.
 */
import type { Problem } from '../observations/observation.ts';

/** A file handed to a reader: its name (for messages) and either its bytes or its already-decoded text. */
export type InputFile = { name: string; bytes: Uint8Array } | { name: string; text: string };

/** Default bound on a whole file (32 MiB): the complete 10.7.2 series is well under 1 MiB in any format. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Default bound on one line of a delimited file (1 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** Default number of problems listed before the rest are only counted. */
export const DEFAULT_MAX_PROBLEMS = 1000;

/** Size limits applied before any parsing. */
export interface InputLimits {
  /** Largest accepted file, in bytes (default {@link DEFAULT_MAX_FILE_BYTES}). */
  maxFileBytes?: number;
  /** Longest accepted line of a CSV file, in bytes (default {@link DEFAULT_MAX_LINE_BYTES}). */
  maxLineBytes?: number;
  /** Problems listed in full; further ones are summarised in one last problem (default {@link DEFAULT_MAX_PROBLEMS}). */
  maxProblems?: number;
  /** Character encoding of byte input when it is not UTF-8, e.g. `windows-1250` (WHATWG encoding labels). */
  encoding?: string;
}

/** Collects problems up to a bound so that a hostile file cannot exhaust memory with complaints. */
export class ProblemList {
  readonly #items: Problem[] = [];
  #dropped = 0;
  readonly file: string;
  readonly #max: number;

  constructor(file: string, max = DEFAULT_MAX_PROBLEMS) {
    this.file = file;
    this.#max = max;
  }

  /** Record a problem in this file. */
  add(problem: Omit<Problem, 'file'>): void {
    if (this.#items.length < this.#max) this.#items.push({ file: this.file, ...problem });
    else this.#dropped += 1;
  }

  get size(): number {
    return this.#items.length + this.#dropped;
  }

  /** The problems in row order (file-wide ones first), with a closing summary when some were only counted. */
  toArray(): Problem[] {
    // Readers check structure before content, so problems arrive out of row order; sort is stable.
    const sorted = [...this.#items].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (this.#dropped === 0) return sorted;
    return [...sorted, { file: this.file, message: `${this.#dropped} more problems not listed (the first ${this.#max} are shown)` }];
  }
}

/** Decoded text of a file, or the reason it cannot be read as text. */
export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decode bytes as text: UTF-8 (BOM optional) or UTF-16 with a BOM. Invalid UTF-8 sequences become
 * U+FFFD instead of failing, because real SDMX files carry mis-encoded free text in attributes
 * whose codes are still perfectly readable.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { ok: true, text: new TextDecoder(encoding).decode(bytes) };
  }
  const nul = bytes.subarray(0, 64 * 1024).indexOf(0);
  if (nul >= 0) return { ok: false, message: `not a text file: byte ${nul + 1} is a NUL byte (expected CSV, SDMX-ML or JSON in UTF-8)` };
  const text = utf8.decode(bytes);
  // Text files can hold the odd bad byte; binary files are mostly bad bytes and control characters.
  const sample = text.slice(0, 64 * 1024);
  let suspicious = 0;
  for (const char of sample) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) suspicious += 1;
  }
  if (sample.length > 0 && suspicious / sample.length > 0.1) {
    return { ok: false, message: `not a text file: ${suspicious} of the first ${sample.length} characters are control characters or invalid UTF-8 (expected CSV, SDMX-ML or JSON in UTF-8)` };
  }
  return { ok: true, text };
}

/** Size of the file in bytes (UTF-8 length for text input). */
export function inputSize(file: InputFile): number {
  return 'bytes' in file ? file.bytes.length : new TextEncoder().encode(file.text).length;
}

/** The text of a file after the size check and decoding, or a problem saying why there is none. */
export function inputText(file: InputFile, limits: InputLimits): DecodedText {
  const maxFileBytes = limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = 'bytes' in file ? file.bytes.length : file.text.length;
  // For text input the character count is a lower bound on the byte count: a cheap first check.
  if (size > maxFileBytes || ('text' in file && inputSize(file) > maxFileBytes)) {
    return { ok: false, message: `file is ${formatBytes('bytes' in file ? size : inputSize(file))}; the limit is ${formatBytes(maxFileBytes)}` };
  }
  if ('text' in file) return { ok: true, text: file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text };
  if (limits.encoding !== undefined && !/^utf-?8$/i.test(limits.encoding)) {
    let text: string;
    try {
      text = new TextDecoder(limits.encoding).decode(file.bytes);
    } catch {
      return { ok: false, message: `unknown encoding "${limits.encoding}" (use a WHATWG label such as utf-8, windows-1250, iso-8859-2)` };
    }
    return { ok: true, text };
  }
  return decodeText(file.bytes);
}

/** The first line longer than the bound (1-based line number and its length in UTF-8 bytes), if any. */
export function findLongLine(text: string, maxLineBytes: number): { line: number; bytes: number } | undefined {
  let line = 1;
  let start = 0;
  const encoder = new TextEncoder();
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Characters are at most 3 UTF-8 bytes per UTF-16 unit: only measure lines that could be too long.
    if (end - start > maxLineBytes / 3) {
      const bytes = encoder.encode(text.slice(start, end)).length;
      if (bytes > maxLineBytes) return { line, bytes };
    }
    start = end + 1;
    line += 1;
  }
  return undefined;
}

/** Human-readable byte count: "5.0 MiB", "1,024 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes.toLocaleString('en')} bytes)`;
  return `${bytes.toLocaleString('en')} bytes`;
}

/** Shorten a value quoted in a message, so a huge cell does not make a huge problem. */
export function excerpt(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}
