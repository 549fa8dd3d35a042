/**
 * 200 concurrent editors autosaving over HTTP, in two layouts: 200 assessments with one editor each
 * (spread), and 20 assessments with 10 editors each (contended). Each editor owns one
 * item and saving it repeatedly with If-Match; on 409 it takes the current lock version from the
 * problem, backs off briefly with jitter, and saves again. Checks: zero lost updates (every acknowledged save is in the history and
 * each item ends with its editor's last save), zero 5xx; reports p50/p99 latency per request and per save (first attempt to acknowledgement).
 * Run: npx tsx bench/server/autosave.ts [--dialect sqlite|postgres] [--layout spread|contended] [--saves 10]
 */
import { createApiToken, createAssessment, createRound, createUser, grantRole, listRevisions } from '@migov/db';
import { listAreas, SDG_10_7_2_V2019 } from '@migov/core';
import { createSecret, hashSecret } from '@migov/server';
import { dialectsFromArgs, listening, numberArg, percentile, printTable, seededDatabase, writeResults } from './bench-support.ts';

const SAVES = numberArg('saves', 10);
const EDITORS = 200;
/** spread: 200 assessments with one editor each; contended: 20 assessments with 10 editors each. */
const LAYOUTS = { spread: 1, contended: 10 } as const;
const COUNTRIES = listAreas({ kind: 'country' }).map((area) => area.code);
const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));

const results: Record<string, unknown>[] = [];
const rows: Record<string, string | number>[] = [];
const layoutArgument = process.argv.indexOf('--layout');
const layouts = (layoutArgument >= 0 ? [process.argv[layoutArgument + 1]] : Object.keys(LAYOUTS)).filter((name): name is keyof typeof LAYOUTS => name !== undefined && name in LAYOUTS);
for (const dialect of dialectsFromArgs()) for (const layout of layouts) {
  const EDITORS_PER_ASSESSMENT = LAYOUTS[layout];
  const ASSESSMENTS = EDITORS / EDITORS_PER_ASSESSMENT;
  const { db, drop } = await seededDatabase(dialect, { poolSize: 20 });
  const { app, url } = await listening(db);
  try {
    const round = await createRound(db, { year: 2099, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2099-01-01', closesOn: '2099-12-31' });
    const targets: { id: string; token: string; lockVersion: number }[] = [];
    for (const country of COUNTRIES.slice(0, ASSESSMENTS)) {
      const assessment = await createAssessment(db, { jurisdiction: country, roundId: round.id }, null);
      const user = await createUser(db, { email: `bench-fp-${country}@bench.invalid`, name: `Focal point ${country}` });
      await grantRole(db, { userId: user.id, role: 'focal-point', scope: { kind: 'area', area: country } }, null);
      const token = createSecret('mgv_');
      await createApiToken(db, { userId: user.id, name: 'bench', tokenHash: hashSecret(token) });
      targets.push({ id: assessment.id, token, lockVersion: assessment.lockVersion });
    }
    // Editors open their assessment first (as the web app does): connections are set up and the code is warm.
    for (let round = 0; round < 2; round += 1) {
      await Promise.all(
        targets.flatMap((target) =>
          Array.from({ length: EDITORS_PER_ASSESSMENT }, async () => {
            const response = await fetch(`${url}/api/v1/assessments/${target.id}`, { headers: { authorization: `Bearer ${target.token}` } });
            await response.arrayBuffer();
          }),
        ),
      );
    }
    const latencies: number[] = [];
    const saveTimes: number[] = [];
    const statuses = new Map<number, number>();
    const acknowledged = new Map<string, number>();
    const lastAcknowledged = new Map<string, string>();
    const started = performance.now();
    await Promise.all(
      targets.flatMap((target) =>
        Array.from({ length: EDITORS_PER_ASSESSMENT }, async (_unused, editor) => {
          const itemId = ITEMS[editor]!;
          let lockVersion = target.lockVersion;
          for (let save = 0; save < SAVES; save += 1) {
            const comment = `editor ${editor} save ${save}`;
            const saveStarted = performance.now();
            for (let attempt = 0; attempt < 1000; attempt += 1) {
              const begin = performance.now();
              const response = await fetch(`${url}/api/v1/assessments/${target.id}/responses`, {
                method: 'PATCH',
                headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json', 'if-match': `"${lockVersion}"` },
                body: JSON.stringify({ changes: [{ itemId, comment }] }),
              });
              const body = (await response.json()) as { assessment?: { lockVersion: number }; current?: { lockVersion: number } };
              latencies.push(performance.now() - begin);
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              if (response.status === 200) {
                lockVersion = body.assessment!.lockVersion;
                acknowledged.set(target.id, (acknowledged.get(target.id) ?? 0) + 1);
                lastAcknowledged.set(`${target.id}:${itemId}`, comment);
                saveTimes.push(performance.now() - saveStarted);
                break;
              }
              if (response.status === 409 && body.current) {
                lockVersion = body.current.lockVersion;
                // As an autosaving client does: back off a little, with jitter, before saving on the new version.
                await new Promise((resolveWait) => setTimeout(resolveWait, 5 + Math.random() * 20 * Math.min(attempt + 1, 5)));
                continue;
              }
              break;
            }
          }
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    let lost = 0;
    for (const target of targets) {
      const current = (await (await fetch(`${url}/api/v1/assessments/${target.id}`, { headers: { authorization: `Bearer ${target.token}` } })).json()) as { assessment: { responses: Record<string, { comment?: string }> } };
      for (let editor = 0; editor < EDITORS_PER_ASSESSMENT; editor += 1) {
        const itemId = ITEMS[editor]!;
        if (current.assessment.responses[itemId]?.comment !== lastAcknowledged.get(`${target.id}:${itemId}`)) lost += 1;
      }
      const saves = (await listRevisions(db, { assessmentId: target.id })).filter((revision) => revision.action === 'save').length;
      lost += Math.max(0, (acknowledged.get(target.id) ?? 0) - saves);
    }
    latencies.sort((left, right) => left - right);
    saveTimes.sort((left, right) => left - right);
    const fiveHundreds = [...statuses].filter(([status]) => status >= 500).reduce((total, [, count]) => total + count, 0);
    const acknowledgedTotal = [...acknowledged.values()].reduce((total, count) => total + count, 0);
    const result = {
      dialect,
      layout,
      editors: ASSESSMENTS * EDITORS_PER_ASSESSMENT,
      savesPerEditor: SAVES,
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
