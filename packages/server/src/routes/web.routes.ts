/** The web app's static files when they are built, else a small landing page that links to the API docs. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PUBLIC } from '../http/route-kit.ts';

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

/** GET / (and the web app's files when `webRoot` exists). */
export const webRoutes: FastifyPluginAsync<{ webRoot?: string | undefined }> = async (app, options) => {
  const root = options.webRoot ? resolve(options.webRoot) : undefined;
  if (root && existsSync(root)) {
    // serve: false registers no routes of its own (each route here declares its access); sendFile guards against path traversal.
    // The build writes .br and .gz beside its text files: browsers that accept them get those.
    await app.register(fastifyStatic, { root, serve: false, preCompressed: true });
    app.get('/*', { config: PUBLIC, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      const path = decodeURIComponent(request.url.split('?')[0] ?? '/').replace(/^\/+/, '');
      const file = path === '' ? undefined : resolve(root, path);
      // Client-side routes fall back to index.html.
      if (file && file.startsWith(`${root}/`) && existsSync(file) && statSync(file).isFile())
        return reply.sendFile(path);
      return reply.sendFile('index.html');
    });
    return;
  }
  app.get('/', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(LANDING_PAGE),
  );
};
