/**
 * Public read throughput: the published results of a round (GET /api/v1/published/:year), served by
 * migov on SQLite and on PostgreSQL, against nginx serving the same bytes from disk in the same run.
 * Load from wrk (Debian package) on loopback; goal: at least half of nginx's requests per second,
 * p99 under 20 ms. Run: npx tsx bench/server/public-read.ts [--dialect sqlite|postgres] [--duration 5] [--rounds 3] [--connections 50]
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { dialectsFromArgs, listening, numberArg, printTable, seededDatabase, writeResults } from './bench-support.ts';

const DURATION = numberArg('duration', 5);
/** migov and nginx runs alternate, so a change in the shared machine's load hits both alike; medians are reported. */
const ROUNDS = numberArg('rounds', 3);
const CONNECTIONS = numberArg('connections', 50);
const NGINX_PORT = numberArg('nginx-port', 18_089);

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
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', ...headers.flatMap((header) => ['-H', header]), url];
  const { stdout: output } = await promisify(execFile)('wrk', args, { encoding: 'utf8' });
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  // Anchored: the thread statistics line also ends in a percentage ("85.50%").
  const p50Ms = toMs(/^\s*50%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const p99Ms = toMs(/^\s*99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const errors = [...output.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((total, match) => total + Number(match[2]), 0);
  return { requestsPerSecond, p50Ms, p99Ms, non2xx, errors };
}

/** The run with the median requests per second (its latencies come with it). */
function median(runs: WrkResult[]): WrkResult {
  return [...runs].sort((left, right) => left.requestsPerSecond - right.requestsPerSecond)[Math.floor(runs.length / 2)]!;
}

async function startNginx(root: string, contentType: string): Promise<ChildProcess> {
  const config = join(root, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes 1;
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
  const { db, drop } = await seededDatabase(dialect);
  const { app, url } = await listening(db);
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
      const migovRuns: WrkResult[] = [];
      const nginxRuns: WrkResult[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        migovRuns.push(await wrk(target));
        nginxRuns.push(await wrk(`http://127.0.0.1:${NGINX_PORT}/published.json`));
      }
      const migov = median(migovRuns);
      const baseline = median(nginxRuns);
      const ratio = migov.requestsPerSecond / baseline.requestsPerSecond;
      const result = { dialect, url: target.replace(url, ''), bytes: body.length, connections: CONNECTIONS, durationSeconds: DURATION, rounds: ROUNDS, cores: cpus().length, loadAverage: loadavg(), migov, nginx: baseline, ratio, migovRuns, nginxRuns };
      results.push(result);
      rows.push({
        dialect,
        route: result.url,
        bytes: body.length,
        'migov req/s': Math.round(migov.requestsPerSecond),
        'nginx req/s': Math.round(baseline.requestsPerSecond),
        ratio: ratio.toFixed(2),
        'migov p50 ms': migov.p50Ms.toFixed(2),
        'migov p99 ms': migov.p99Ms.toFixed(2),
        'nginx p99 ms': baseline.p99Ms.toFixed(2),
        'non-2xx': migov.non2xx + baseline.non2xx,
        goal: ratio >= 0.5 && migov.p99Ms < 20 ? 'met' : 'NOT met',
      });
    } finally {
      nginx.kill('SIGQUIT');
    }
  } finally {
    await app.close();
    await drop();
  }
}
printTable(rows);
process.stdout.write(`\nresults: ${writeResults('server-public-read', results)}\n`);
