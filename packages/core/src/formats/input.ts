/**
 * What every reader shares: the input file, the size limits, lenient decoding and the problem list.
 */
import type { Problem } from '../observations/observation.ts';

/** A file handed to a reader: its name (for messages) and either its bytes or its already-decoded text. */
export type InputFile = { name: string; bytes: Uint8Array } | { name: string; text: string };

/** Default bound on a whole file (32 MiB): the complete 10.7.2 series is well under 1 MiB in any format. */
const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Default bound on one line of a delimited file (1 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** Default number of problems listed before the rest are only counted. */
export const DEFAULT_MAX_PROBLEMS = 1000;
/** Default bound on the lines of a CSV file or the observations of a JSON file (the server sets a lower one). */
export const DEFAULT_MAX_ROWS = 1_000_000;
/** Default bound on the elements of an XML file. */
const DEFAULT_MAX_XML_ELEMENTS = 4_000_000;
/** Default bound on the attributes of an XML file. */
const DEFAULT_MAX_XML_ATTRIBUTES = 4_000_000;
/** Default bound on the nesting depth of an XML or JSON file (SDMX-ML needs 6, migov JSON 3). */
export const DEFAULT_MAX_DEPTH = 64;
/** Bound on the attributes of one XML element (an SDMX observation has about ten). */
const MAX_XML_ATTRIBUTES_PER_ELEMENT = 1000;

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
  /** Lines of a CSV file, or observations of a JSON file (default {@link DEFAULT_MAX_ROWS}). */
  maxRows?: number;
  /** Elements of an XML file (default {@link DEFAULT_MAX_XML_ELEMENTS}). */
  maxXmlElements?: number;
  /** Attributes of an XML file (default {@link DEFAULT_MAX_XML_ATTRIBUTES}). */
  maxXmlAttributes?: number;
  /** Nesting depth of an XML or JSON file (default {@link DEFAULT_MAX_DEPTH}). */
  maxDepth?: number;
}

/** A structural bound a file exceeds: which one, its value, and a sentence saying so. */
export interface InputLimitExceeded {
  limit: 'rows' | 'xml-elements' | 'xml-attributes' | 'depth';
  max: number;
  message: string;
}

/**
 * Check the shape of a decoded file against the structural bounds before any parser builds it in
 * memory: lines of CSV, observations and depth of JSON, elements, attributes and depth of XML. One
 * pass over the characters, stopping at the first bound exceeded; the kind is told by the first
 * character, as the readers tell it.
 */
export function structureLimitExceeded(text: string, limits: InputLimits): InputLimitExceeded | undefined {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const start = text.trimStart().charAt(0);
  if (start === '<')
    return xmlLimitExceeded(
      text,
      limits.maxXmlElements ?? DEFAULT_MAX_XML_ELEMENTS,
      limits.maxXmlAttributes ?? DEFAULT_MAX_XML_ATTRIBUTES,
      maxDepth,
    );
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  if (start === '{' || start === '[') return jsonLimitExceeded(text, maxRows, maxDepth);
  let lines = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < text.length - 1; index = text.indexOf('\n', index + 1)) {
    lines += 1;
    if (lines > maxRows)
      return {
        limit: 'rows',
        max: maxRows,
        message: `the file has more than ${maxRows.toLocaleString('en')} lines, the limit`,
      };
  }
  return undefined;
}

const tooDeep = (max: number, where: string): InputLimitExceeded => ({
  limit: 'depth',
  max,
  message: `the file nests deeper than ${max} levels, the limit (${where})`,
});

function jsonLimitExceeded(text: string, maxRows: number, maxDepth: number): InputLimitExceeded | undefined {
  let depth = 0;
  let objectsAtRowLevel = 0;
  let line = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // Skip a string, escapes included.
      for (index += 1; index < text.length && text.charCodeAt(index) !== 0x22; index += 1)
        if (text.charCodeAt(index) === 0x5c) index += 1;
    } else if (code === 0x7b || code === 0x5b) {
      // Observations are the objects two levels down: { "observations": [ { … } ] }.
      if (code === 0x7b && depth === 2 && ++objectsAtRowLevel > maxRows)
        return {
          limit: 'rows',
          max: maxRows,
          message: `the file has more than ${maxRows.toLocaleString('en')} observations, the limit`,
        };
      if (++depth > maxDepth) return tooDeep(maxDepth, `line ${line}`);
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
    else if (code === 0x0a) line += 1;
  }
  return undefined;
}

function xmlLimitExceeded(
  text: string,
  maxElements: number,
  maxAttributes: number,
  maxDepth: number,
): InputLimitExceeded | undefined {
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  for (let index = text.indexOf('<'); index >= 0; index = text.indexOf('<', index + 1)) {
    const next = text.charCodeAt(index + 1);
    if (next === 0x21 /* ! */) {
      // Comment, CDATA or declaration: skip to its end.
      const end = text.startsWith('<!--', index)
        ? text.indexOf('-->', index + 4)
        : text.startsWith('<![CDATA[', index)
          ? text.indexOf(']]>', index + 9)
          : text.indexOf('>', index);
      if (end < 0) return undefined;
      index = end;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', index + 2);
      if (end < 0) return undefined;
      index = end;
      continue;
    }
    if (next === 0x2f /* / */) {
      depth -= 1;
      continue;
    }
    elements += 1;
    if (elements > maxElements)
      return {
        limit: 'xml-elements',
        max: maxElements,
        message: `the file has more than ${maxElements.toLocaleString('en')} XML elements, the limit`,
      };
    // Read the tag to its end, counting attributes (an = outside quoted values) and noting a self-closing tag.
    let quote = 0;
    let end = index + 1;
    let own = 0;
    for (; end < text.length; end += 1) {
      const code = text.charCodeAt(end);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === 0x22 || code === 0x27) quote = code;
      else if (code === 0x3d) {
        if (++attributes > maxAttributes)
          return {
            limit: 'xml-attributes',
            max: maxAttributes,
            message: `the file has more than ${maxAttributes.toLocaleString('en')} XML attributes, the limit`,
          };
        if (++own > MAX_XML_ATTRIBUTES_PER_ELEMENT) {
          return {
            limit: 'xml-attributes',
            max: MAX_XML_ATTRIBUTES_PER_ELEMENT,
            message: `XML element ${elements} has more than ${MAX_XML_ATTRIBUTES_PER_ELEMENT.toLocaleString('en')} attributes, the limit for one element`,
          };
        }
      } else if (code === 0x3e) break;
    }
    if (text.charCodeAt(end - 1) !== 0x2f && ++depth > maxDepth) return tooDeep(maxDepth, `element ${elements}`);
    index = end;
  }
  return undefined;
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
    return [
      ...sorted,
      { file: this.file, message: `${this.#dropped} more problems not listed (the first ${this.#max} are shown)` },
    ];
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
function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { ok: true, text: new TextDecoder(encoding).decode(bytes) };
  }
  const nul = bytes.subarray(0, 64 * 1024).indexOf(0);
  if (nul >= 0)
    return {
      ok: false,
      message: `not a text file: byte ${nul + 1} is a NUL byte (expected CSV, SDMX-ML or JSON in UTF-8)`,
    };
  const text = utf8.decode(bytes);
  // Text files can hold the odd bad byte; binary files are mostly bad bytes and control characters.
  const sample = text.slice(0, 64 * 1024);
  let suspicious = 0;
  for (const char of sample) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) suspicious += 1;
  }
  if (sample.length > 0 && suspicious / sample.length > 0.1) {
    return {
      ok: false,
      message: `not a text file: ${suspicious} of the first ${sample.length} characters are control characters or invalid UTF-8 (expected CSV, SDMX-ML or JSON in UTF-8)`,
    };
  }
  return { ok: true, text };
}

/** Size of the file in bytes (UTF-8 length for text input). */
function inputSize(file: InputFile): number {
  return 'bytes' in file ? file.bytes.length : new TextEncoder().encode(file.text).length;
}

/** The text of a file after the size check and decoding, or a problem saying why there is none. */
export function inputText(file: InputFile, limits: InputLimits): DecodedText {
  const maxFileBytes = limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = 'bytes' in file ? file.bytes.length : file.text.length;
  // For text input the character count is a lower bound on the byte count: a cheap first check.
  if (size > maxFileBytes || ('text' in file && inputSize(file) > maxFileBytes)) {
    return {
      ok: false,
      message: `file is ${formatBytes('bytes' in file ? size : inputSize(file))}; the limit is ${formatBytes(maxFileBytes)}`,
    };
  }
  if ('text' in file) return { ok: true, text: file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text };
  if (limits.encoding !== undefined && !/^utf-?8$/i.test(limits.encoding)) {
    let text: string;
    try {
      text = new TextDecoder(limits.encoding).decode(file.bytes);
    } catch {
      return {
        ok: false,
        message: `unknown encoding "${limits.encoding}" (use a WHATWG label such as utf-8, windows-1250, iso-8859-2)`,
      };
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
