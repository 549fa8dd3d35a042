/** The attempts of one key in its current window. */
export interface AttemptWindow {
  start: number;
  count: number;
}

/**
 * Count one attempt in a fixed window of `windowMs` (a new window when there is none or it has
 * passed): the next window, and the seconds to wait when the count is over `limit`, else 0. The one
 * rule of the counter in memory (below) and in the database (cluster/database-shared-state.ts).
 */
export function countAttempt(
  current: AttemptWindow | undefined,
  limit: number,
  windowMs: number,
  now: number,
): { window: AttemptWindow; wait: number } {
  const window = !current || now - current.start >= windowMs ? { start: now, count: 0 } : current;
  window.count += 1;
  return { window, wait: window.count > limit ? Math.ceil((window.start + windowMs - now) / 1000) : 0 };
}

/** A fixed-window counter of attempts per key (IP address), in memory; across the workers of a cluster it lives in the primary (cluster/shared-state.ts), across instances in the database. */
export class AttemptLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count an attempt; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string, now = this.now()): number {
    const current = this.windows.get(key);
    const { window, wait } = countAttempt(current, this.limit, this.windowMs, now);
    this.windows.set(key, window);
    if (window !== current && this.windows.size > 100_000) this.prune(now);
    return wait;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
