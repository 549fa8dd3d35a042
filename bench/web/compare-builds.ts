/**
 * `npx tsx bench/web/compare-builds.ts <other dist folder> [pairs]`: this build of the web app
 * (apps/web/dist, built first when sources changed) against another build of it (e.g. an earlier
 * commit's `apps/web/dist`), both served by one server over one database with 150 published countries.
 * Cold dashboard loads alternate between the two (pairs of loads, the order flipping each pair), so
 * the machine's load at each moment weighs on both; reports the medians and the median of the paired
 * ratios (this / other; below 1 is faster).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '@migov/server';
import { buildWebApp, launchBrowser, startPlatform } from '../../apps/web/test/browser-harness.ts';
import { COUNTRIES, median, pageTimes, publishCountries } from './dashboard-bench.ts';

const otherDist = process.argv[2] ? resolve(process.argv[2]) : undefined;
const pairs = Number(process.argv[3] ?? 16);
if (!otherDist || !existsSync(resolve(otherDist, 'index.html')) || !Number.isInteger(pairs) || pairs < 1) {
  console.error('usage: npx tsx bench/web/compare-builds.ts <other dist folder with index.html> [pairs, default 16]');
  process.exit(2);
}

await buildWebApp();
const platform = await startPlatform();
const other = await createApp({ db: platform.db, config: { webRoot: otherDist, signInPerIpPerMinute: 1000 } });
const otherOrigin = await other.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchBrowser();
try {
  await publishCountries(platform.db);
  const load = async (origin: string) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      return (await pageTimes(await context.newPage(), `${origin}/en/`)).drawn;
    } finally {
      await context.close();
    }
  };
  const these: number[] = [];
  const others: number[] = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    if (pair % 2 === 0) {
      these.push(await load(platform.url));
      others.push(await load(otherOrigin));
    } else {
      others.push(await load(otherOrigin));
      these.push(await load(platform.url));
    }
  }
  const result = {
    at: new Date().toISOString(),
    countries: COUNTRIES,
    pairs,
    other: otherDist,
    thisMedianMs: Math.round(median(these)),
    otherMedianMs: Math.round(median(others)),
    pairedRatio: Number(median(these.map((value, index) => value / others[index]!)).toFixed(2)),
    thisRunsMs: these.map(Math.round),
    otherRunsMs: others.map(Math.round),
  };
  console.log(
    [
      'measure | this build | other build',
      '---|---|---',
      `map and charts drawn, median of ${pairs} cold loads | ${result.thisMedianMs} ms | ${result.otherMedianMs} ms`,
      `ratio this / other (median of paired loads) | ${result.pairedRatio}x |`,
    ].join('\n'),
  );
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../results/web-compare-builds.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await other.close();
  await platform.close();
}
