/**
 * The one place where SQLite and PostgreSQL differences in returned values are absorbed: PostgreSQL
 * returns timestamptz as Date, jsonb parsed, bigint/numeric/count(*) as strings and bytea as Buffer;
 * SQLite returns text, numbers and Buffer. Everything leaves as ISO strings, numbers, parsed JSON and
 * Uint8Array. Values are written the same way on both: ISO strings, JSON text, numbers, bytes.
 */
import type { Dialect } from '../database.ts';

/** An ISO 8601 timestamp with milliseconds in UTC, as every timestamp is written. */
export function toIsoTimestamp(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${String(value)}`);
  return date.toISOString();
}

/** The current time as it is written. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A time as it is written: `at` (the caller's clock) when given, else the current time. */
export function isoAt(at?: string | Date): string {
  return at === undefined ? nowIso() : toIsoTimestamp(at);
}

/** A stored timestamp as an ISO string. */
export function readTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.includes('T') ? value : toIsoTimestamp(value);
  throw new TypeError(`unexpected timestamp value ${String(value)}`);
}

/** A nullable stored timestamp as an ISO string or undefined. */
export function readOptionalTimestamp(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : readTimestamp(value);
}

/** A stored count, integer, bigint or numeric as a number. */
export function readNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  throw new TypeError(`unexpected numeric value ${String(value)}`);
}

/** A nullable stored number as a number or undefined. */
export function readOptionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : readNumber(value);
}

/** A stored JSON column as a value: jsonb arrives parsed from PostgreSQL, text from SQLite. */
export function readJson<T = unknown>(dialect: Dialect, value: unknown): T {
  if (value === null || value === undefined) return undefined as T;
  if (dialect === 'sqlite') return JSON.parse(value as string) as T;
  return value as T;
}

/** A value as it is written to a JSON column (text on both dialects; PostgreSQL casts to jsonb). */
export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Stored bytes as a plain Uint8Array (copied out of the driver's Buffer). */
export function readBytes(value: unknown): Uint8Array | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Uint8Array) return new Uint8Array(value);
  throw new TypeError('unexpected bytes value');
}

/** Bytes as the drivers write them. */
export function writeBytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A nullable text column as a string or undefined. */
export function readOptional(value: string | null | undefined): string | undefined {
  return value ?? undefined;
}
