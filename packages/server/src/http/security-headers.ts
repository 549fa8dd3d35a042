/**
 * Security headers on every answer of the framework (@fastify/helmet, decision 0409): a strict
 * Content-Security-Policy, no framing, no referrer across origins, no MIME sniffing, HSTS behind
 * https. Scripts and styles load from this origin only; the few inline ones a page of this server
 * carries are allowed by their SHA-256 hash, computed when the app starts from the HTML it will
 * serve (the built web app's index.html, the landing page), so no 'unsafe-inline' is needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyHelmetOptions } from '@fastify/helmet';

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
