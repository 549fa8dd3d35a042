/**
 * 200 concurrent editors autosaving over HTTP, in two layouts: 200 assessments with one editor each
 * (spread), and 20 assessments with 10 editors each (contended). Each editor owns one
 * item and saving it repeatedly with If-Match (the editors run in a child process, apart from the
 * server's event loop); on 409 it takes the current lock version from the
 * problem, backs off briefly with jitter, and saves again. Checks: zero lost updates (every acknowledged save is in the history and
 * each item ends with its editor's last save), zero 5xx; reports p50/p99 latency per request and per save (first attempt to acknowledgement).
 * Run: npx tsx bench/server/autosave.ts [--dialect sqlite|postgres] [--layout spread|contended] [--saves 10] [--think-ms 0]
 */
import { spawn } from 'node:child_process';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { createApiToken, createAssessment, createRound, createUser, grantRole, listRevisions } from '@migov/db';
import { listAreas, SDG_10_7_2_V2019 } from '@migov/core';
import { createSecret, hashSecret } from '@migov/server';
import type { EditorsInput, EditorsOutput } from './autosave-editors.ts';
import {
  dialectsFromArgs,
  listening,
  numberArg,
  percentile,
  printTable,
  seededDatabase,
  writeResults,
} from './bench-support.ts';

const SAVES = numberArg('saves', 10);
const THINK_MS = numberArg('think-ms', 0);
const EDITORS = 200;
/** spread: 200 assessments with one editor each; contended: 20 assessments with 10 editors each. */
const LAYOUTS = { spread: 1, contended: 10 } as const;
const COUNTRIES = listAreas({ kind: 'country' }).map((area) => area.code);
const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));

const results: Record<string, unknown>[] = [];
const rows: Record<string, string | number>[] = [];
const layoutArgument = process.argv.indexOf('--layout');
const layouts = (layoutArgument >= 0 ? [process.argv[layoutArgument + 1]] : Object.keys(LAYOUTS)).filter(
  (name): name is keyof typeof LAYOUTS => name !== undefined && name in LAYOUTS,
);
for (const dialect of dialectsFromArgs())
  for (const layout of layouts) {
    const EDITORS_PER_ASSESSMENT = LAYOUTS[layout];
    const ASSESSMENTS = EDITORS / EDITORS_PER_ASSESSMENT;
    const { db, drop } = await seededDatabase(dialect, { poolSize: 20 });
    const { app, url } = await listening(db);
    try {
      const round = await createRound(db, {
        year: 2099,
        instrument: 'sdg-10-7-2',
        version: '2019',
        opensOn: '2099-01-01',
        closesOn: '2099-12-31',
      });
      const targets: { id: string; token: string; lockVersion: number }[] = [];
      for (const country of COUNTRIES.slice(0, ASSESSMENTS)) {
        const assessment = await createAssessment(db, { jurisdiction: country, roundId: round.id }, null);
        const user = await createUser(db, {
          email: `bench-fp-${country}@bench.invalid`,
          name: `Focal point ${country}`,
        });
        await grantRole(db, { userId: user.id, role: 'focal-point', scope: { kind: 'area', area: country } }, null);
        const token = createSecret('mgv_');
        await createApiToken(db, { userId: user.id, name: 'bench', tokenHash: hashSecret(token) });
        targets.push({ id: assessment.id, token, lockVersion: assessment.lockVersion });
      }
      const input: EditorsInput = {
        url,
        targets,
        editorsPerAssessment: EDITORS_PER_ASSESSMENT,
        saves: SAVES,
        items: ITEMS,
        thinkMs: THINK_MS,
      };
      const editors = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./autosave-editors.ts', import.meta.url))],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      editors.stdin.end(JSON.stringify(input));
      const [outputText, exitCode] = await Promise.all([
        text(editors.stdout),
        new Promise<number | null>((resolveExit) => editors.once('exit', resolveExit)),
      ]);
      if (exitCode !== 0) throw new Error(`the editors process failed with exit code ${exitCode}`);
      const output = JSON.parse(outputText) as EditorsOutput;
      const latencies = output.latencies;
      const saveTimes = output.saveTimes;
      const statuses = new Map(output.statuses);
      const acknowledged = new Map(output.acknowledged);
      const lastAcknowledged = new Map(output.lastAcknowledged);
      const seconds = output.seconds;
      let lost = 0;
      for (const target of targets) {
        const current = (await (
          await fetch(`${url}/api/v1/assessments/${target.id}`, {
            headers: { authorization: `Bearer ${target.token}` },
          })
        ).json()) as { assessment: { responses: Record<string, { comment?: string }> } };
        for (let editor = 0; editor < EDITORS_PER_ASSESSMENT; editor += 1) {
          const itemId = ITEMS[editor]!;
          if (current.assessment.responses[itemId]?.comment !== lastAcknowledged.get(`${target.id}:${itemId}`))
            lost += 1;
        }
        const saves = (await listRevisions(db, { assessmentId: target.id })).filter(
          (revision) => revision.action === 'save',
        ).length;
        lost += Math.max(0, (acknowledged.get(target.id) ?? 0) - saves);
      }
      latencies.sort((left, right) => left - right);
      saveTimes.sort((left, right) => left - right);
      const fiveHundreds = [...statuses]
        .filter(([status]) => status >= 500)
        .reduce((total, [, count]) => total + count, 0);
      const acknowledgedTotal = [...acknowledged.values()].reduce((total, count) => total + count, 0);
      const result = {
        dialect,
        layout,
        editors: ASSESSMENTS * EDITORS_PER_ASSESSMENT,
        savesPerEditor: SAVES,
        thinkMs: THINK_MS,
        acknowledged: acknowledgedTotal,
        requests: latencies.length,
        statuses: Object.fromEntries(statuses),
        lostUpdates: lost,
        fiveHundreds,
        seconds,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        saveP50Ms: percentile(saveTimes, 0.5),
        saveP99Ms: percentile(saveTimes, 0.99),
      };
      results.push(result);
      rows.push({
        dialect,
        layout: `${layout} (${ASSESSMENTS}x${EDITORS_PER_ASSESSMENT})`,
        editors: result.editors,
        'think ms': THINK_MS,
        'acknowledged saves': acknowledgedTotal,
        requests: result.requests,
        '409 retries': statuses.get(409) ?? 0,
        '5xx': fiveHundreds,
        'lost updates': lost,
        'req/s': Math.round(result.requests / seconds),
        'p50 ms': result.p50Ms.toFixed(1),
        'p99 ms': result.p99Ms.toFixed(1),
        'save (with retries) p50 ms': result.saveP50Ms.toFixed(0),
        'save p99 ms': result.saveP99Ms.toFixed(0),
      });
    } finally {
      await app.close();
      await drop();
    }
  }
printTable(rows);
process.stdout.write(`\nresults: ${writeResults('server-autosave', results)}\n`);
