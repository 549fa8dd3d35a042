/**
 * Failed sign-ins counted per pair of (email, client address), in memory; across the workers of a
 * cluster it lives in the primary (cluster/shared-state.ts), across instances on PostgreSQL in the
 * database (cluster/database-shared-state.ts). After `threshold` attempts in a row
 * without a success the pair waits `baseMs`, and each further failure doubles the wait (at most a day). It throttles the one
 * guessing, never the account: the owner signs in from another address as usual, and known and unknown
 * emails are counted alike, so the answers do not tell which emails have accounts.
 */

/** When failures start to cost a wait, and how long the first wait is. */
export interface ThrottlePolicy {
  /** Failures in a row from one address for one email before the pair waits. */
  threshold: number;
  /** The first wait in ms; each further failure doubles it. */
  baseMs: number;
}

/** The longest wait. */
const MAX_WAIT_MS = 24 * 3_600_000;
/** Most pairs kept at once (past it the idle ones go first, then the oldest). */
const MAX_PAIRS = 100_000;

/** The failures of one pair of email and address. */
export interface ThrottledPair {
  failures: number;
  blockedUntil: number;
  /** When the pair is forgotten (a quiet period after the last failure or wait). */
  forgetAt: number;
}
type Pair = ThrottledPair;

/**
 * Admit an attempt of a pair (undefined: none kept) or say how many seconds it must still wait: the
 * pair afterwards (unchanged while it waits) and the wait, 0 when admitted. An admitted attempt counts
 * as a failure at once. The one rule of the throttle in memory (below) and in the database
 * (cluster/database-shared-state.ts).
 */
export function admitAttempt(
  current: ThrottledPair | undefined,
  policy: ThrottlePolicy,
  now: number,
): { pair: ThrottledPair; wait: number } {
  if (current && current.blockedUntil > now)
    return { pair: current, wait: Math.ceil((current.blockedUntil - now) / 1000) };
  const pair = !current || current.forgetAt <= now ? { failures: 0, blockedUntil: 0, forgetAt: 0 } : { ...current };
  pair.failures += 1;
  if (pair.failures >= policy.threshold)
    pair.blockedUntil = now + Math.min(MAX_WAIT_MS, policy.baseMs * 2 ** (pair.failures - policy.threshold));
  pair.forgetAt = Math.max(now, pair.blockedUntil) + policy.baseMs;
  return { pair, wait: 0 };
}

/** The key of a pair: the email as the accounts store it (trimmed, lower case) and the client address. */
export function throttleKey(email: string, address: string): string {
  return `${email.trim().toLowerCase()}\n${address}`;
}

/** The store of failures per pair. */
export class SignInThrottle {
  private pairs = new Map<string, Pair>();

  /**
   * Admit an attempt of the pair, or say how many seconds it must still wait. An admitted attempt is
   * counted as a failure at once (a success forgets the pair), so attempts sent in parallel cannot
   * slip past the threshold: of any number of them at most `threshold` are admitted.
   */
  attempt(key: string, policy: ThrottlePolicy, now: number): number {
    const current = this.pairs.get(key);
    const { pair, wait } = admitAttempt(current, policy, now);
    if (wait > 0) return wait;
    if (!current || current.forgetAt <= now) {
      // A new pair goes to the end (a Map keeps insertion order: the oldest are pruned first).
      this.pairs.delete(key);
      if (this.pairs.size >= MAX_PAIRS) this.prune(now);
    }
    this.pairs.set(key, pair);
    return 0;
  }

  /** Forget a pair's failures (after its successful sign-in). */
  clear(key: string): void {
    this.pairs.delete(key);
  }

  private prune(now: number): void {
    for (const [key, pair] of this.pairs) if (pair.forgetAt <= now) this.pairs.delete(key);
    // Still full: the oldest go first (a Map keeps insertion order).
    for (const key of this.pairs.keys()) {
      if (this.pairs.size < MAX_PAIRS) break;
      this.pairs.delete(key);
    }
  }
}
