/**
 * `npx tsx bench/web/run.ts`: the dashboard in headless Chromium against the real server, with 150
 * published countries. Reports the JavaScript the dashboard loads (gzipped; goal <= 200 KB) and the
 * time until the map and the regional chart are drawn (goal < 1 s), against a static HTML page
 * holding the same SVG (the baseline: the cost of the markup alone), as a ratio: of the medians, and the
 * median of each load's ratio to the static load that follows it (paired, so the machine's load at
 * that moment cancels out).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWebApp, launchBrowser, startPlatform } from '../../apps/web/test/browser-harness.ts';
import { COUNTRIES, dashboardDrawnMs, median, publishCountries } from './dashboard-bench.ts';

const RUNS = 9;

await buildWebApp();
const platform = await startPlatform();
const browser = await launchBrowser();
try {
  await publishCountries(platform.db, COUNTRIES);
  const appTimes: number[] = [];
  const staticTimes: number[] = [];
  let scripts: { url: string; gzip: number }[] = [];
  let staticHtml = '';
  for (let run = 0; run < RUNS; run += 1) {
    // A new context each time: a cold cache, like a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const loaded: Promise<{ url: string; gzip: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        loaded.push(
          response
            .body()
            .then((body) => ({ url: new URL(response.url()).pathname, gzip: gzipSync(body, { level: 9 }).length })),
        );
    });
    appTimes.push(await dashboardDrawnMs(page, platform.url));
    if (run === 0) {
      scripts = await Promise.all(loaded);
      if (process.env.MIGOV_BENCH_DEBUG) {
        console.log(
          await page.evaluate<string>(
            "performance.getEntriesByType('resource').map((entry) => Math.round(entry.startTime) + '-' + Math.round(entry.responseEnd) + ' ' + entry.name.replace(location.origin, '')).join(String.fromCharCode(10))",
          ),
        );
      }
      staticHtml = await page.evaluate<string>(`(() => {
        const copy = document.documentElement.cloneNode(true);
        copy.querySelectorAll('script, link[rel="modulepreload"], link[as="fetch"]').forEach((element) => element.remove());
        return '<!doctype html>' + copy.outerHTML;
      })()`);
    }
    await page.route('**/bench-static.html', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: staticHtml }),
    );
    await page.goto(`${platform.url}/bench-static.html`, { waitUntil: 'load' });
    staticTimes.push(await page.evaluate<number>("performance.getEntriesByType('navigation')[0].loadEventEnd"));
    await context.close();
  }
  const javascriptKb = scripts.reduce((sum, script) => sum + script.gzip, 0) / 1024;
  const appMs = median(appTimes);
  const staticMs = median(staticTimes);
  const result = {
    at: new Date().toISOString(),
    countries: COUNTRIES,
    runs: RUNS,
    dashboardJavaScriptGzipKb: Number(javascriptKb.toFixed(1)),
    scripts,
    mapAndChartsMs: Number(appMs.toFixed(0)),
    mapAndChartsBestMs: Math.round(Math.min(...appTimes)),
    staticSvgPageMs: Number(staticMs.toFixed(0)),
    ratio: Number((appMs / staticMs).toFixed(2)),
    pairedRatio: Number(median(appTimes.map((value, index) => value / staticTimes[index]!)).toFixed(2)),
    appRunsMs: appTimes.map((value) => Math.round(value)),
    staticRunsMs: staticTimes.map((value) => Math.round(value)),
  };
  console.log(
    [
      'measure | value | goal',
      '---|---|---',
      `dashboard JavaScript, gzipped | ${result.dashboardJavaScriptGzipKb} KB (${scripts.length} files) | <= 200 KB ${javascriptKb <= 200 ? 'met' : 'NOT met'}`,
      `map and charts drawn (median of ${RUNS}, ${COUNTRIES} countries; best ${result.mapAndChartsBestMs} ms) | ${result.mapAndChartsMs} ms | < 1000 ms ${appMs < 1000 ? 'met' : 'NOT met'}`,
      `static HTML page with the same SVG (baseline) | ${result.staticSvgPageMs} ms |`,
      `ratio app / static (medians) | ${result.ratio}x |`,
      `ratio app / static (median of paired loads) | ${result.pairedRatio}x |`,
    ].join('\n'),
  );
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../results/web.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await platform.close();
}
