/**
 * `npx tsx bench/web/run.ts [pairs]`: the dashboard in headless Chromium against the real server, with
 * 150 published countries, served as `migov serve` serves it (public pages drawn on the server), against
 * the baseline: a static page holding the same SVG, i.e. the drawn page's HTML as the server sent it
 * without its scripts (the entry, the data block naming the answers), served with its stylesheet by a
 * plain node:http server with the same headers and the same brotli compression.
 *
 * Before timing, the dashboard is loaded once, as the first reader after a publication would: the
 * server draws the page then (the time it took is reported: "first draw") and sends its kept copy to
 * every later reader; that load also counts the JavaScript the dashboard loads (gzipped; goal <= 200 KB)
 * and checks that the app took the page over (its domain menu changes the address). The static page is
 * loaded once too. Then `pairs` pairs of cold loads (default 41; MIGOV_BENCH_PAIRS or the first
 * argument), each load in a new browser context, the order flipping each pair (app first, then static
 * first), so the machine's load at that moment weighs on both. Every load counts: nothing is dropped.
 *
 * Reported for each measure: the medians, and the median of the paired ratios (app / static) with
 * their quartiles (the interquartile range) and extremes; every pair's figures are in
 * bench/results/web.json. The measures, on the page's clock from the start of the navigation, the same
 * for both pages:
 * - drawn: the first frame in which the map and the regional chart are there to be seen (goal: the
 *   paired median within 1.2x), found by a watcher installed before the page's own scripts that checks
 *   at every frame (pageTimes in dashboard-bench.ts);
 * - first contentful paint: when the first frame with content was presented (on screen; the app's
 *   scripts, run meanwhile, could delay it: the entry waits for it before loading them), then the
 *   HTML's last byte, the HTML parsed (domInteractive), the load event.
 * MIGOV_BENCH_CLIENT_ONLY=1 serves the app without drawing pages on the server (every page drawn by
 * its scripts), for comparison; MIGOV_BENCH_DEBUG=1 prints the warm-up load's resource timeline.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildWebApp, DIST, launchBrowser, startPlatform } from '../../apps/web/test/browser-harness.ts';
import { COUNTRIES, median, pageTimes, publishCountries, quantile, type PageTimes } from './dashboard-bench.ts';

const pairs = Number(process.argv[2] ?? process.env.MIGOV_BENCH_PAIRS ?? 41);
if (!Number.isInteger(pairs) || pairs < 1) {
  console.error('usage: npx tsx bench/web/run.ts [pairs of cold loads, a whole number >= 1; default 41]');
  process.exit(2);
}
const clientOnly = process.env.MIGOV_BENCH_CLIENT_ONLY === '1';
const GOAL = 1.2;

/**
 * The baseline's server: node:http on loopback, as a static file server would send the page: the
 * bytes and headers the app's server sent for it (its security headers: the opener policy alone costs a
 * navigation tens of milliseconds; its brotli copy), and the built app's files from dist/ (the
 * stylesheet), precompressed like the app's, with the headers the app's server sends them with.
 */
async function staticServer(page: { body: Buffer; headers: Headers }, fileHeaders: Headers): Promise<string> {
  const copied = (headers: Headers) => {
    const kept: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (!['connection', 'keep-alive', 'date', 'content-length', 'etag', 'last-modified'].includes(name))
        kept[name] = value;
    });
    return kept;
  };
  const pageHeaders = copied(page.headers);
  const assetHeaders = copied(fileHeaders);
  const types: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0]!));
    if (path === '/en/') {
      response.writeHead(200, { ...pageHeaders, 'content-length': page.body.length });
      response.end(page.body);
      return;
    }
    const file = join(DIST, path);
    const extension = /\.(\w+)$/.exec(path)?.[1] ?? '';
    if (!path.startsWith('/assets/') || !existsSync(file) || !types[extension]) {
      response.writeHead(404).end();
      return;
    }
    const brotli = /\bbr\b/.test(String(request.headers['accept-encoding'])) && existsSync(`${file}.br`);
    const body = readFileSync(brotli ? `${file}.br` : file);
    const headers: Record<string, string | number> = { ...assetHeaders, 'content-type': types[extension]! };
    delete headers['content-encoding'];
    if (brotli) headers['content-encoding'] = 'br';
    response.writeHead(200, { ...headers, 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/en/`;
}

/** One cold load: a new browser context (an empty cache, like a first visit). */
async function coldLoad(browser: Browser, url: string): Promise<PageTimes> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    return await pageTimes(await context.newPage(), url);
  } finally {
    await context.close();
  }
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

await buildWebApp();
const platform = await startPlatform({ drawPages: !clientOnly });
const browser = await launchBrowser();
try {
  await publishCountries(platform.db, COUNTRIES);
  const appUrl = `${platform.url}/en/`;

  // The first reader after the publication: the server draws the page (compressed as it is sent).
  const firstDrawStart = performance.now();
  const firstAnswer = await fetch(appUrl, { headers: { 'accept-encoding': 'br' } });
  await firstAnswer.arrayBuffer();
  const firstDrawMs = Math.round(performance.now() - firstDrawStart);

  // The warm-up load (a reader after the first): the dashboard's scripts, and the app taking the page over.
  const scripts: { url: string; gzip: number }[] = [];
  // The page as the app drew it in the browser, for a server that sends it undrawn (MIGOV_BENCH_CLIENT_ONLY).
  let drawnInBrowser = '';
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const loaded: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        loaded.push(
          response.body().then((body) => {
            scripts.push({ url: new URL(response.url()).pathname, gzip: gzipSync(body, { level: 9 }).length });
          }),
        );
    });
    await pageTimes(page, appUrl);
    // Every script the dashboard loads, those a drawn page asks for once it is shown included.
    await page.waitForLoadState('networkidle');
    await Promise.all(loaded);
    if (process.env.MIGOV_BENCH_DEBUG)
      console.log(
        await page.evaluate<string>(
          "performance.getEntriesByType('resource').map((entry) => Math.round(entry.startTime) + '-' + Math.round(entry.responseEnd) + ' ' + entry.name.replace(location.origin, '')).join(String.fromCharCode(10))",
        ),
      );
    // Once the app says it has taken the page over (the mark ClientApp sets), its domain menu changes the address.
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document
          .documentElement.dataset.app === 'ready',
      undefined,
      { polling: 100, timeout: 30_000 },
    );
    if (clientOnly)
      drawnInBrowser = await page.evaluate<string>(
        "'<!doctype html>' + document.documentElement.outerHTML.replace(/<script\\b[^>]*>[\\s\\S]*?<\\/script>/g, '')",
      );
    await page.getByRole('combobox', { name: 'Domain' }).selectOption({ index: 1 });
    await page.waitForURL(/[?&]domain=/, { timeout: 10_000 });
    await context.close();
  }

  // The baseline: the page as the server sends it, without its scripts and the data block they read
  // (as the app drew it in the browser, when the server sends it undrawn).
  const sent = await fetch(appUrl, { headers: { 'accept-encoding': 'br' } });
  const html = await sent.text();
  const staticHtml = (clientOnly ? drawnInBrowser : html)
    .replace(/\s*<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/\s*<link\b[^>]*\brel="(modulepreload|preload)"[^>]*>/g, '');
  if (!staticHtml.includes('class="map-country"'))
    throw new Error('the app did not send the dashboard drawn: there is no static copy to compare with');
  const stylesheet = /<link rel="stylesheet"[^>]*href="([^"]+)"/.exec(html)?.[1];
  const fileAnswer = await fetch(`${platform.url}${stylesheet}`, { headers: { 'accept-encoding': 'br' } });
  await fileAnswer.arrayBuffer();
  const baseline = await staticServer(
    {
      // Compressed as the app's server compresses a drawn page (web.routes.ts).
      body:
        sent.headers.get('content-encoding') === 'br'
          ? brotliCompressSync(Buffer.from(staticHtml), {
              params: { [constants.BROTLI_PARAM_QUALITY]: Number(process.env.MIGOV_BENCH_BROTLI ?? 5) },
            })
          : Buffer.from(staticHtml),
      headers: sent.headers,
    },
    fileAnswer.headers,
  );
  await coldLoad(browser, baseline);

  const loadBefore = loadAverage();
  const startedAt = performance.now();
  const app: PageTimes[] = [];
  const baselines: PageTimes[] = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    if (pair % 2 === 0) {
      app.push(await coldLoad(browser, appUrl));
      baselines.push(await coldLoad(browser, baseline));
    } else {
      baselines.push(await coldLoad(browser, baseline));
      app.push(await coldLoad(browser, appUrl));
    }
  }
  const seconds = Math.round((performance.now() - startedAt) / 1000);
  const loadAfter = loadAverage();

  const javascriptKb = scripts.reduce((sum, script) => sum + script.gzip, 0) / 1024;
  const round = (value: number, digits = 0) => Number(value.toFixed(digits));
  const measure = (key: keyof PageTimes) => {
    const ratios = app.map((times, index) => times[key] / baselines[index]![key]);
    return {
      appMs: round(median(app.map((times) => times[key]))),
      staticMs: round(median(baselines.map((times) => times[key]))),
      pairedRatio: round(median(ratios), 2),
      quartiles: [round(quantile(ratios, 0.25), 2), round(quantile(ratios, 0.75), 2)] as const,
      range: [round(Math.min(...ratios), 2), round(Math.max(...ratios), 2)] as const,
    };
  };
  const measures = {
    drawn: measure('drawn'),
    firstContentfulPaint: measure('firstContentfulPaint'),
    responseEnd: measure('responseEnd'),
    domInteractive: measure('domInteractive'),
    loaded: measure('loaded'),
  };
  const goalMet = measures.drawn.pairedRatio <= GOAL;
  const rounded = (times: PageTimes) =>
    Object.fromEntries(Object.entries(times).map(([key, value]) => [key, Math.round(value)]));

  const result = {
    at: new Date().toISOString(),
    countries: COUNTRIES,
    pairs,
    drawnOnServer: !clientOnly,
    loadAverage: { before: loadBefore, after: loadAfter },
    seconds,
    firstDrawMs,
    htmlBytes: { decoded: Buffer.byteLength(html), staticDecoded: Buffer.byteLength(staticHtml) },
    dashboardJavaScriptGzipKb: round(javascriptKb, 1),
    scripts,
    goal: { drawnPairedRatioAtMost: GOAL, met: goalMet },
    ...measures,
    pairsMs: app.map((times, index) => ({
      order: index % 2 === 0 ? 'app first' : 'static first',
      app: rounded(times),
      static: rounded(baselines[index]!),
      drawnRatio: round(times.drawn / baselines[index]!.drawn, 2),
    })),
  };
  const row = (label: string, measured: ReturnType<typeof measure>) =>
    `${label} | ${measured.appMs} ms | ${measured.staticMs} ms | ${measured.pairedRatio}x | ${measured.quartiles.join('-')}x | ${measured.range.join('-')}x`;
  console.log(
    [
      `dashboard, ${COUNTRIES} countries, ${pairs} pairs of cold loads (order flipping each pair), ${clientOnly ? 'drawn by its scripts (MIGOV_BENCH_CLIENT_ONLY)' : 'drawn on the server'}; ${seconds} s; load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`,
      `first draw after the publication (server, before timing): ${firstDrawMs} ms; drawn HTML ${round(result.htmlBytes.decoded / 1024)} KB`,
      '',
      `JavaScript, gzipped: ${result.dashboardJavaScriptGzipKb} KB (${scripts.length} files), goal <= 200 KB ${javascriptKb <= 200 ? 'met' : 'NOT met'}`,
      '',
      'measure | app (median) | static page, same SVG (median) | app / static (median of pairs) | quartiles | range',
      '---|---|---|---|---|---',
      row('map and charts drawn (first frame)', measures.drawn),
      row('first contentful paint', measures.firstContentfulPaint),
      row("HTML's last byte", measures.responseEnd),
      row('HTML parsed (domInteractive)', measures.domInteractive),
      row('load event ended', measures.loaded),
      '',
      `drawn, app / static, each pair in order: ${result.pairsMs.map((pair) => pair.drawnRatio).join(' ')}`,
      '',
      `goal: map and charts drawn within ${GOAL}x of the static page (median of paired loads): ${goalMet ? 'MET' : 'NOT MET'} (${measures.drawn.pairedRatio}x, quartiles ${measures.drawn.quartiles.join('-')}x)`,
    ].join('\n'),
  );
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../results/web.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await platform.close();
}
