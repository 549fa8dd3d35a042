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
 * A small cache of prepared bodies keyed by a string, emptied whenever this process changes public
 * data; entries also expire after `ttlMs`, so changes made by another process (the CLI importing
 * into the same database) show within seconds.
 */
export class PublicBodyCache {
  private entries = new Map<string, { body: Promise<CachedBody>; expires: number }>();
  private generation = 0;

  constructor(
    private readonly limit = 500,
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The body for `key`, built once: concurrent requests for a missing or expired entry share one build. */
  get(key: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.body;
    if (this.entries.size >= this.limit) this.entries.clear();
    const generation = this.generation;
    const body = build();
    this.entries.set(key, { body, expires: this.now() + this.ttlMs });
    // A failed build is not kept, nor one that an invalidation overtook while it ran.
    const forget = (failed: boolean) => {
      if (this.entries.get(key)?.body === body && (failed || generation !== this.generation)) this.entries.delete(key);
    };
    body.then(
      () => forget(false),
      () => forget(true),
    );
    return body;
  }

  /** Forget everything (after a publication, an import or an instrument upload). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
