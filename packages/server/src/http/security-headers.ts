/**
 * Security headers on every answer of the framework (@fastify/helmet, decision 0409): a strict
 * Content-Security-Policy, no framing, no referrer across origins, no MIME sniffing, HSTS behind
 * https. Scripts and styles load from this origin only; the few inline ones a page of this server
 * carries are allowed by their SHA-256 hash, computed when the app starts from the HTML it will
 * serve (the built web app's index.html, the landing page), so no 'unsafe-inline' is needed.
 *
 * Answers that are not pages (the API's JSON, problem answers, downloads, health and metrics) carry
 * the headers that protect any answer (OWASP's REST Security Cheat Sheet) and none of those that only
 * mean something on a document: `default-src 'none'` (nothing an answer could hold runs or loads),
 * no framing, no MIME sniffing, same-origin resource policy, HSTS behind https (decision 0414).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from './api-prefix.ts';

/** The CSP hash sources ('sha256-…') of the inline scripts and styles of an HTML page. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes ?? ''))
    .map(([, , body]) => hash(body ?? ''));
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map(([, body]) => hash(body ?? ''));
  return { scripts: [...new Set(scripts)].filter((source) => source !== hash('')), styles: [...new Set(styles)] };
}

/** The Content-Security-Policy directives for pages that carry these inline scripts and styles. */
function contentSecurityPolicy(pages: readonly string[], https: boolean): Record<string, string[]> {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const page of pages) {
    const found = inlineHashes(page);
    for (const source of found.scripts) scripts.add(source);
    for (const source of found.styles) styles.add(source);
  }
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Charts are saved as PNG through an image of their SVG (a data: URL).
    'img-src': ["'self'", 'data:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'", ...scripts],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", ...styles],
    'worker-src': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The built web app's index.html under `webRoot`, when there is one. */
export function webAppIndex(webRoot: string | undefined): string | undefined {
  if (!webRoot) return undefined;
  const index = join(resolve(webRoot), 'index.html');
  return existsSync(index) ? readFileSync(index, 'utf8') : undefined;
}

/** The options of @fastify/helmet for a server at `publicUrl` serving these HTML pages. */
export function helmetOptions(publicUrl: string, pages: readonly string[]): FastifyHelmetOptions {
  const https = publicUrl.startsWith('https:');
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(pages, https) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Only a server reached over https may ask browsers to keep using https.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/** The Content-Security-Policy of an answer that is not a page: it may load, run and be framed by nothing. */
const ANSWER_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers helmet sets that only a document rendered by a browser reads (an HTML page and what it opens). */
export const DOCUMENT_ONLY_HEADERS = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;

/** The API browser's pages (HTML) sit under the API prefix too. */
const API_BROWSER = `${API_PREFIX}/docs`;
const NOT_PAGES = ['/health', '/ready', '/metrics'];

/** Whether the answer to a URL is never a page: the API (but its browser), health and metrics. */
export function answersWithoutPage(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  if (path.startsWith(`${API_PREFIX}/`)) return !(path === API_BROWSER || path.startsWith(`${API_BROWSER}/`));
  return path === API_PREFIX || NOT_PAGES.includes(path);
}

/**
 * After helmet's hook: answers that are not pages get the answer policy instead of the pages' one,
 * and lose the document-only headers (remembered public answers are made from these headers too).
 */
export function installAnswerHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (answersWithoutPage(request.url)) {
      for (const name of DOCUMENT_ONLY_HEADERS) reply.removeHeader(name);
      void reply.header('content-security-policy', ANSWER_CONTENT_SECURITY_POLICY);
    }
    done();
  });
}
