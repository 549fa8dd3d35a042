/** Strong ETags and conditional GET for public data: the body is built once per data generation and reused. */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong ETag of a body. */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header matches an ETag (weak comparison, as RFC 9110 asks for If-None-Match). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/** A prepared body: bytes, ETag and content type. */
export interface CachedBody {
  body: string | Buffer;
  etag: string;
  contentType: string;
}

/** Prepare a JSON body once. */
export function jsonBody(value: unknown): CachedBody {
  const body = JSON.stringify(value);
  return { body, etag: etagOf(body), contentType: 'application/json; charset=utf-8' };
}

/** Send a prepared public body with its ETag, or 304 when the client has it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedBody, extraHeaders: Record<string, string> = {}): FastifyReply {
  void reply.header('etag', cached.etag).header('cache-control', 'public, max-age=0, must-revalidate').headers(extraHeaders);
  if (ifNoneMatchHits(request.headers['if-none-match'], cached.etag)) return reply.code(304).send();
  return reply.header('content-type', cached.contentType).send(cached.body);
}

/**
 * A small cache of prepared bodies keyed by a string, emptied whenever public data changes through
 * this server: in this process at once, and in the other processes of a cluster before `invalidate`
 * resolves (through `announce`, see cluster/shared-state.ts). Entries are also refreshed after
 * `ttlMs`, so changes made by a program outside the server (the CLI importing into the same
 * database) show within seconds; the refresh runs in the background while the previous body is
 * still served, so no request waits for the database on the hot path.
 */
export class PublicBodyCache {
  private entries = new Map<string, { body: Promise<CachedBody>; expires: number; refreshing: boolean }>();
  private generation = 0;

  constructor(
    private readonly limit = 500,
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
    private readonly announce: () => Promise<void> = async () => undefined,
  ) {}

  /** The body for `key`, built once: concurrent requests for a missing entry share one build. */
  get(key: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.expires <= this.now() && !hit.refreshing) this.refresh(key, hit, build);
      return hit.body;
    }
    if (this.entries.size >= this.limit) this.entries.clear();
    const entry = { body: build(), expires: this.now() + this.ttlMs, refreshing: false };
    this.entries.set(key, entry);
    const generation = this.generation;
    // A failed build is not kept, nor one that an invalidation overtook while it ran.
    entry.body.then(
      () => generation !== this.generation && this.forget(key, entry),
      () => this.forget(key, entry),
    );
    return entry.body;
  }

  private refresh(key: string, stale: { body: Promise<CachedBody>; expires: number; refreshing: boolean }, build: () => Promise<CachedBody>): void {
    stale.refreshing = true;
    const generation = this.generation;
    build().then(
      (body) => {
        if (generation === this.generation && this.entries.get(key) === stale) this.entries.set(key, { body: Promise.resolve(body), expires: this.now() + this.ttlMs, refreshing: false });
      },
      // Keep serving the previous body and try again on a later request.
      () => (stale.refreshing = false),
    );
  }

  private forget(key: string, entry: unknown): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  /**
   * Forget everything (after a publication, an import or an instrument upload), here at once and in
   * the other processes of the server before the promise resolves; it never rejects.
   */
  invalidate(): Promise<void> {
    this.drop();
    return this.announce().catch(() => undefined);
  }

  /** Forget everything in this process only (another process announced a change). */
  drop(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
