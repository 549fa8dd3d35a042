// Test helpers: the hand-made fixtures of this folder as reader input. Used only by tests.
import { readFileSync } from 'node:fs';
import type { InputFile } from '../formats/input.ts';

/** A fixture of fixtures/ as reader input (its bytes, named as in the folder). */
export function fixture(name: string): InputFile & { bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))) };
}
