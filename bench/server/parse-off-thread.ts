/**
 * /health latency while a big data file is being parsed: the server as it is (the file parsed on a
 * parsing thread, POST /api/v1/imports) against the baseline of the same parse on the request
 * thread, as the import route did before (core readObservations called in the server's process), in
 * the same run. A child process asks /health every 10 ms throughout; reported are the median, p99
 * and worst latency per mode (median of the rounds) and the ratio baseline / off-thread.
 * The file is a seeded SDG API CSV of 90,000 lines (just under the 10 MiB upload limit).
 * Run: npx tsx bench/server/parse-off-thread.ts [--rounds 3] [--rows 90000]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createApiToken, createUser, grantRole } from '@migov/db';
import { readObservations } from '@migov/core';
import { createSecret, hashSecret } from '@migov/server';
import { seededSdgApiCsv } from '../../test-support/seeded-files.ts';
import { listening, numberArg, percentile, printTable, seededDatabase, writeResults } from './bench-support.ts';

const ROUNDS = numberArg('rounds', 3);
const ROWS = numberArg('rows', 90_000);
const PROBE = fileURLToPath(new URL('./health-probe.ts', import.meta.url));

const { db, drop } = await seededDatabase('sqlite');
const { app, url } = await listening(db);
try {
  const admin = await createUser(db, { email: 'bench-importer@bench.invalid', name: 'Importer' });
  await grantRole(db, { userId: admin.id, role: 'administrator', scope: { kind: 'global' } }, null);
  const token = createSecret('mgv_');
  await createApiToken(db, { userId: admin.id, name: 'bench', tokenHash: hashSecret(token) });
  const csv = seededSdgApiCsv(ROWS, 42);
  const bytes = new TextEncoder().encode(csv);
  const importOffThread = async () => {
    const response = await fetch(`${url}/api/v1/imports?name=bench.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    await response.arrayBuffer();
    return response.status;
  };
  const parseOnThread = async () => {
    readObservations(
      { name: 'bench.csv', bytes },
      { maxFileBytes: 10 * 1024 * 1024, isKnownArea: (code) => app.migov.geography.findArea(code) !== undefined },
    );
    return 0;
  };
  // Warm up: the parsing thread is started and the code paths are compiled before anything is measured.
  await importOffThread();
  await parseOnThread();
  const started = performance.now();
  await parseOnThread();
  const parseMs = performance.now() - started;
  const window = Math.round(parseMs * 1.5 + 1000);

  const measure = async (mode: 'off-thread' | 'on-thread') => {
    const probe = promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE, url, String(window)], {
      maxBuffer: 16 * 1024 * 1024,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const status = await (mode === 'off-thread' ? importOffThread() : parseOnThread());
    const latencies = (JSON.parse((await probe).stdout) as number[]).sort((a, b) => a - b);
    return {
      mode,
      status,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1]!,
      answers: latencies.length,
    };
  };
  const runs: Awaited<ReturnType<typeof measure>>[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate the modes so that a change in the machine's load hits both alike.
    runs.push(await measure(round % 2 === 0 ? 'on-thread' : 'off-thread'));
    runs.push(await measure(round % 2 === 0 ? 'off-thread' : 'on-thread'));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const summary = (['on-thread', 'off-thread'] as const).map((mode) => {
    const own = runs.filter((run) => run.mode === mode);
    return {
      mode,
      p50: median(own.map((run) => run.p50)),
      p99: median(own.map((run) => run.p99)),
      max: median(own.map((run) => run.max)),
      answers: median(own.map((run) => run.answers)),
    };
  });
  const [onThread, offThread] = summary as [(typeof summary)[number], (typeof summary)[number]];
  printTable(
    summary.map((row) => ({
      mode: row.mode,
      'p50 ms': row.p50.toFixed(1),
      'p99 ms': row.p99.toFixed(1),
      'max ms': row.max.toFixed(1),
      '/health answers': row.answers,
    })),
  );
  process.stdout.write(
    `\nparse of ${ROWS.toLocaleString('en')} lines: ${Math.round(parseMs)} ms on the request thread; window ${window} ms\n`,
  );
  process.stdout.write(
    `ratio on-thread / off-thread: p99 ${(onThread.p99 / offThread.p99).toFixed(1)}x, worst ${(onThread.max / offThread.max).toFixed(1)}x\n`,
  );
  process.stdout.write(
    `results: ${writeResults('parse-off-thread', { rows: ROWS, parseMs, window, runs, summary })}\n`,
  );
} finally {
  await app.close();
  await drop();
}
