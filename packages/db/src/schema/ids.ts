/**
 * Identifiers: UUID version 7 (RFC 9562), time-ordered so rows sort by creation in both dialects and
 * backups, without a sequence that would have to be carried between databases.
 */
import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let counter = 0;

/** A new time-ordered UUID (version 7); ids created in one process are strictly increasing. */
export function newId(): string {
  let millis = Date.now();
  if (millis <= lastMillis) {
    counter += 1;
    if (counter > 0xfff) {
      lastMillis += 1;
      counter = 0;
    }
    millis = lastMillis;
  } else {
    lastMillis = millis;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(millis, 0, 6);
  // 12-bit counter in rand_a keeps ids from one process monotonic within a millisecond.
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
