/**
 * The web app's static files when they are built, else a small landing page that links to the API docs.
 * With a page renderer (the web app's, wired by `migov serve`), the public pages arrive drawn: their
 * HTML is rendered on the server, kept per URL and dropped whenever public data changes, like the
 * public answers (docs/scaling.md, "Pages drawn on the server").
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';
import fastifyStatic from '@fastify/static';
import { etagOf, ifNoneMatchHits } from '../http/etag.ts';
import { LANGUAGE_COOKIE, languageFor } from '../http/request-language.ts';
import { PUBLIC } from '../http/route-kit.ts';

/**
 * What a page renderer reads the API through: the app's in-process requests (`inject`). The server
 * notes each GET it makes and the answer's validator, to tell later whether the page is still current.
 */
export interface PageApi {
  inject(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }): Promise<LightMyRequestResponse>;
}

/**
 * Renders a public page of the web app: the complete HTML document for a URL (path and query), or
 * undefined when that URL is not a page it draws (the app's index.html is served then). `api` answers
 * the API in process.
 */
export type PublicPageRenderer = (url: string, api: PageApi) => Promise<string | undefined>;

/** A GET the renderer made, and what it was answered: the answer's ETag, or a digest of an answer without one. */
interface PageRead {
  url: string;
  headers: Record<string, string> | undefined;
  status: number;
  etag?: string;
  digest?: string;
}

/** A rendered page as sent: its bytes, ETag, the CSP hashes of its style attributes, compressed copies made on demand. */
interface RenderedPage {
  html: Buffer;
  etag: string;
  styleHashes: string[];
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
  /** The API answers it was drawn from. */
  reads: PageRead[];
  /** The built app's index.html when it was drawn (its modification time): a new build draws it again. */
  build: number;
}

const compressors = {
  br: promisify(brotliCompress),
  gzip: promisify(gzip),
};

/** The SHA-256 CSP sources of the style attributes in server-rendered markup (their values as the browser reads them). */
function styleAttributeHashes(html: string): string[] {
  const decode = (value: string) =>
    value.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) =>
      entity === '&amp;' ? '&' : entity === '&lt;' ? '<' : entity === '&gt;' ? '>' : entity === '&quot;' ? '"' : "'",
    );
  const hashes = new Set<string>();
  for (const [, value] of html.matchAll(/\sstyle="([^"]*)"/g))
    hashes.add(
      `'sha256-${createHash('sha256')
        .update(decode(value ?? ''), 'utf8')
        .digest('base64')}'`,
    );
  return [...hashes];
}

/**
 * The rendered pages by URL. A page is kept while public data stays the same: the public answer cache
 * counts its drops (a publication, an import, a change announced by another process or instance), and
 * a new count empties this cache too. Like the public answers, a page is checked in the background
 * after `ttlMs` (changes made outside the server), the kept one served meanwhile: `current` asks again
 * for the answers it was drawn from, and only a page whose answers changed is drawn again (drawing
 * the dashboard takes the server's thread hundreds of milliseconds; asking for its answers, about one).
 */
class RenderedPages {
  private entries = new Map<string, { page: Promise<RenderedPage | undefined>; at: number; refreshing: boolean }>();
  private drops = -1;

  constructor(
    private readonly render: (url: string) => Promise<RenderedPage | undefined>,
    private readonly current: (page: RenderedPage) => Promise<boolean>,
    private readonly dropsNow: () => number,
    private readonly now: () => number,
    private readonly ttlMs = 10_000,
    private readonly limit = 2000,
  ) {}

  get(url: string): Promise<RenderedPage | undefined> {
    const drops = this.dropsNow();
    if (drops !== this.drops) {
      this.entries.clear();
      this.drops = drops;
    }
    const hit = this.entries.get(url);
    if (hit) {
      if (this.now() - hit.at > this.ttlMs && !hit.refreshing) {
        hit.refreshing = true;
        this.refresh(url, hit, drops).catch(() => (hit.refreshing = false));
      }
      return hit.page;
    }
    if (this.entries.size >= this.limit) this.entries.clear();
    const entry = { page: this.render(url), at: this.now(), refreshing: false };
    this.entries.set(url, entry);
    // A failed render is not kept, nor one that a change of public data overtook.
    entry.page.then(
      (page) => {
        if (page === undefined || this.drops !== drops) this.forget(url, entry);
      },
      () => this.forget(url, entry),
    );
    return entry.page;
  }

  /** Keep a page whose answers are unchanged for another `ttlMs`; else draw it again (the kept one is sent until then). */
  private async refresh(
    url: string,
    hit: { page: Promise<RenderedPage | undefined>; at: number; refreshing: boolean },
    drops: number,
  ): Promise<void> {
    const kept = await hit.page;
    if (kept && (await this.current(kept))) {
      hit.at = this.now();
      hit.refreshing = false;
      return;
    }
    const page = await this.render(url);
    if (this.drops === drops && this.entries.get(url) === hit)
      this.entries.set(url, { page: Promise.resolve(page), at: this.now(), refreshing: false });
  }

  private forget(url: string, entry: unknown): void {
    if (this.entries.get(url) === entry) this.entries.delete(url);
  }
}

/** A GET and its answer, as a page's read: the answer's ETag, or a digest of an answer without one. */
function readOf(
  request: { url: string; headers?: Record<string, string> | undefined },
  response: LightMyRequestResponse,
): PageRead {
  const { etag } = response.headers;
  const headers = request.headers ? { ...request.headers } : undefined;
  delete headers?.['if-none-match'];
  return typeof etag === 'string'
    ? { url: request.url, headers, status: response.statusCode, etag }
    : {
        url: request.url,
        headers,
        status: response.statusCode,
        digest: createHash('sha256').update(response.rawPayload).digest('base64'),
      };
}

/** Whether an answer asked for again is the one a page was drawn from (a 304 to its ETag, or the same ETag or bytes). */
function sameAnswer(drawn: PageRead, now: PageRead): boolean {
  if (drawn.etag !== undefined) return now.status === 304 || (now.status === drawn.status && now.etag === drawn.etag);
  return now.status === drawn.status && now.digest === drawn.digest;
}

/** Send a rendered page: 304 when the browser has it, else compressed as the browser accepts; its style attributes allowed by hash. */
async function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage): Promise<FastifyReply> {
  if (page.styleHashes.length > 0) {
    const policy = reply.getHeader('content-security-policy');
    if (typeof policy === 'string')
      reply.header(
        'content-security-policy',
        `${policy};style-src-attr 'unsafe-hashes' ${page.styleHashes.join(' ')}`.replace(/;;/g, ';'),
      );
  }
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const encoding =
    page.html.length < 1024
      ? undefined
      : /\bbr\b/.test(accepted)
        ? 'br'
        : /\bgzip\b/.test(accepted)
          ? 'gzip'
          : undefined;
  // A strong ETag names one representation: each encoding has its own.
  const etag = encoding ? `${page.etag.slice(0, -1)}-${encoding}"` : page.etag;
  reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('vary', 'accept-encoding')
    .header('etag', etag);
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (!encoding) return reply.send(page.html);
  let encoded = page.encoded.get(encoding);
  if (!encoded) {
    encoded =
      encoding === 'br'
        ? compressors.br(page.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : compressors.gzip(page.html, { level: 6 });
    page.encoded.set(encoding, encoded);
  }
  return reply.header('content-encoding', encoding).send(await encoded);
}

/** The page at / when the web app is not built (its inline style is allowed by hash: http/security-headers.ts). */
export const LANDING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>migov</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d2733}a{color:#0b5cad}</style>
</head><body>
<h1>migov</h1>
<p>SDG indicator 10.7.2 and MiGOF: assessments, official scoring and open data.</p>
<ul>
<li><a href="/api/v1/docs">API documentation</a> (browsable)</li>
<li><a href="/api/v1/openapi.json">OpenAPI 3.1 document</a></li>
<li><a href="/api/v1/instruments">Instruments</a> · <a href="/api/v1/rounds">Rounds</a></li>
</ul>
<p>The web application is not built on this server yet.</p>
</body></html>`;

/** A file the build names by its content's hash (Vite's `assets/<name>-<8 characters>.<extension>`). */
const HASHED_FILE = /^assets\/[\w.-]+-[\w-]{8}\.(js|css|json|svg|png|woff2?)$/;

/** GET / (and the web app's files when `webRoot` exists). */
export const webRoutes: FastifyPluginAsync<{
  webRoot?: string | undefined;
  renderPage?: PublicPageRenderer | undefined;
}> = async (app, options) => {
  const root = options.webRoot ? resolve(options.webRoot) : undefined;
  if (root && existsSync(root)) {
    // serve: false registers no routes of its own (each route here declares its access); sendFile guards against path traversal.
    // The build writes .br and .gz beside its text files: browsers that accept them get those.
    await app.register(fastifyStatic, { root, serve: false, preCompressed: true });
    const { renderPage } = options;
    // The built app's index.html, by its modification time (a new build changes the scripts a page names).
    const build = () => statSync(resolve(root, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const pages = renderPage
      ? new RenderedPages(
          async (url) => {
            const reads: PageRead[] = [];
            const drawnWith = build();
            // The renderer's requests, each GET noted with the answer's validator.
            const api: PageApi = {
              async inject(options) {
                const response = await app.inject(options as InjectOptions);
                if (options.method.toUpperCase() === 'GET') reads.push(readOf(options, response));
                return response;
              },
            };
            const html = await renderPage(url, api);
            if (html === undefined) return undefined;
            const bytes = Buffer.from(html);
            return {
              html: bytes,
              etag: etagOf(bytes),
              styleHashes: styleAttributeHashes(html),
              encoded: new Map(),
              reads,
              build: drawnWith,
            };
          },
          async (page) => {
            if (page.build !== build()) return false;
            const answers = await Promise.all(
              page.reads.map(async (read) => {
                const headers = { ...read.headers, ...(read.etag ? { 'if-none-match': read.etag } : {}) };
                return readOf(read, await app.inject({ method: 'GET', url: read.url, headers }));
              }),
            );
            return answers.every((answer, index) => sameAnswer(page.reads[index]!, answer));
          },
          () => app.migov.publicCache.stats.drops,
          () => app.migov.now().getTime(),
        )
      : undefined;
    app.get('/*', { config: PUBLIC, schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      const question = request.url.indexOf('?');
      const pathname = question < 0 ? request.url : request.url.slice(0, question);
      const path = decodeURIComponent(pathname).replace(/^\/+/, '');
      // The bare root goes to the dashboard in the reader's language, a page drawn like any other.
      if (pathname === '/') {
        const lang = languageFor(request.cookies?.[LANGUAGE_COOKIE], request.headers['accept-language']);
        return reply
          .header('vary', 'accept-language, cookie')
          .header('cache-control', 'no-cache')
          .redirect(`/${lang}/${question < 0 ? '' : request.url.slice(question)}`, 302);
      }
      const file = resolve(root, path);
      if (file.startsWith(`${root}/`) && existsSync(file) && statSync(file).isFile())
        // A built file named by its content's hash never changes: browsers keep it without asking again
        // (else each page a reader opens waits for its stylesheet to be revalidated).
        return HASHED_FILE.test(path)
          ? reply.sendFile(path, { maxAge: '365d', immutable: true })
          : reply.sendFile(path);
      // A public page arrives drawn when the renderer draws it; any other client-side route gets index.html.
      if (pages) {
        const page = await pages.get(request.url).catch((error: unknown) => {
          request.log.warn({ err: error, url: request.url }, 'could not render the page on the server');
          return undefined;
        });
        if (page) return sendPage(request, reply, page);
      }
      return reply.sendFile('index.html');
    });
    return;
  }
  app.get('/', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(LANDING_PAGE),
  );
};
