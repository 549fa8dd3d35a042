/** Strong ETags and conditional GET for public data: the body is built once per data generation and reused. */
import { createHash } from 'node:crypto';
import { validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import { constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong ETag of a body. */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header matches an ETag (weak comparison, as RFC 9110 asks for If-None-Match). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true;
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

/**
 * Content types sent gzip-compressed to clients that accept it (text, JSON, CSV, XML, SVG); others
 * (spreadsheets, evidence files, images) are compressed already or not worth it.
 */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml|javascript)\b|image\/svg\+xml)/;
/** Smaller bodies are sent as they are: the gain would not pay for the extra headers. */
const MIN_COMPRESSED_BYTES = 1024;

/** A body's gzip variant: its bytes and ETag (a strong ETag names one representation). */
export interface GzipVariant {
  body: Buffer;
  etag: string;
}

/** Gzip variants by the ETag of the body they compress, so a rebuilt body with the same bytes is not compressed again. */
const gzipByEtag = new Map<string, GzipVariant | null>();
const GZIP_KEPT = 500;

/**
 * The gzip variant of a prepared body, compressed once (level 9, as pre-compressed static files are;
 * level 6 above 1 MiB, about three times faster, so a large download holds the process less long);
 * undefined when its type is not worth compressing, it is small, or gzip would not make it smaller.
 */
export function gzipVariant(cached: CachedBody): GzipVariant | undefined {
  const known = gzipByEtag.get(cached.etag);
  if (known !== undefined) return known ?? undefined;
  let variant: GzipVariant | null = null;
  const size = Buffer.byteLength(cached.body);
  if (size >= MIN_COMPRESSED_BYTES && COMPRESSIBLE.test(cached.contentType)) {
    const body = gzipSync(cached.body, { level: size <= 1 << 20 ? zlib.Z_BEST_COMPRESSION : 6 });
    if (body.length < size) variant = { body, etag: `${cached.etag.slice(0, -1)}-gzip"` };
  }
  if (gzipByEtag.size >= GZIP_KEPT) gzipByEtag.clear();
  gzipByEtag.set(cached.etag, variant);
  return variant ?? undefined;
}

/** Accept-Encoding values seen, and whether each accepts gzip (clients send a handful of distinct values). */
/**
 * A request header (its name in lower case) read from Node's raw list, repeated lines joined as Node
 * joins them, without making `request.headers` (which Node builds from every header on first use).
 */
export function rawHeader(raw: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const field = raw[index]!;
    if (field.length === name.length && field.toLowerCase() === name)
      value = value === undefined ? raw[index + 1]! : `${value}, ${raw[index + 1]!}`;
  }
  return value;
}

const acceptsGzipByHeader = new Map<string, boolean>();

/** Whether an Accept-Encoding header accepts gzip (RFC 9110: listed, or `*`, with a weight above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  const known = acceptsGzipByHeader.get(header);
  if (known !== undefined) return known;
  let gzip: boolean | undefined;
  let any = false;
  for (const part of header.split(',')) {
    const [coding = '', ...parameters] = part.split(';');
    const name = coding.trim().toLowerCase();
    const weight = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(parameter)?.[1]).find(Boolean);
    const accepted = weight === undefined || Number(weight) > 0;
    if (name === 'gzip' || name === 'x-gzip') gzip = accepted;
    else if (name === '*') any = accepted;
  }
  const accepts = gzip ?? any;
  if (header.length <= 200) {
    if (acceptsGzipByHeader.size >= 100) acceptsGzipByHeader.clear();
    acceptsGzipByHeader.set(header, accepts);
  }
  return accepts;
}

/** Prepare a JSON body once, as bytes (a string would be encoded again for every answer). */
export function jsonBody(value: unknown): CachedBody {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: etagOf(body), contentType: 'application/json; charset=utf-8' };
}

/**
 * Send a prepared public body with its ETag, or 304 when the client has it. The answer of a public
 * GET route is remembered under its URL, so the next request for that URL is answered before
 * parsing and validation (see PublicBodyCache.answerFor).
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedBody,
  extraHeaders: Record<string, string> = {},
): FastifyReply {
  if (request.method === 'GET' && request.routeOptions.config.access?.permission === 'public')
    request.server.migov?.publicCache.remember(
      request.url,
      cached,
      extraHeaders,
      reply.getHeaders(),
      request.routeOptions.url,
    );
  return sendPrepared(request, reply, cached, extraHeaders);
}

/**
 * Send a prepared body: compressed for clients that accept gzip when it has a gzip variant (with
 * `Vary: Accept-Encoding` on both variants, so shared caches keep them apart), or 304 when the client
 * has the variant it would get.
 */
function sendPrepared(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedBody,
  extraHeaders: Record<string, string>,
): FastifyReply {
  const gzip = gzipVariant(cached);
  const chosen = gzip && acceptsGzip(request.headers['accept-encoding']) ? gzip : undefined;
  const etag = chosen?.etag ?? cached.etag;
  void reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate').headers(extraHeaders);
  if (gzip) void reply.header('vary', 'accept-encoding');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (chosen) void reply.header('content-encoding', 'gzip');
  return reply.header('content-type', cached.contentType).send(chosen?.body ?? cached.body);
}

/** Whether every header value can be sent (an answer that cannot is never remembered: the framework reports its failure). */
function validHeaders(headers: Record<string, string>): boolean {
  try {
    for (const [name, value] of Object.entries(headers)) validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/** Headers every answer carries (the security headers set by the hooks before the route), to send with a remembered answer too; never a cookie. */
function sharedHeaders(headers: Record<string, unknown>): Record<string, string> {
  const shared: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if ((typeof value === 'string' || typeof value === 'number') && !ANSWER_OWN_HEADERS.has(name))
      shared[name] = String(value);
  }
  return validHeaders(shared) ? shared : {};
}

const ANSWER_OWN_HEADERS = new Set([
  'content-type',
  'content-length',
  'etag',
  'cache-control',
  'content-disposition',
  'set-cookie',
  'vary',
  'last-modified',
]);

/** Headers as Node's writeHead takes them fastest: names and values in turn. */
type RawHeaders = (string | number)[];

/** One representation of a remembered answer (as it is, or gzip-compressed): its bytes, ETag and complete headers. */
interface RememberedVariant {
  body: string | Buffer;
  etag: string;
  ok: RawHeaders;
  notModified: RawHeaders;
}

/** A remembered answer, with the complete headers of a 200 and a 304 sent before the framework. */
interface RememberedAnswer {
  cached: CachedBody;
  headers: Record<string, string>;
  expires: number;
  identity: RememberedVariant;
  /** For clients that accept gzip, when the body has a gzip variant. */
  gzip?: RememberedVariant;
  /** The route that made it (its pattern, e.g. /api/v1/aggregates/:year), for the metrics. */
  route: string;
  /** Once due for refresh: the count of refreshes ended when the route was asked to refresh it. */
  refreshWait?: number;
}

const rawHeaders = (headers: Record<string, string | number>): RawHeaders => Object.entries(headers).flat();

/** How the cache was used since it was made (the metrics read it). */
export interface PublicCacheStats {
  /** Bodies found (current or being refreshed). */
  hits: number;
  /** Bodies built because none was kept. */
  misses: number;
  /** Answers sent from the answers remembered by URL (before the route, or before the framework). */
  rememberedAnswers: number;
  /** Times the cache was emptied (a change here, or announced by another process or instance). */
  drops: number;
}

/**
 * A small cache of prepared bodies keyed by a string, emptied whenever public data changes through
 * this server: in this process at once, and in the other processes of a cluster before `invalidate`
 * resolves (through `announce`, see cluster/shared-state.ts); on PostgreSQL every instance on the
 * database empties it too, as soon as the change is committed by whichever program made it
 * (cluster/database-shared-state.ts, docs/scaling.md). Entries are also refreshed after
 * `ttlMs`, so on SQLite changes made by a program outside the server (the CLI importing into the
 * same database) show within seconds, and on PostgreSQL a notice missed in a listener's reconnection too; the refresh runs in the background while the previous body is
 * still served, so no request waits for the database on the hot path.
 */
export class PublicBodyCache {
  private entries = new Map<string, { body: Promise<CachedBody>; expires: number; refreshing: boolean }>();
  private generation = 0;
  /** When each body of the current generation is due for refresh (bodies of earlier generations are not here). */
  private expiry = new WeakMap<CachedBody, number>();
  /** Refreshes ended (done or failed): a remembered answer due for refresh is sent again until one ends. */
  private refreshesEnded = 0;
  /** The answers of public GET routes by request URL (path and query), until their body is due for refresh. */
  private answers = new Map<string, RememberedAnswer>();
  /** How the cache was used (for the metrics). */
  readonly stats: PublicCacheStats = { hits: 0, misses: 0, rememberedAnswers: 0, drops: 0 };
  /** Told of each answer sent before the framework (which no request hook sees): its route, status and duration. */
  onDirectAnswer?: (route: string, status: number, seconds: number) => void;

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
      this.stats.hits += 1;
      if (hit.expires <= this.now() && !hit.refreshing) this.refresh(key, hit, build);
      return hit.body;
    }
    this.stats.misses += 1;
    if (this.entries.size >= this.limit) this.entries.clear();
    const entry = { body: build(), expires: this.now() + this.ttlMs, refreshing: false };
    this.entries.set(key, entry);
    const generation = this.generation;
    // A failed build is not kept, nor one that an invalidation overtook while it ran.
    entry.body.then(
      (body) => (generation === this.generation ? this.expiry.set(body, entry.expires) : this.forget(key, entry)),
      () => this.forget(key, entry),
    );
    return entry.body;
  }

  private refresh(
    key: string,
    stale: { body: Promise<CachedBody>; expires: number; refreshing: boolean },
    build: () => Promise<CachedBody>,
  ): void {
    stale.refreshing = true;
    const generation = this.generation;
    build().then(
      (body) => {
        if (generation === this.generation && this.entries.get(key) === stale) {
          const expires = this.now() + this.ttlMs;
          this.expiry.set(body, expires);
          this.entries.set(key, { body: Promise.resolve(body), expires, refreshing: false });
        }
        this.refreshesEnded += 1;
      },
      // Keep serving the previous body and try again on a later request.
      () => {
        stale.refreshing = false;
        this.refreshesEnded += 1;
      },
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
    this.stats.drops += 1;
    this.generation += 1;
    this.entries.clear();
    this.expiry = new WeakMap();
    this.answers.clear();
  }

  /** Remember the answer of a public GET route for its URL, while its body is current and not due for refresh. */
  remember(
    url: string,
    cached: CachedBody,
    headers: Record<string, string>,
    inherited: Record<string, unknown> = {},
    route = url,
  ): void {
    const expires = this.expiry.get(cached);
    if (
      expires === undefined ||
      expires <= this.now() ||
      this.answers.get(url)?.cached === cached ||
      !validHeaders(headers)
    )
      return;
    if (this.answers.size >= this.limit) this.answers.clear();
    const gzip = gzipVariant(cached);
    // The headers in the order the route sends them (sendPrepared).
    const variant = (body: string | Buffer, etag: string, encoding?: string): RememberedVariant => {
      const notModified = {
        'x-content-type-options': 'nosniff',
        ...sharedHeaders(inherited),
        etag,
        'cache-control': 'public, max-age=0, must-revalidate',
        ...headers,
        ...(gzip ? { vary: 'accept-encoding' } : {}),
      };
      const ok = {
        ...notModified,
        ...(encoding ? { 'content-encoding': encoding } : {}),
        'content-type': cached.contentType,
        'content-length': Buffer.byteLength(body),
      };
      return { body, etag, ok: rawHeaders(ok), notModified: rawHeaders(notModified) };
    };
    this.answers.set(url, {
      cached,
      headers,
      expires,
      identity: variant(cached.body, cached.etag),
      ...(gzip ? { gzip: variant(gzip.body, gzip.etag, 'gzip') } : {}),
      route,
    });
  }

  /** The remembered answer for a URL while it is not due for refresh. */
  /**
   * The remembered answer for a URL while it is current. Once its body is due for refresh, the next
   * request goes to the route, which starts the refresh and sends the previous body meanwhile; the
   * requests after it get the remembered answer (the same previous body) until a refresh ends, and
   * the next request goes to the route again, to remember the refreshed answer (or retry).
   */
  private current(url: string) {
    const answer = this.answers.get(url);
    if (!answer) return undefined;
    if (answer.expires > this.now()) {
      this.stats.rememberedAnswers += 1;
      return answer;
    }
    if (answer.refreshWait === undefined) {
      answer.refreshWait = this.refreshesEnded;
      return undefined;
    }
    if (answer.refreshWait === this.refreshesEnded) {
      this.stats.rememberedAnswers += 1;
      return answer;
    }
    this.answers.delete(url);
    return undefined;
  }

  /**
   * The remembered answer for a URL, sent at once (an onRequest hook: no parsing, validation or
   * handler); undefined when there is none or its body is due for refresh, and the route runs.
   */
  answerFor(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const answer = this.current(request.url);
    return answer ? sendPrepared(request, reply, answer.cached, answer.headers) : undefined;
  }

  /** Answers sent by answerDirectly (for tests and diagnostics). */
  directAnswers = 0;

  /**
   * The same before the framework, on Node's own request and response, with the same headers
   * (the server of a listening app does this while request logs are off); false when the request
   * is not a GET with a remembered answer, and the framework takes it.
   */
  answerDirectly(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' || request.url === undefined) return false;
    const answer = this.current(request.url);
    if (!answer) return false;
    const started = this.onDirectAnswer ? process.hrtime.bigint() : 0n;
    this.directAnswers += 1;
    const variant =
      answer.gzip && acceptsGzip(rawHeader(request.rawHeaders, 'accept-encoding')) ? answer.gzip : answer.identity;
    const notModified = ifNoneMatchHits(rawHeader(request.rawHeaders, 'if-none-match'), variant.etag);
    if (notModified) response.writeHead(304, variant.notModified).end();
    else response.writeHead(200, variant.ok).end(variant.body);
    this.onDirectAnswer?.(answer.route, notModified ? 304 : 200, Number(process.hrtime.bigint() - started) / 1e9);
    return true;
  }
}
