/**
 * `npx tsx bench/world/run.ts`: migov at the real world's size. Builds a world-size database (every
 * M49 country and territory, every 10.7.2 round since 2019 and five future rounds, 5,000 local
 * MGI-style jurisdictions, 50,000 users, ten years of history; packages/db/src/testing/world.ts) and,
 * as the baseline in the same run, the demo-size database of first start; then times the same
 * operations on both, alternating, through the real app (Fastify inject, signed in as the roles that
 * use them) and reports world / demo as a ratio, with the absolute times, the goal and the load
 * average at that moment.
 *
 * Goals: a page of a list or a public read within 2x of the same page on the demo database (pages of
 * equal size, so only the cost of finding the rows may grow); a page the web app shows whole (200
 * rows, a whole list, a substring search) under 250 ms, a quarter of a one-second page budget;
 * aggregation of a round (every region and group, uncached) under 1 s; `migov publish` (every page
 * in six languages) under 60 s. A publish still running after --publish-limit seconds is stopped and
 * its time projected from its rate.
 *
 * Run: npx tsx bench/world/run.ts [--dialect sqlite|postgres] [--seed 2019] [--scale 1] [--runs 15] [--no-publish] [--publish-limit 240]
 * (`--publish-only` times `migov publish` alone; `--only <text>` times only the operations whose name contains it, e.g. `--only /users`.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUserByEmail, getUser, listAssessments, setPasswordHash, type MigovDatabase } from '@migov/db';
import { createApp, hashPassword, type MigovApp } from '@migov/server';
import { buildAggregates } from '@migov/server/published-data';
import { signIn, type SignedIn } from '@migov/server/testing';
import {
  dialectsFromArgs,
  numberArg,
  printTable,
  repositoryRoot,
  seededDatabase,
  writeResults,
} from '../server/bench-support.ts';
import { BENCH_ADMIN, worldDatabase } from './world-database.ts';

const RUNS = numberArg('runs', 15);
const SEED = numberArg('seed', 2019);
const SCALE = Math.min(1, numberArg('scale', 1));
const PUBLISH = !process.argv.includes('--no-publish');
const PUBLISH_ONLY = process.argv.includes('--publish-only');
/** `--only <text>`: the operations whose name contains the text. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/** A round published on both databases. */
const YEAR = 2021;
const PASSWORD = 'world bench password for every role';

interface Side {
  name: 'demo' | 'world';
  db: MigovDatabase;
  url: string;
  app: MigovApp;
  as: Record<'administrator' | 'reviewer' | 'focal', SignedIn>;
  /** A country with an assessment the focal point may read, and an assessment waiting for review. */
  area: string;
  /** The country whose public pages are read (the same on both sides). */
  publicArea: string;
  queued?: string;
}

/** Give a user a known password and sign in. */
async function actAs(app: MigovApp, db: MigovDatabase, userId: string): Promise<SignedIn> {
  await setPasswordHash(db, userId, await passwordHash);
  return signIn(app, (await getUser(db, userId)).email, PASSWORD);
}
const passwordHash = hashPassword(PASSWORD);

async function side(
  name: Side['name'],
  db: MigovDatabase,
  url: string,
  world?: { reviewer: string; focal: string; area: string },
): Promise<Side> {
  const app = await createApp({ db, config: { signInPerIpPerMinute: 1_000_000 }, logger: false });
  await app.ready();
  const admin = await findUserByEmail(db, BENCH_ADMIN.email);
  const reviewer = world?.reviewer ?? (await findUserByEmail(db, 'demo-reviewer@demo.migov.invalid'))!.id;
  const focal = world?.focal ?? (await findUserByEmail(db, 'demo-focal-point@demo.migov.invalid'))!.id;
  const queued = await listAssessments(db, { state: 'submitted', page: { limit: 1 } });
  return {
    name,
    db,
    url,
    app,
    as: {
      administrator: await actAs(app, db, admin!.id),
      reviewer: await actAs(app, db, reviewer),
      focal: await actAs(app, db, focal),
    },
    area: world?.area ?? '484',
    publicArea: '484',
    ...(queued.items[0] ? { queued: queued.items[0].id } : {}),
  };
}

interface Operation {
  group: 'public read' | 'workspace list' | 'review queue' | 'aggregation';
  name: string;
  /** What the goal is, and whether a ratio and world time meet it. */
  goal: string;
  met(ratio: number, worldMs: number): boolean;
  run(side: Side, index: number): Promise<unknown>;
}

async function get(side: Side, path: string, who?: keyof Side['as']): Promise<void> {
  const session = who ? side.as[who] : undefined;
  const response = await side.app.inject({
    method: 'GET',
    url: `/api/v1${path}`,
    headers: session ? { cookie: session.cookie } : {},
  });
  if (response.statusCode !== 200)
    throw new Error(`${side.name} GET ${path}: ${response.statusCode} ${response.body.slice(0, 300)}`);
}

const within2x = { goal: 'ratio <= 2', met: (ratio: number) => ratio <= 2 };
/** A page the web app shows whole: a quarter of a one-second page budget. */
const pageBudget = { goal: 'world < 250 ms', met: (_ratio: number, worldMs: number) => worldMs < 250 };
/** A public read as a first visitor gets it after a change: the public cache emptied first. */
const cold = (path: string) => async (side: Side) => {
  await side.app.migov.publicCache.invalidate();
  await get(side, path);
};

const OPERATIONS: Operation[] = [
  {
    group: 'public read',
    name: `GET /published/${YEAR}?limit=5 (uncached; equal pages)`,
    ...within2x,
    run: cold(`/published/${YEAR}?limit=5`),
  },
  {
    // The demo has 8 publications in the round, the world a full page of 50: not pages of equal size.
    group: 'public read',
    name: `GET /published/${YEAR} (uncached; a page of 50, the demo has 8)`,
    ...pageBudget,
    run: cold(`/published/${YEAR}`),
  },
  { group: 'public read', name: `GET /results/${YEAR} (uncached)`, ...within2x, run: cold(`/results/${YEAR}`) },
  { group: 'public read', name: 'GET /results (uncached)', ...within2x, run: cold('/results') },
  {
    group: 'public read',
    name: 'GET /areas/:country/results (uncached)',
    ...within2x,
    run: (side) => cold(`/areas/${side.publicArea}/results`)(side),
  },
  {
    group: 'public read',
    name: 'GET /areas/:country (uncached)',
    ...within2x,
    run: (side) => cold(`/areas/${side.publicArea}`)(side),
  },
  {
    group: 'public read',
    name: `GET /published/${YEAR} (cached)`,
    ...within2x,
    run: (side) => get(side, `/published/${YEAR}`),
  },
  {
    group: 'workspace list',
    name: 'GET /assessments?limit=20 (administrator; equal pages)',
    ...within2x,
    run: (side) => get(side, '/assessments?limit=20', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /assessments?limit=200 (administrator; the workspace page)',
    ...pageBudget,
    run: (side) => get(side, '/assessments?limit=200', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /assessments?limit=200 (focal point of one country)',
    ...within2x,
    run: (side) => get(side, '/assessments?limit=200', 'focal'),
  },
  {
    group: 'workspace list',
    name: 'GET /users?limit=5 (team list; equal pages)',
    ...within2x,
    run: (side) => get(side, '/users?limit=5', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /users?limit=200 (team list; the admin page)',
    ...pageBudget,
    run: (side) => get(side, '/users?limit=200', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /users?search=…&limit=200 (a substring: every name is read)',
    ...pageBudget,
    run: (side) => get(side, '/users?search=user%201&limit=200', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /mgi/assessments?limit=20 (administrator; equal pages)',
    ...within2x,
    run: (side) => get(side, '/mgi/assessments?limit=20', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /mgi/assessments?limit=200 (administrator; the page the web app shows)',
    ...pageBudget,
    run: (side) => get(side, '/mgi/assessments?limit=200', 'administrator'),
  },
  {
    group: 'workspace list',
    name: 'GET /audit?limit=10 (audit log, newest first; equal pages)',
    ...within2x,
    run: (side) => get(side, '/audit?limit=10', 'administrator'),
  },
  {
    group: 'workspace list',
    name: "GET /audit?targetId=… (one user's history)",
    ...within2x,
    run: (side) => get(side, `/audit?targetId=${side.as.focal.userId}&limit=50`, 'administrator'),
  },
  {
    group: 'review queue',
    name: 'GET /assessments?state=submitted&limit=1 (reviewer; equal pages)',
    ...within2x,
    run: (side) => get(side, '/assessments?state=submitted&limit=1', 'reviewer'),
  },
  {
    group: 'review queue',
    name: 'GET /assessments?state=resubmitted&limit=1 (reviewer; equal pages)',
    ...within2x,
    run: (side) => get(side, '/assessments?state=resubmitted&limit=1', 'reviewer'),
  },
  {
    group: 'review queue',
    name: 'GET /assessments?state=submitted&limit=200 (reviewer; the whole queue)',
    ...pageBudget,
    run: (side) => get(side, '/assessments?state=submitted&limit=200', 'reviewer'),
  },
  {
    group: 'review queue',
    name: 'GET /assessments/:id/history (queued assessment)',
    ...within2x,
    run: (side) => (side.queued ? get(side, `/assessments/${side.queued}/history`, 'reviewer') : Promise.resolve()),
  },
  {
    group: 'aggregation',
    name: `aggregates of ${YEAR}, every region and group (uncached)`,
    goal: 'world < 1000 ms',
    met: (_ratio, worldMs) => worldMs < 1000,
    run: (side) => buildAggregates(side.app.migov, YEAR, 'sdg-10-7-2'),
  },
  {
    group: 'aggregation',
    name: `GET /aggregates/${YEAR} (uncached)`,
    goal: 'world < 1000 ms',
    met: (_ratio, worldMs) => worldMs < 1000,
    run: cold(`/aggregates/${YEAR}`),
  },
];

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
const median = (values: readonly number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? Number.NaN;
const load = () => loadavg()[0]!.toFixed(1);

/** Seconds `migov publish` may run before it is stopped and its rate measured (`--publish-limit`). */
const PUBLISH_LIMIT = numberArg('publish-limit', 240);

/** Pages (HTML files) below a folder. */
function countPages(folder: string): number {
  let count = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith('.html')) count += 1;
  return count;
}

/**
 * `migov publish` as a user runs it, on a database: wall time and pages written. Stopped after
 * PUBLISH_LIMIT seconds (finished: false), so a site too large to publish in time still gives its rate.
 */
async function publish(url: string): Promise<{ ms: number; pages: number; finished: boolean; output: string }> {
  const out = mkdtempSync(join(tmpdir(), 'migov-world-site-'));
  try {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'packages/cli/bin/migov.js'), 'publish', '--out', out, '--database', url],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MIGOV_LOG_LEVEL: 'warn' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), PUBLISH_LIMIT * 1000);
    const code = await new Promise<number | null>((resolveExit) =>
      child.once('exit', (exitCode) => resolveExit(exitCode)),
    );
    clearTimeout(timer);
    const ms = performance.now() - started;
    if (code !== 0 && code !== null)
      throw new Error(`migov publish exited with ${code}: ${output.trim().split('\n').at(-1)}`);
    return { ms, pages: countPages(out), finished: code === 0, output: output.trim().split('\n').at(-1) ?? '' };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const rows: Record<string, string | number>[] = [];
const results: Record<string, unknown>[] = [];
for (const dialect of dialectsFromArgs()) {
  process.stderr.write(`demo-size database (${dialect})…\n`);
  const demo = await seededDatabase(dialect);
  const world = await worldDatabase(dialect, { seed: SEED, scale: SCALE });
  process.stderr.write(`world built in ${world.seconds.toFixed(0)} s: ${JSON.stringify(world.summary.rows)}\n`);
  const sides = [
    await side('demo', demo.db, demo.url),
    await side('world', world.db, world.url, {
      reviewer: world.summary.actors.reviewer,
      focal: world.summary.focalPoint.userId,
      area: world.summary.focalPoint.area,
    }),
  ];
  try {
    for (const operation of PUBLISH_ONLY ? [] : OPERATIONS.filter((entry) => !ONLY || entry.name.includes(ONLY))) {
      // Warm both (JIT, prepared statements), then alternate so the machine's load hits both alike.
      for (const entry of sides) await operation.run(entry, 0);
      const times: Record<Side['name'], number[]> = { demo: [], world: [] };
      const loads: number[] = [];
      for (let run = 1; run <= RUNS; run += 1)
        for (const entry of sides) {
          times[entry.name].push(await timed(() => operation.run(entry, run)));
          loads.push(loadavg()[0]!);
        }
      const demoMs = median(times.demo);
      const worldMs = median(times.world);
      const ratio = median(times.world.map((value, index) => value / times.demo[index]!));
      const met = operation.met(ratio, worldMs);
      results.push({ dialect, ...operation, demoMs, worldMs, ratio, met, load: median(loads), times });
      rows.push({
        dialect,
        group: operation.group,
        operation: operation.name,
        'demo ms': demoMs.toFixed(1),
        'world ms': worldMs.toFixed(1),
        'ratio world/demo': ratio.toFixed(2),
        goal: operation.goal,
        met: met ? 'met' : 'NOT met',
        load: median(loads).toFixed(1),
      });
      process.stderr.write(`${operation.name}: ${ratio.toFixed(2)}x (${worldMs.toFixed(1)} ms, load ${load()})\n`);
    }
  } finally {
    for (const entry of sides) await entry.app.close();
  }
  if (PUBLISH) {
    const loadBefore = load();
    try {
      const demoPublish = await publish(demo.url);
      const worldPublish = await publish(world.url);
      const demoRate = demoPublish.pages / (demoPublish.ms / 1000);
      const worldRate = worldPublish.pages / (worldPublish.ms / 1000);
      // Pages of the whole world site: the demo site's pages plus every published MGI-style profile, in every language.
      const profiles = await world.db.kysely
        .selectFrom('mgi_assessments')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('state', '=', 'published')
        .executeTakeFirstOrThrow();
      const worldPages = worldPublish.finished ? worldPublish.pages : demoPublish.pages + 6 * Number(profiles.count);
      const worldMs = worldPublish.finished ? worldPublish.ms : (worldPages / worldRate) * 1000;
      const met = worldPublish.finished && worldPublish.ms < 60_000;
      results.push({
        dialect,
        name: 'migov publish',
        demoPublish,
        worldPublish,
        worldPages,
        worldMs,
        met,
        load: loadavg(),
      });
      rows.push({
        dialect,
        group: 'publish',
        operation: `migov publish: ${worldPages} pages (demo ${demoPublish.pages}); ${worldPublish.finished ? 'finished' : `stopped after ${PUBLISH_LIMIT} s at ${worldPublish.pages} pages, time projected`}`,
        'demo ms': demoPublish.ms.toFixed(0),
        'world ms': worldMs.toFixed(0),
        'ratio world/demo': `${(worldMs / demoPublish.ms).toFixed(2)} (per page ${(demoRate / worldRate).toFixed(2)})`,
        goal: 'world < 60000 ms',
        met: met ? 'met' : 'NOT met',
        load: `${loadBefore}-${load()}`,
      });
    } catch (error) {
      rows.push({
        dialect,
        group: 'publish',
        operation: `migov publish failed: ${(error as Error).message}`,
        met: 'NOT met',
      });
    }
  }
  await demo.drop();
  await world.drop();
}
printTable(rows);
process.stdout.write(
  `\nscale ${SCALE}, seed ${SEED}, ${RUNS} alternating runs per operation; load = 1-minute load average (2 cores)\n`,
);
process.stdout.write(`results: ${writeResults('world', { seed: SEED, scale: SCALE, runs: RUNS, results })}\n`);
