/**
 * Public read cost: the public answers users read most, with the official data loaded on first start
 * (the UN's SDG 10.7.2 values of the bundled snapshot, checked against the published files in
 * ../shared/data when they are there), served by `migov serve --workers N` (the real command, started
 * as a user would) on SQLite and on PostgreSQL, against nginx with the same number of worker
 * processes serving the same bytes and headers from disk (pre-compressed files with gzip_static for
 * the answers migov compresses), in the same run. Load from wrk (Debian package) on loopback, with
 * the same settings for both servers: a rotating mix of the URLs (wrk's Lua script) with and without
 * `Accept-Encoding: gzip`, and each URL alone. The figure that counts is the CPU time the server's
 * processes used per 1000 answers (from /proc), which depends much less than req/s on what else runs
 * on the machine; goal: within 1.5x of nginx on the mix sent with gzip, as browsers do.
 * With --node-floor, a bare node:http server sending the same answers from memory is measured too:
 * the least any Node server pays per answer on the machine.
 * Run: npx tsx bench/server/public-read.ts [--workers N|auto] [--dialect sqlite|postgres] [--duration 5] [--rounds 5] [--connections 50] [--no-per-url] [--node-floor]
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  dialectsFromArgs,
  numberArg,
  printTable,
  repositoryRoot,
  seededDatabase,
  writeResults,
} from './bench-support.ts';

const DURATION = numberArg('duration', 5);
/**
 * migov and nginx runs alternate, so a change in the shared machine's load hits both alike. The ratio
 * is the median of the ratios of each round's adjacent pair of runs; requests per second and
 * latencies are the median runs.
 */
const ROUNDS = numberArg('rounds', 5);
const CONNECTIONS = numberArg('connections', 50);
const NGINX_PORT = numberArg('nginx-port', 18_089);
const PER_URL = !process.argv.includes('--no-per-url');
/** Also measure a bare node:http server sending the same answers (`--node-floor`), on the next port. */
const NODE_FLOOR = process.argv.includes('--node-floor');
/** Processes serving requests, for migov and nginx alike (default: one per core). */
const WORKERS =
  process.argv.includes('--workers') && process.argv[process.argv.indexOf('--workers') + 1] !== 'auto'
    ? numberArg('workers', 1)
    : availableParallelism();
const MIGOV_BIN = join(repositoryRoot, 'packages/cli/bin/migov.js');
/** The published SDG 10.7.2 files the bundled snapshot was built from (docs: ../shared/data/README.md). */
const SHARED_DATA = resolve(process.env.MIGOV_SHARED_DATA ?? join(repositoryRoot, '../shared/data'));
/** What browsers send; migov and nginx answer it with the same pre-compressed bytes. */
const GZIP = 'gzip, deflate, br';
/** The answer goal: CPU per 1000 answers at most this many times nginx's. */
const GOAL_RATIO = 1.5;

/** Start `migov serve --workers N` on a free port over an existing database; resolves with its URL once it listens. */
async function startMigov(databaseUrl: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [MIGOV_BIN, 'serve', '--workers', String(WORKERS), '--port', '0', '--no-demo', '--database', databaseUrl],
    {
      env: { ...process.env, MIGOV_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!/migov is running/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`migov serve did not start:\n${output}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  const url = /open (http:\/\/\S+?)\/ /.exec(output)?.[1];
  if (!url) throw new Error(`no URL in the output of migov serve:\n${output}`);
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A process and all its descendants (Linux /proc). */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat = '';
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) tree.push(...(parents.get(tree[index]!) ?? []));
  return tree;
}

/** CPU time (user + system, ms) used so far by a process tree. */
function cpuMs(pids: readonly number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // The process ended.
    }
  }
  return total;
}

/** One raw answer: status, headers and the bytes on the wire (not decompressed). */
async function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolveAnswer, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolveAnswer({
          status: response.statusCode ?? 0,
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
          ) as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The decoded JSON of an answer (gzip or not). */
function jsonOf(answer: { headers: Record<string, string>; body: Buffer }): unknown {
  const bytes = answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;
  return JSON.parse(bytes.toString('utf8'));
}

/** A row of the published UN files: "geo_area,nature,policy_domains,units,year,value". */
function unValues(file: string): Map<string, number> | undefined {
  const path = join(SHARED_DATA, 'un-sdg-10-7-2', file);
  if (!existsSync(path)) return undefined;
  const values = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    const [area, , domain, , year, value] = line.split(',');
    if (area && value && /^[\d.]+$/.test(value)) values.set(`${area}|${domain}|${year}`, Number(value));
  }
  return values;
}

interface OfficialValue {
  area: string;
  year: number;
  value: { overall: { category?: number }; provenance: { kind: string } } | null;
}

/**
 * Fail loudly unless the answers read carry the official data: the snapshot loaded on first start,
 * country values and aggregates with official provenance, equal to the UN's published files.
 */
function confirmOfficialData(year: number, answers: Map<string, unknown>): string {
  const snapshotIds = new Set<string>();
  for (const [path, answer] of answers) {
    const snapshot = (answer as { snapshot?: { id?: string } }).snapshot;
    if (snapshot?.id) snapshotIds.add(snapshot.id);
    else if (!path.includes('/published/') && !path.endsWith('/indicators'))
      throw new Error(`${path} carries no official snapshot: is the official data loaded?`);
  }
  if (snapshotIds.size !== 1 || ![...snapshotIds][0]!.startsWith('official-'))
    throw new Error(
      `the answers name the snapshots ${[...snapshotIds].join(', ') || 'none'}, not one official snapshot`,
    );
  const results = answers.get(`/api/v1/results/${year}`) as { items: OfficialValue[] };
  const official = results.items.filter((item) => item.value?.provenance.kind === 'official');
  if (official.length < 40)
    throw new Error(`/api/v1/results/${year} shows ${official.length} official country values, expected the UN's`);
  const aggregates = answers.get(`/api/v1/aggregates/${year}`) as {
    official: { area: string; domain: string; value: number; provenance: { kind: string } }[];
  };
  const world = aggregates.official.find((row) => row.area === '1' && row.domain === 'ALLDOMAINS');
  if (!world || world.provenance.kind !== 'official')
    throw new Error(`/api/v1/aggregates/${year} has no official world aggregate`);
  const profile = answers.get('/api/v1/areas/484/results') as { items: OfficialValue[] };
  if (!profile.items.some((item) => item.value?.provenance.kind === 'official'))
    throw new Error('/api/v1/areas/484/results shows no official value for Mexico');
  const indicators = answers.get('/api/v1/areas/484/indicators') as { items: { source: { format: string } }[] };
  if (!indicators.items.some((item) => item.source.format === 'official-snapshot'))
    throw new Error('/api/v1/areas/484/indicators holds no official series');
  // The values equal the UN's published files, when they are at hand.
  const countries = unValues('sg_cpa_migrs_by_country.ddf.csv');
  const areas = unValues('sg_cpa_migrp_by_area.ddf.csv');
  if (!countries || !areas) return `${official.length} official country values (UN files not found in ${SHARED_DATA})`;
  for (const item of official) {
    const expected = countries.get(`${item.area}|alldomains|${year}`);
    if (expected !== item.value!.overall.category)
      throw new Error(
        `${item.area} ${year}: migov shows ${item.value!.overall.category}, the UN published ${expected}`,
      );
  }
  if (areas.get(`1|alldomains|${year}`) !== world.value)
    throw new Error(`world ${year}: migov shows ${world.value}, the UN published ${areas.get(`1|alldomains|${year}`)}`);
  return `${official.length} official country values and the world aggregate ${world.value} % equal the UN's files`;
}

interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The wrk's transfer per second, to check both servers sent as many bytes. */
  transferPerSecond: string;
}

function toMs(text: string): number {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/** A wrk Lua script sending the paths in turn on every connection. */
function mixScript(folder: string, paths: readonly string[]): string {
  const path = join(folder, 'mix.lua');
  writeFileSync(
    path,
    `local paths = { ${paths.map((entry) => JSON.stringify(entry)).join(', ')} }
local index = 0
request = function()
  index = index % #paths + 1
  return wrk.format(nil, paths[index])
end
`,
  );
  return path;
}

/** wrk runs as a child process; it must not block this process. */
async function wrk(base: string, load: Load): Promise<WrkResult> {
  const args = [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${DURATION}s`,
    '--latency',
    ...(load.encoding ? ['-H', `Accept-Encoding: ${load.encoding}`] : []),
    ...(load.script ? ['-s', load.script, base] : [`${base}${load.path}`]),
  ];
  const { stdout: output } = await promisify(execFile)('wrk', args, { encoding: 'utf8' });
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  // Anchored: the thread statistics line also ends in a percentage ("85.50%").
  const p50Ms = toMs(/^\s*50%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const p99Ms = toMs(/^\s*99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const errors = [...output.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce(
    (total, match) => total + Number(match[2]),
    0,
  );
  const transferPerSecond = /Transfer\/sec:\s+(\S+)/.exec(output)?.[1] ?? '';
  return { requests, requestsPerSecond, p50Ms, p99Ms, non2xx, errors, transferPerSecond };
}

/** What wrk sends: one path or the mix, with or without Accept-Encoding. */
interface Load {
  name: string;
  path?: string;
  script?: string;
  encoding?: string;
  rounds: number;
}

type Measured = WrkResult & { cpuMsPer1000: number };

/** wrk against a server, with the server's CPU time per 1000 answers. */
async function measured(base: string, serverPid: number, load: Load): Promise<Measured> {
  const pids = processTree(serverPid);
  const before = cpuMs(pids);
  const result = await wrk(base, load);
  const used = cpuMs(pids) - before;
  return { ...result, cpuMsPer1000: (used / result.requests) * 1000 };
}

const medianOf = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

/** The run with the median requests per second (its latencies come with it). */
function median(runs: WrkResult[]): WrkResult {
  return [...runs].sort((left, right) => left.requestsPerSecond - right.requestsPerSecond)[
    Math.floor(runs.length / 2)
  ]!;
}

/** The headers nginx sends as migov does (nginx sets its own date, length, ETag, Vary and encoding). */
const NGINX_OWN = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'content-type',
  'etag',
  'vary',
  'content-encoding',
  'last-modified',
  'transfer-encoding',
]);

/** nginx with WORKERS workers serving each answer's bytes and headers from `root` (a .gz beside it when migov compresses). */
async function startNginx(
  root: string,
  answers: { path: string; headers: Record<string, string>; gzip: boolean }[],
): Promise<ChildProcess> {
  const config = join(root, 'nginx.conf');
  const quote = (value: string) => `"${value.replace(/["\\$]/g, (character) => `\\${character}`)}"`;
  const locations = answers.map(
    (answer) => `    location = ${answer.path} {
      default_type ${quote(answer.headers['content-type']!)};
      gzip_static ${answer.gzip ? 'on' : 'off'};
${Object.entries(answer.headers)
  .filter(([name]) => !NGINX_OWN.has(name))
  .map(([name, value]) => `      add_header ${name} ${quote(value)} always;`)
  .join('\n')}
    }`,
  );
  writeFileSync(
    config,
    `worker_processes ${WORKERS};
pid ${root}/nginx.pid;
error_log ${root}/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  etag on;
  gzip_vary on;
  types { }
  client_body_temp_path ${root}/body; proxy_temp_path ${root}/proxy; fastcgi_temp_path ${root}/fastcgi; uwsgi_temp_path ${root}/uwsgi; scgi_temp_path ${root}/scgi;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${root}/files;
${locations.join('\n')}
  }
}
`,
  );
  const nginx = spawn('nginx', ['-c', config, '-p', root], { stdio: 'ignore' });
  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  return nginx;
}

/**
 * The floor of Node's HTTP server on this machine: a bare node:http process (a cluster of WORKERS
 * when more than one) sending the same bytes and headers from memory, nothing else per request. What
 * migov costs above it is migov's; what it costs above nginx is mostly Node's.
 */
async function startNodeFloor(root: string, port: number): Promise<ChildProcess> {
  const script = join(root, 'node-floor.mjs');
  writeFileSync(
    script,
    `import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const workers = ${WORKERS};
if (workers > 1 && cluster.isPrimary) {
  for (let index = 0; index < workers; index += 1) cluster.fork();
} else {
  const answers = new Map();
  for (const answer of JSON.parse(readFileSync(${JSON.stringify(join(root, 'answers.json'))}, 'utf8')))
    answers.set(answer.path, {
      plain: { body: readFileSync(answer.file), headers: answer.plain },
      gzip: answer.gzip && { body: readFileSync(answer.file + '.gz'), headers: answer.gzip },
    });
  createServer((request, response) => {
    const answer = answers.get(request.url);
    if (!answer) return response.writeHead(404).end();
    const variant = answer.gzip && /gzip/.test(request.headers['accept-encoding'] ?? '') ? answer.gzip : answer.plain;
    response.writeHead(200, variant.headers).end(variant.body);
  }).listen(${port}, '127.0.0.1');
}
`,
  );
  const floor = spawn(process.execPath, [script], { stdio: 'ignore' });
  await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  return floor;
}

/** The headers of an answer as Node's writeHead takes them (without those Node adds itself). */
const floorHeaders = (headers: Record<string, string>) =>
  Object.entries(headers)
    .filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
    .flat();

/** The public URLs read: results of a round the UN published, its aggregates, a country's profile, official series. */
function publicPaths(year: number): string[] {
  return [
    `/api/v1/results/${year}`,
    `/api/v1/aggregates/${year}`,
    `/api/v1/published/${year}`,
    '/api/v1/areas/484/results',
    '/api/v1/areas/484/indicators',
    '/api/v1/official-data',
  ];
}

const results: Record<string, unknown>[] = [];
const rows: Record<string, string | number>[] = [];
for (const dialect of dialectsFromArgs()) {
  const { url: databaseUrl, drop } = await seededDatabase(dialect);
  const { url, pid: migovPid, stop } = await startMigov(databaseUrl);
  try {
    // The newest round the UN published (2021 in the bundled snapshot).
    const overview = jsonOf(await rawGet(`${url}/api/v1/results`)) as {
      rounds?: { year: number; official?: number }[];
    };
    const year =
      (overview.rounds ?? [])
        .filter((round) => (round.official ?? 0) > 0)
        .map((round) => round.year)
        .sort()
        .at(-1) ?? 2021;
    const paths = publicPaths(year);
    const root = mkdtempSync(join(tmpdir(), 'migov-nginx-'));
    const answers: {
      path: string;
      headers: Record<string, string>;
      gzipHeaders: Record<string, string>;
      gzip: boolean;
      bytes: number;
      gzipBytes: number;
    }[] = [];
    const decoded = new Map<string, unknown>();
    for (const path of paths) {
      // Twice each: the second answer is the one served from the public cache.
      await rawGet(`${url}${path}`);
      const plain = await rawGet(`${url}${path}`);
      const zipped = await rawGet(`${url}${path}`, { 'accept-encoding': GZIP });
      if (plain.status !== 200 || zipped.status !== 200) throw new Error(`${path} answered ${plain.status}`);
      decoded.set(path, jsonOf(plain));
      const gzip = zipped.headers['content-encoding'] === 'gzip';
      if (gzip && !gunzipSync(zipped.body).equals(plain.body)) throw new Error(`${path}: the gzip answer differs`);
      const file = join(root, 'files', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, plain.body);
      if (gzip) writeFileSync(`${file}.gz`, zipped.body);
      answers.push({
        path,
        headers: plain.headers,
        gzipHeaders: zipped.headers,
        gzip,
        bytes: plain.body.length,
        gzipBytes: zipped.body.length,
      });
    }
    const confirmation = confirmOfficialData(year, decoded);
    process.stdout.write(`${dialect}, ${WORKERS} worker(s): ${confirmation}\n`);
    // nginx workers run as an unprivileged user: they must be able to read the folder.
    for (const folder of [root, ...readdirSync(root, { recursive: true }).map((entry) => join(root, String(entry)))])
      chmodSync(folder, 0o755);
    const nginx = await startNginx(root, answers);
    const nginxBase = `http://127.0.0.1:${NGINX_PORT}`;
    writeFileSync(
      join(root, 'answers.json'),
      JSON.stringify(
        answers.map((answer) => ({
          path: answer.path,
          file: join(root, 'files', answer.path),
          plain: floorHeaders(answer.headers),
          gzip: answer.gzip && floorHeaders(answer.gzipHeaders),
        })),
      ),
    );
    const floor = NODE_FLOOR ? await startNodeFloor(root, NGINX_PORT + 1) : undefined;
    const floorBase = `http://127.0.0.1:${NGINX_PORT + 1}`;
    try {
      // Same bytes: each answer's body from nginx has the length of migov's, compressed or not.
      for (const answer of answers) {
        for (const encoding of [undefined, GZIP]) {
          const theirs = await rawGet(`${nginxBase}${answer.path}`, encoding ? { 'accept-encoding': encoding } : {});
          const ours = await rawGet(`${url}${answer.path}`, encoding ? { 'accept-encoding': encoding } : {});
          if (theirs.status !== 200 || theirs.body.length !== ours.body.length)
            throw new Error(
              `${answer.path} (${encoding ?? 'identity'}): nginx sent ${theirs.status}, ${theirs.body.length} bytes; migov ${ours.body.length}`,
            );
        }
      }
      const script = mixScript(root, paths);
      const loads: Load[] = [
        { name: 'mix, gzip', script, encoding: GZIP, rounds: ROUNDS },
        { name: 'mix, identity', script, rounds: ROUNDS },
        ...(PER_URL ? paths.map((path) => ({ name: path, path, encoding: GZIP, rounds: 1 })) : []),
      ];
      await wrk(url, loads[0]!); // warm-up: JIT and the public cache
      for (const load of loads) {
        const migovRuns: Measured[] = [];
        const nginxRuns: Measured[] = [];
        const floorRuns: Measured[] = [];
        for (let round = 0; round < load.rounds; round += 1) {
          migovRuns.push(await measured(url, migovPid, load));
          nginxRuns.push(await measured(nginxBase, nginx.pid!, load));
          if (floor) floorRuns.push(await measured(floorBase, floor.pid!, load));
        }
        const migov = median(migovRuns);
        const baseline = median(nginxRuns);
        const cpu = {
          migovMsPer1000: medianOf(migovRuns.map((run) => run.cpuMsPer1000)),
          nginxMsPer1000: medianOf(nginxRuns.map((run) => run.cpuMsPer1000)),
        };
        // The median of each round's pair, so that a change in the machine's load hits both alike.
        const floorMsPer1000 = floor ? medianOf(floorRuns.map((run) => run.cpuMsPer1000)) : undefined;
        const cpuRatio = medianOf(migovRuns.map((run, index) => run.cpuMsPer1000 / nginxRuns[index]!.cpuMsPer1000));
        const answer = answers.find((entry) => entry.path === load.path);
        const result = {
          dialect,
          workers: WORKERS,
          load: load.name,
          paths: load.path ? [load.path] : paths,
          encoding: load.encoding ?? 'identity',
          answers: answers.map(({ path, bytes, gzipBytes }) => ({ path, bytes, gzipBytes })),
          cpu,
          cpuRatio,
          connections: CONNECTIONS,
          durationSeconds: DURATION,
          rounds: load.rounds,
          cores: cpus().length,
          loadAverage: loadavg(),
          node: process.version,
          migov,
          nginx: baseline,
          ...(floor ? { nodeFloorMsPer1000: floorMsPer1000, floorRuns } : {}),
          migovRuns,
          nginxRuns,
          confirmation,
        };
        results.push(result);
        rows.push({
          dialect,
          workers: WORKERS,
          load: load.name,
          bytes: answer ? `${answer.bytes}/${answer.gzipBytes}` : 'mix',
          'migov req/s': Math.round(migov.requestsPerSecond),
          'nginx req/s': Math.round(baseline.requestsPerSecond),
          'migov p99 ms': migov.p99Ms.toFixed(2),
          'CPU ms/1000 migov': cpu.migovMsPer1000.toFixed(1),
          'CPU ms/1000 nginx': cpu.nginxMsPer1000.toFixed(1),
          'CPU ratio': cpuRatio.toFixed(2),
          ...(floor ? { 'CPU ms/1000 node:http': floorMsPer1000!.toFixed(1) } : {}),
          'non-2xx': migov.non2xx + baseline.non2xx,
          errors: migov.errors + baseline.errors,
          'load avg': loadavg()[0]!.toFixed(1),
          goal: load.script && load.encoding ? (cpuRatio <= GOAL_RATIO ? 'met' : 'NOT met') : '',
        });
      }
    } finally {
      nginx.kill('SIGQUIT');
      floor?.kill();
    }
  } finally {
    await stop();
    await drop();
  }
}
printTable(rows);
// Node's own HTTP handling is most of a cached answer's cost, and it differs between Node versions.
process.stdout.write(`\nNode ${process.version} (migov serve and the node:http floor run on it)\n`);
process.stdout.write(`results: ${writeResults('server-public-read', results)}\n`);
