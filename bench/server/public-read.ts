/**
 * Public read throughput: the published results of a round (GET /api/v1/published/:year), served by
 * `migov serve --workers N` (the real command, started as a user would) on SQLite and on PostgreSQL,
 * against nginx with the same number of worker processes serving the same bytes from disk, in the
 * same run. Load from wrk (Debian package) on loopback; goal: at least half of nginx's requests per
 * second, p99 under 20 ms. Also reported: the CPU time the server's processes used per 1000
 * answers (from /proc), which depends much less than req/s on what else runs on the machine.
 * Run: npx tsx bench/server/public-read.ts [--workers N|auto] [--dialect sqlite|postgres] [--duration 5] [--rounds 5] [--connections 50]
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { availableParallelism } from 'node:os';
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
/** Processes serving requests, for migov and nginx alike (default: one per core). */
const WORKERS =
  process.argv.includes('--workers') && process.argv[process.argv.indexOf('--workers') + 1] !== 'auto'
    ? numberArg('workers', 1)
    : availableParallelism();
const MIGOV_BIN = join(repositoryRoot, 'packages/cli/bin/migov.js');

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

/** wrk against `url`, with the server's CPU time per 1000 answers (less sensitive than req/s to other work on the machine). */
async function measured(url: string, serverPid: number): Promise<WrkResult & { cpuMsPer1000: number }> {
  const pids = processTree(serverPid);
  const before = cpuMs(pids);
  const result = await wrk(url);
  const used = cpuMs(pids) - before;
  return { ...result, cpuMsPer1000: (used / (result.requestsPerSecond * DURATION)) * 1000 };
}

interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function toMs(text: string): number {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/** wrk runs as a child process; it must not block this process, which serves the requests. */
async function wrk(url: string, headers: string[] = []): Promise<WrkResult> {
  const args = [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${DURATION}s`,
    '--latency',
    ...headers.flatMap((header) => ['-H', header]),
    url,
  ];
  const { stdout: output } = await promisify(execFile)('wrk', args, { encoding: 'utf8' });
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  // Anchored: the thread statistics line also ends in a percentage ("85.50%").
  const p50Ms = toMs(/^\s*50%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const p99Ms = toMs(/^\s*99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const errors = [...output.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce(
    (total, match) => total + Number(match[2]),
    0,
  );
  return { requestsPerSecond, p50Ms, p99Ms, non2xx, errors };
}

/** The run with the median requests per second (its latencies come with it). */
function median(runs: WrkResult[]): WrkResult {
  return [...runs].sort((left, right) => left.requestsPerSecond - right.requestsPerSecond)[
    Math.floor(runs.length / 2)
  ]!;
}

async function startNginx(root: string, contentType: string): Promise<ChildProcess> {
  const config = join(root, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes ${WORKERS};
pid ${root}/nginx.pid;
error_log ${root}/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${root}/body; proxy_temp_path ${root}/proxy; fastcgi_temp_path ${root}/fastcgi; uwsgi_temp_path ${root}/uwsgi; scgi_temp_path ${root}/scgi;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location = /published.json { root ${root}; default_type "${contentType}"; etag on; }
  }
}
`,
  );
  const nginx = spawn('nginx', ['-c', config, '-p', root], { stdio: 'ignore' });
  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  return nginx;
}

const results: Record<string, unknown>[] = [];
const rows: Record<string, string | number>[] = [];
for (const dialect of dialectsFromArgs()) {
  const { url: databaseUrl, drop } = await seededDatabase(dialect);
  const { url, pid: migovPid, stop } = await startMigov(databaseUrl);
  try {
    let target = '';
    let body = Buffer.alloc(0);
    let contentType = 'application/json; charset=utf-8';
    for (const year of [2023, 2021, 2019]) {
      const response = await fetch(`${url}/api/v1/published/${year}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (response.ok && (JSON.parse(bytes.toString()) as { total: number }).total > 0) {
        target = `${url}/api/v1/published/${year}`;
        body = bytes;
        contentType = response.headers.get('content-type') ?? contentType;
        break;
      }
    }
    if (!target) throw new Error('the demo data has no published results to read');
    const root = mkdtempSync(join(tmpdir(), 'migov-nginx-'));
    writeFileSync(join(root, 'published.json'), body);
    // nginx workers run as an unprivileged user: they must be able to read the folder.
    chmodSync(root, 0o755);
    chmodSync(join(root, 'published.json'), 0o644);
    const nginx = await startNginx(root, contentType);
    try {
      await wrk(target); // warm-up: JIT and the public cache
      const migovRuns: (WrkResult & { cpuMsPer1000: number })[] = [];
      const nginxRuns: (WrkResult & { cpuMsPer1000: number })[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        migovRuns.push(await measured(target, migovPid));
        nginxRuns.push(await measured(`http://127.0.0.1:${NGINX_PORT}/published.json`, nginx.pid!));
      }
      const migov = median(migovRuns);
      const baseline = median(nginxRuns);
      const pairRatios = migovRuns
        .map((run, index) => run.requestsPerSecond / nginxRuns[index]!.requestsPerSecond)
        .sort((left, right) => left - right);
      const ratio = pairRatios[Math.floor(pairRatios.length / 2)]!;
      const cpuOf = (runs: { cpuMsPer1000: number }[]) =>
        [...runs.map((run) => run.cpuMsPer1000)].sort((left, right) => left - right)[Math.floor(runs.length / 2)]!;
      const cpu = { migovMsPer1000: cpuOf(migovRuns), nginxMsPer1000: cpuOf(nginxRuns) };
      const result = {
        cpu,
        dialect,
        workers: WORKERS,
        url: target.replace(url, ''),
        bytes: body.length,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        rounds: ROUNDS,
        cores: cpus().length,
        loadAverage: loadavg(),
        migov,
        nginx: baseline,
        ratio,
        pairRatios,
        migovRuns,
        nginxRuns,
      };
      results.push(result);
      rows.push({
        dialect,
        workers: WORKERS,
        route: result.url,
        bytes: body.length,
        'migov req/s': Math.round(migov.requestsPerSecond),
        'nginx req/s': Math.round(baseline.requestsPerSecond),
        ratio: ratio.toFixed(2),
        'pair ratios': pairRatios.map((value) => value.toFixed(2)).join(' '),
        'migov p50 ms': migov.p50Ms.toFixed(2),
        'migov p99 ms': migov.p99Ms.toFixed(2),
        'nginx p99 ms': baseline.p99Ms.toFixed(2),
        'CPU ms/1000 migov': cpu.migovMsPer1000.toFixed(1),
        'CPU ms/1000 nginx': cpu.nginxMsPer1000.toFixed(1),
        'non-2xx': migov.non2xx + baseline.non2xx,
        goal: ratio >= 0.5 && migov.p99Ms < 20 ? 'met' : 'NOT met',
      });
    } finally {
      nginx.kill('SIGQUIT');
    }
  } finally {
    await stop();
    await drop();
  }
}
printTable(rows);
process.stdout.write(`\nresults: ${writeResults('server-public-read', results)}\n`);
