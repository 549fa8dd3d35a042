/**
 * Sequential bytes from a file (optionally gunzipped) with a bounded window: a reader asks for `n`
 * bytes, gets a view valid until its next request, and the window never holds more than the largest
 * request plus one read chunk. Nothing is read ahead beyond that.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

const CHUNK = 1 << 20;

/** Bytes read in order from a stream of chunks. */
export class ByteSource {
  private buffer: Buffer = Buffer.alloc(0);
  private cursor = 0;
  /** File offset (of the decoded stream) of `buffer[0]`. */
  private base: number;
  private finished = false;
  private readonly chunks: AsyncIterator<Buffer>;
  /** Bytes of the underlying file consumed so far (compressed size for .gz), for progress. */
  consumed = 0;

  constructor(chunks: AsyncIterable<Buffer>, start = 0) {
    this.chunks = chunks[Symbol.asyncIterator]();
    this.base = start;
  }

  /** Read `path` from byte `start` on; `.gz` files are decompressed on the way. */
  static fromFile(path: string, options: { start?: number; gunzip?: boolean } = {}): ByteSource {
    const raw = createReadStream(path, { start: options.start ?? 0, highWaterMark: CHUNK });
    const source = new ByteSource(
      options.gunzip ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw,
      options.start ?? 0,
    );
    raw.on('data', (chunk) => {
      source.consumed += chunk.length;
    });
    return source;
  }

  /** The stream offset of the next unread byte. */
  get position(): number {
    return this.base + this.cursor;
  }

  /** Bytes buffered and not yet taken. */
  get buffered(): number {
    return this.buffer.length - this.cursor;
  }

  /** True when `n` bytes can be taken without waiting. */
  has(n: number): boolean {
    return this.buffer.length - this.cursor >= n;
  }

  /** Wait until `n` bytes are buffered; false when the stream ends first (fewer remain). */
  async fill(n: number): Promise<boolean> {
    while (this.buffer.length - this.cursor < n && !this.finished) {
      const next = await this.chunks.next();
      if (next.done) {
        this.finished = true;
        break;
      }
      const rest = this.buffer.subarray(this.cursor);
      this.base += this.cursor;
      this.cursor = 0;
      this.buffer = rest.length === 0 ? next.value : Buffer.concat([rest, next.value]);
    }
    return this.has(n);
  }

  /** True when every byte has been taken. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** The next `n` bytes (a view, valid until the next `fill`); call `has`/`fill` first. */
  take(n: number): Buffer {
    const view = this.buffer.subarray(this.cursor, this.cursor + n);
    this.cursor += n;
    return view;
  }

  /** The next line (without its `\n` or `\r\n`) when a whole one is buffered, else undefined (call `fill(buffered + 1)`); at the end, the rest. */
  takeLine(): Buffer | undefined {
    const newline = this.buffer.indexOf(10, this.cursor);
    let end: number;
    if (newline >= 0) end = newline;
    else if (this.finished && this.cursor < this.buffer.length) end = this.buffer.length;
    else return undefined;
    let line = this.buffer.subarray(this.cursor, end);
    if (line.length > 0 && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
    this.cursor = newline >= 0 ? newline + 1 : end;
    return line;
  }

  /** True once the stream has ended (what is buffered is all that is left). */
  get ended(): boolean {
    return this.finished;
  }

  /** Take `n` bytes without a view: returns their offset in {@link current} (valid until the next `fill`); call `has`/`fill` first. */
  advance(n: number): number {
    const at = this.cursor;
    this.cursor += n;
    return at;
  }

  /** The buffer {@link advance} offsets point into. */
  get current(): Buffer {
    return this.buffer;
  }

  /** Wait for and take `n` bytes; throws `EndOfData` when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new EndOfData(this.position, n, this.buffered);
    return this.take(n);
  }

  /** Stop reading (closes the file). */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}

/** The data ended inside a record. */
export class EndOfData extends Error {
  constructor(
    readonly offset: number,
    readonly wanted: number,
    readonly available: number,
  ) {
    super(`file ends at byte ${offset + available} where ${wanted} more bytes were expected (at byte ${offset})`);
    this.name = 'EndOfData';
  }
}

/** Read `length` bytes at `offset` (random access, for headers and trailers); fewer when the file ends first, never more than it holds. */
export async function readAt(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
    if (buffer.length === 0) return buffer;
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
