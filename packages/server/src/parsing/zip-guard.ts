/**
 * A zip (an .xlsx workbook is one) is checked before any spreadsheet library opens it, in two passes
 * with fflate: the central directory first (entry count, declared sizes, compression ratios: cheap,
 * nothing inflated), then every entry is inflated in small steps and counted, without keeping the
 * output, because declared sizes can lie. Only a zip that passes both is handed to the reader.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { formatBytes, LimitExceededError, PARSING_LIMIT_VARIABLES, type ParsingLimits } from './limits.ts';

/** Entries above this inflated size are also held to the compression ratio bound. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** Compressed bytes handed to the inflater per step: at most ~1,000 times this comes out of one step. */
const STEP_BYTES = 4 * 1024;
/** A cell element of a worksheet, with or without a namespace prefix: `<c r="A1">`, `<x:c/>`. */
const CELL = /<(?:[A-Za-z_][\w.-]*:)?c[\s/>]/g;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

type ZipLimits = Pick<ParsingLimits, 'maxInflatedBytes' | 'maxZipEntries' | 'maxCompressionRatio' | 'maxCells'>;

const exceeded = (limit: string, key: keyof ParsingLimits, max: number, found: number | undefined, message: string) =>
  new LimitExceededError({
    limit,
    max,
    ...(found === undefined ? {} : { found }),
    setting: PARSING_LIMIT_VARIABLES[key],
    message,
  });

/** The reason a file is not a readable zip, or undefined when it is one. */
function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): string | undefined {
  let entries = 0;
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter(entry) {
        entries += 1;
        if (entries > limits.maxZipEntries) {
          throw exceeded(
            'zip-entries',
            'maxZipEntries',
            limits.maxZipEntries,
            undefined,
            `the workbook has more than ${limits.maxZipEntries.toLocaleString('en')} parts (zip entries); the limit is ${limits.maxZipEntries.toLocaleString('en')}`,
          );
        }
        declared += entry.originalSize;
        if (declared > limits.maxInflatedBytes) {
          throw exceeded(
            'inflated-bytes',
            'maxInflatedBytes',
            limits.maxInflatedBytes,
            declared,
            `the workbook declares at least ${formatBytes(declared)} once unpacked; the limit is ${formatBytes(limits.maxInflatedBytes)}`,
          );
        }
        const ratio = entry.originalSize / Math.max(entry.size, 1);
        if (entry.originalSize > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
          throw exceeded(
            'compression-ratio',
            'maxCompressionRatio',
            limits.maxCompressionRatio,
            Math.round(ratio),
            `the part ${entry.name} of the workbook is compressed ${Math.round(ratio).toLocaleString('en')} to 1; the limit is ${limits.maxCompressionRatio} to 1`,
          );
        }
        return false;
      },
    });
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return `the file is not an Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}`;
  }
  return entries === 0 ? 'the file is not an Excel workbook (.xlsx): the zip holds no parts' : undefined;
}

/** Inflate every entry in small steps, counting bytes and worksheet cells, keeping nothing; returns why the zip cannot be unpacked, if so. */
function inflateCounting(bytes: Uint8Array, limits: ZipLimits): string | undefined {
  let unreadable: string | undefined;
  let total = 0;
  let cells = 0;
  let entries = 0;
  let failure: LimitExceededError | undefined;
  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > limits.maxZipEntries) {
      failure ??= exceeded(
        'zip-entries',
        'maxZipEntries',
        limits.maxZipEntries,
        undefined,
        `the workbook has more than ${limits.maxZipEntries.toLocaleString('en')} parts (zip entries); the limit is ${limits.maxZipEntries.toLocaleString('en')}`,
      );
      return;
    }
    const declared = file.originalSize;
    const countCells = WORKSHEET.test(file.name);
    let inflated = 0;
    let carry = '';
    file.ondata = (error, chunk) => {
      if (failure || unreadable) return;
      if (error) {
        unreadable = `the file is not an Excel workbook (.xlsx): the part ${file.name} cannot be unpacked (${error.message})`;
        return;
      }
      inflated += chunk.length;
      total += chunk.length;
      if (total > limits.maxInflatedBytes) {
        failure = exceeded(
          'inflated-bytes',
          'maxInflatedBytes',
          limits.maxInflatedBytes,
          undefined,
          `the workbook unpacks to more than ${formatBytes(limits.maxInflatedBytes)}, the limit`,
        );
      } else if (declared !== undefined && inflated > declared) {
        failure = exceeded(
          'inflated-bytes',
          'maxInflatedBytes',
          limits.maxInflatedBytes,
          undefined,
          `the part ${file.name} of the workbook unpacks to more than the ${formatBytes(declared)} it declares`,
        );
      } else if (countCells) {
        // Latin-1 keeps one character per byte; the markup searched for is ASCII.
        const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        for (const match of text.matchAll(CELL)) if (match.index + match[0].length > carry.length) cells += 1;
        carry = text.slice(-32);
        if (cells > limits.maxCells) {
          failure = exceeded(
            'cells',
            'maxCells',
            limits.maxCells,
            undefined,
            `the workbook has more than ${limits.maxCells.toLocaleString('en')} cells; the limit is ${limits.maxCells.toLocaleString('en')}`,
          );
        }
      }
      if (failure) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < bytes.length && !failure && !unreadable; offset += STEP_BYTES) {
      const end = Math.min(offset + STEP_BYTES, bytes.length);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    unreadable ??= `the file is not an Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}`;
  }
  if (failure) throw failure;
  return unreadable;
}

/**
 * Check a zip against the bounds before it is parsed. Returns the reason it is not a readable zip
 * (for the caller's own problem list), undefined when it passes; throws {@link LimitExceededError}
 * naming the bound it exceeds.
 */
export function guardZip(bytes: Uint8Array, limits: ZipLimits): string | undefined {
  const unreadable = readCentralDirectory(bytes, limits);
  if (unreadable) return unreadable;
  return inflateCounting(bytes, limits);
}
