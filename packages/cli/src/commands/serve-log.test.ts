/**
 * `migov serve` through the real executable prints one short line per request by default
 * (`GET /api/v1/… 200 3 ms`) and pino's JSON lines with --log-format json or MIGOV_LOG_FORMAT=json;
 * an unknown format is a usage error.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/migov.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'migov-serve-log-'));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** Start the server, make two requests, stop it; everything it printed after starting. */
async function serve(name: string, args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--no-demo', '--database', `sqlite:${join(folder, `${name}.sqlite`)}`, ...args],
    {
      env: {
        ...process.env,
        MIGOV_ADMIN_PASSWORD: 'a log test administrator password',
        MIGOV_UN_DATA: '/nonexistent',
        MIGOV_LOG_FORMAT: '',
        MIGOV_LOG_LEVEL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!/migov is running/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /open (http:\/\/\S+?)\/ /.exec(output)![1]!;
  const started = output.length;
  expect((await fetch(`${url}/health`)).status).toBe(200);
  expect((await fetch(`${url}/api/v1/no-such-thing`)).status).toBe(404);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return output
    .slice(started)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

describe('migov serve logs', () => {
  it('prints one short human-readable line per request by default', async () => {
    const lines = await serve('text', []);
    const requests = lines.filter((line) => /^(GET|POST) /.test(line));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/^GET \/health 200 \d+ ms$/);
    expect(requests[1]).toMatch(/^GET \/api\/v1\/no-such-thing 404 \d+ ms$/);
    // No JSON, and nothing else per request.
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
  }, 90_000);

  it.each([
    ['--log-format json', ['--log-format', 'json'], {}],
    ['MIGOV_LOG_FORMAT=json', [], { MIGOV_LOG_FORMAT: 'json' }],
  ])(
    'prints JSON lines with %s',
    async (_name, args, env) => {
      const lines = await serve(`json-${args.length}`, args, env);
      const completed = lines
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; res?: { statusCode: number } })
        .filter((line) => line.msg === 'request completed');
      expect(completed.map((line) => line.res?.statusCode)).toEqual([200, 404]);
    },
    90_000,
  );

  it('refuses an unknown log format as a usage error', () => {
    const result = spawnSync(
      process.execPath,
      [bin, 'serve', '--log-format', 'xml', '--database', `sqlite:${join(folder, 'never.sqlite')}`],
      { encoding: 'utf8', env: { ...process.env, MIGOV_UN_DATA: '/nonexistent' } },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid --log-format: unknown log format "xml" \(expected text or json\)/);
  });
});
