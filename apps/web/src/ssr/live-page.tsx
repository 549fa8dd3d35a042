/* @jsxRuntime automatic */
/**
 * The public pages drawn on the server (`migov serve`): the app itself (ClientApp, the component the
 * browser runs) rendered to HTML for a URL, with its data read through the API in process, inside the
 * built index.html (its stylesheet and entry script). The page names the API answers it was drawn
 * from (their ETags, as JSON) and what the app loads; once the page is shown the entry loads those,
 * reads its first page from the same answers and takes the markup over (hydration) unchanged, or
 * renders afresh when an answer changed meanwhile.
 * The server keeps each page and drops it when public data changes (web.routes.ts).
 */
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import type { ApiClient, ApiResponse } from '../api/api-client.ts';
import type { WorldMapGeometry } from '../charts/world-map-state.ts';
import { ClientApp, type PageSource } from '../app/ClientApp.tsx';
import { PAGE_DATA_ID, type PageData } from '../app/drawn-page.ts';
import { isPublicRoute, loadPublicPage, type PublicRoute } from '../app/public-loads.ts';
import { formatRoute, parseRoute } from '../app/routes.ts';
import '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import { createInjectClient, type Injectable } from './inject-client.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);

/** JSON inside a `<script type="application/json">`: no `<` may close the element early. */
const embeddedJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** An API client that notes every GET answer it gave (its ETag, or the answer when it has none), for the page to carry. */
function recordingClient(client: ApiClient, answers: PageData['answers']): ApiClient {
  return {
    async request<Body>(path: string, options: Parameters<ApiClient['request']>[1] = {}) {
      const response: ApiResponse<Body> = await client.request<Body>(path, options);
      if ((options.method ?? 'GET') === 'GET')
        answers[path] = response.etag ? { etag: response.etag } : { body: response.body };
      return response;
    },
  };
}

/** Render a React tree to HTML once everything in it has loaded (the lazily loaded pages too). */
async function renderToHtml(element: React.ReactElement): Promise<string> {
  let failure: unknown;
  const { prelude } = await prerender(element, {
    // Every boundary inline: none may be left for a script to reveal (the CSP allows no inline script).
    progressiveChunkSize: Number.MAX_SAFE_INTEGER,
    onError(error) {
      failure ??= error;
    },
  });
  const text = await new Response(prelude).text();
  // A part that failed would be left for the browser to render (with an inline script the CSP refuses).
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  if (/<script|<template/i.test(text)) throw new Error('the page rendered a part to be completed by a script');
  return text;
}

/**
 * The head's stylesheets moved ahead of its scripts: a drawn page's first paint waits for its
 * stylesheet and nothing else, so the browser asks for it first (the server answers requests in the
 * order they come; the entry script, which waits for the page anyway, comes after).
 */
function stylesheetsFirst(html: string): string {
  const sheets: string[] = [];
  const rest = html.replace(/\s*(<link\b[^>]*\brel="stylesheet"[^>]*>)/g, (_whole, link: string) => {
    sheets.push(link);
    return '';
  });
  const script = rest.search(/\s*<script\b/);
  return script < 0 || sheets.length === 0
    ? html
    : `${rest.slice(0, script)}${sheets.map((link) => `\n    ${link}`).join('')}${rest.slice(script)}`;
}

/** The app's chunks index.html preloads (marked data-app by the build, vite.config.ts), in order. */
const appChunks = (index: string) =>
  [...index.matchAll(/<link\b[^>]*>/g)]
    .map(([link]) => link)
    .filter((link) => /\brel="modulepreload"/.test(link) && /\bdata-app\b/.test(link))
    .map((link) => /\bhref="([^"]+)"/.exec(link)![1]!);

export interface LivePageOptions {
  /**
   * A file of the built web app (apps/web/dist) by its path there, or undefined when it is missing:
   * its index.html and the projected world map it loads (read as they are at each rendering, so a new
   * build is picked up).
   */
  readFile(path: string): Promise<string | undefined>;
}

/**
 * The server's page renderer (createApp's `renderPage`): the document for a public page's URL, or
 * undefined for any other URL (workspace pages, the bare root, which the server sends on to a
 * language's dashboard, addresses not written as the app writes them) and when there is no built app.
 */
export function createLivePageRenderer(options: LivePageOptions) {
  const maps = new Map<string, Promise<WorldMapGeometry>>();
  return async (url: string, app: Injectable): Promise<string | undefined> => {
    const question = url.indexOf('?');
    const pathname = question < 0 ? url : url.slice(0, question);
    if (pathname === '/') return undefined;
    const route = parseRoute(pathname, question < 0 ? '' : url.slice(question));
    if (!isPublicRoute(route) || formatRoute(route) !== url) return undefined;

    // The index.html of this moment (a new build changes the names of the scripts it loads).
    const index = await options.readFile('index.html');
    if (index === undefined) return undefined;
    const mapHref = /<link rel="preload" href="(\/assets\/world-map-[^"]+\.json)"[^>]*>/.exec(index);
    let mapUsed = false;
    const loadWorldMap = () => {
      mapUsed = true;
      const href = mapHref?.[1];
      if (!href) return Promise.reject(new Error('the built app has no world map'));
      let map = maps.get(href);
      if (!map) {
        map = options.readFile(href.slice(1)).then((text) => {
          if (text === undefined) throw new Error(`the built app has no ${href}`);
          return JSON.parse(text) as WorldMapGeometry;
        });
        maps.set(href, map);
        map.catch(() => maps.delete(href));
      }
      return map;
    };
    const answers: PageData['answers'] = {};
    const api = recordingClient(createInjectClient(app), answers);
    const data = await loadPublicPage({ api, loadWorldMap }, route);
    const source: PageSource = {
      api: { request: api.request, setCsrfToken: () => undefined },
      route,
      load: () => new Promise(() => undefined),
      ready: (next: PublicRoute) => (formatRoute(next) === url ? (data as never) : undefined),
    };
    const markup = await renderToHtml(
      <StrictMode>
        <ClientApp source={source} />
      </StrictMode>,
    );
    const translator = getTranslator(route.lang);
    // What the app loads to take the page over is asked for once the page is shown (drawn-page.ts), not
    // from the head: the page's load event, and with it its first paint, waits for nothing but the page.
    const load: PageData['load'] = [
      ...appChunks(index).map((href) => ({ href, as: 'script' as const })),
      ...Object.entries(answers)
        .filter(([, answer]) => 'etag' in answer)
        .map(([path]) => ({ href: `/api/v1${path}`, as: 'fetch' as const })),
      ...(mapUsed && mapHref ? [{ href: mapHref[1]!, as: 'fetch' as const }] : []),
    ];
    const page: PageData = { url, answers, load };
    return stylesheetsFirst(
      index
        .replace(/<html lang="[^"]*" dir="[^"]*">/, `<html lang="${route.lang}" dir="${translator.dir}">`)
        .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`migov — ${translator.t('app.name')}`)}</title>`)
        .replace(/\s*<!--[^>]*-->/g, '')
        // The preloads of the app's chunks and of the data go; those of the entry's own imports stay.
        .replace(/\s*<link\b[^>]*>/g, (link) => (/\brel="preload"|\bdata-app\b/.test(link) ? '' : link))
        .replace(/\s*<noscript>[\s\S]*?<\/noscript>/, '')
        .replace(
          '<div id="root"></div>',
          `<div id="root">${markup}</div><script type="application/json" id="${PAGE_DATA_ID}">${embeddedJson(page)}</script>`,
        ),
    );
  };
}
