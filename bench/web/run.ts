/**
 * `npx tsx bench/web/run.ts`: the dashboard in headless Chromium against the real server, with 150
 * published countries, served as `migov serve` serves it (public pages drawn on the server). Reports
 * the JavaScript the dashboard loads (gzipped; goal <= 200 KB) and, against a static HTML page holding
 * the same SVG (the baseline: the cost of the markup alone, served with the same headers and
 * compression from a plain node:http server, in a new browser context like the app's), as ratios (of
 * the medians, and the median of each load's ratio to the static load that follows it: paired, so the
 * machine's load at that moment cancels out):
 * - drawn: the first frame in which the map and the regional chart are there to be seen, found the
 *   same way on both pages (goal: within 1.2x);
 * - loaded: the end of the load event (the app's scripts and the data it takes the page over with);
 * - drawn after load: the later of the two, against the static page's load event (how this bench
 *   measured before pages were drawn on the server, when drawing needed the scripts).
 * MIGOV_BENCH_CLIENT_ONLY=1 serves the app without drawing pages on the server (every page drawn by
 * its scripts), for comparison.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildWebApp, launchBrowser, startPlatform } from '../../apps/web/test/browser-harness.ts';
import { COUNTRIES, median, pageTimes, publishCountries, type PageTimes } from './dashboard-bench.ts';

const RUNS = 9;
const clientOnly = process.env.MIGOV_BENCH_CLIENT_ONLY === '1';

/**
 * The baseline's server: node:http on loopback sending the drawn page's copy as a static server
 * would, with the headers the app's page carries (its security headers: the opener policy alone costs
 * a navigation tens of milliseconds), brotli-compressed as the app's page is, and a <base> so that its
 * stylesheet and images come from the platform as the app's do. Started once; the page is set at the
 * first call.
 */
let staticUrl: string | undefined;
let staticBody = Buffer.alloc(0);
const staticHeaders: Record<string, string> = {};
async function staticServer(html: string): Promise<string> {
  if (staticUrl) return staticUrl;
  const appPage = await fetch(`${platform.url}/en/`, { headers: { 'accept-encoding': 'br' } });
  await appPage.arrayBuffer();
  const kept = new Set(['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy']);
  appPage.headers.forEach((value, name) => {
    if (
      kept.has(name) ||
      name.startsWith('x-') ||
      ['origin-agent-cluster', 'referrer-policy', 'cache-control', 'vary'].includes(name)
    )
      staticHeaders[name] =
        name === 'content-security-policy' ? value.replace(/'self'/g, `'self' ${platform.url}`) : value;
  });
  const encoding = appPage.headers.get('content-encoding');
  const body = Buffer.from(html.replace('<head>', `<head><base href="${platform.url}/">`), 'utf8');
  staticBody = encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : body;
  if (encoding === 'br') staticHeaders['content-encoding'] = 'br';
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      ...staticHeaders,
      'content-type': 'text/html; charset=utf-8',
      'content-length': staticBody.length,
    });
    response.end(staticBody);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  staticUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench-static.html`;
  return staticUrl;
}

await buildWebApp();
const platform = await startPlatform({ drawPages: !clientOnly });
const browser = await launchBrowser();
try {
  await publishCountries(platform.db, COUNTRIES);
  const appTimes: PageTimes[] = [];
  const staticTimes: PageTimes[] = [];
  let scripts: { url: string; gzip: number }[] = [];
  let staticHtml = '';
  for (let run = 0; run < RUNS; run += 1) {
    // A new context each time: a cold cache, like a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const loaded: Promise<{ url: string; gzip: number }>[] = [];
    page.on('response', (response) => {
      if (run === 0 && response.request().resourceType() === 'script')
        loaded.push(
          response
            .body()
            .then((body) => ({ url: new URL(response.url()).pathname, gzip: gzipSync(body, { level: 9 }).length })),
        );
    });
    appTimes.push(await pageTimes(page, `${platform.url}/en/`));
    if (run === 0) {
      // Every script the dashboard loads, those a drawn page asks for once it is shown included.
      await page.waitForLoadState('networkidle');
      scripts = await Promise.all(loaded);
      if (process.env.MIGOV_BENCH_DEBUG) {
        console.log(
          await page.evaluate<string>(
            "performance.getEntriesByType('resource').map((entry) => Math.round(entry.startTime) + '-' + Math.round(entry.responseEnd) + ' ' + entry.name.replace(location.origin, '')).join(String.fromCharCode(10))",
          ),
        );
      }
      // The page as drawn, without its scripts, preloads and the data they read.
      staticHtml = await page.evaluate<string>(`(() => {
        const copy = document.documentElement.cloneNode(true);
        copy.querySelectorAll('script, link[rel="modulepreload"], link[as="fetch"]').forEach((element) => element.remove());
        return '<!doctype html>' + copy.outerHTML;
      })()`);
      // The figures count only if the app took the page over: its domain menu changes the address.
      await page.getByRole('combobox', { name: 'Domain' }).selectOption({ index: 1 });
      await page.waitForURL(/[?&]domain=/, { timeout: 10_000 });
    }
    await context.close();
    // The static page in a new context too (cold, like the app's load), from a real HTTP server.
    const staticContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    staticTimes.push(await pageTimes(await staticContext.newPage(), await staticServer(staticHtml)));
    await staticContext.close();
  }
  const javascriptKb = scripts.reduce((sum, script) => sum + script.gzip, 0) / 1024;
  const ratios = (app: (times: PageTimes) => number, baseline: (times: PageTimes) => number) => ({
    appMs: Math.round(median(appTimes.map(app))),
    staticMs: Math.round(median(staticTimes.map(baseline))),
    ratio: Number((median(appTimes.map(app)) / median(staticTimes.map(baseline))).toFixed(2)),
    pairedRatio: Number(median(appTimes.map((times, index) => app(times) / baseline(staticTimes[index]!))).toFixed(2)),
  });
  const drawn = ratios(
    (times) => times.drawn,
    (times) => times.drawn,
  );
  const loadEvent = ratios(
    (times) => times.loaded,
    (times) => times.loaded,
  );
  const drawnAfterLoad = ratios(
    (times) => Math.max(times.drawn, times.loaded),
    (times) => times.loaded,
  );
  const result = {
    at: new Date().toISOString(),
    countries: COUNTRIES,
    runs: RUNS,
    drawnOnServer: !clientOnly,
    dashboardJavaScriptGzipKb: Number(javascriptKb.toFixed(1)),
    scripts,
    drawn,
    loadEvent,
    drawnAfterLoad,
    appRunsMs: appTimes.map((times) => ({ drawn: Math.round(times.drawn), loaded: Math.round(times.loaded) })),
    staticRunsMs: staticTimes.map((times) => ({ drawn: Math.round(times.drawn), loaded: Math.round(times.loaded) })),
  };
  const row = (label: string, measured: ReturnType<typeof ratios>, goal = '') =>
    `${label} | ${measured.appMs} ms | ${measured.staticMs} ms | ${measured.ratio}x | ${measured.pairedRatio}x | ${goal}`;
  console.log(
    [
      `dashboard, ${COUNTRIES} countries, median of ${RUNS} cold loads, ${clientOnly ? 'drawn by its scripts (MIGOV_BENCH_CLIENT_ONLY)' : 'drawn on the server'}`,
      '',
      `JavaScript, gzipped: ${result.dashboardJavaScriptGzipKb} KB (${scripts.length} files), goal <= 200 KB ${javascriptKb <= 200 ? 'met' : 'NOT met'}`,
      '',
      'measure | app | static page, same SVG | ratio (medians) | ratio (paired) | goal',
      '---|---|---|---|---|---',
      row(
        'map and charts drawn (first frame)',
        drawn,
        `paired <= 1.2x ${drawn.pairedRatio <= 1.2 ? 'met' : 'NOT met'}; app < 1000 ms ${drawn.appMs < 1000 ? 'met' : 'NOT met'}`,
      ),
      row('load event ended', loadEvent),
      row('drawn and loaded, against the static load event (earlier method)', drawnAfterLoad),
    ].join('\n'),
  );
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../results/web.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await platform.close();
}
