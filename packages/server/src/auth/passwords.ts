/**
 * Password hashing with argon2id (@node-rs/argon2: prebuilt binaries, no compiler needed; see
 * docs/decisions/0401-argon2.md). Parameters follow the OWASP password storage recommendation
 * (m=19 MiB, t=2, p=1).
 */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

/** Hash a password with argon2id (PHC string). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Check a password against a PHC hash; false for any malformed hash. */
export async function verifyPassword(phcHash: string, password: string): Promise<boolean> {
  try {
    return await verify(phcHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the account does not exist, so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}
