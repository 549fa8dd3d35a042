/**
 * The editors of the autosave benchmark, run as a child process so the load generator does not share
 * the server's event loop. Reads its input as JSON on stdin, writes latencies and acknowledged saves
 * as JSON on stdout.
 */
import { text } from 'node:stream/consumers';

export interface EditorsInput {
  url: string;
  targets: { id: string; token: string; lockVersion: number }[];
  editorsPerAssessment: number;
  saves: number;
  items: string[];
  /** Pause between an editor's saves (jittered ±50%); 0 saves back to back. */
  thinkMs: number;
}

export interface EditorsOutput {
  latencies: number[];
  saveTimes: number[];
  statuses: [number, number][];
  acknowledged: [string, number][];
  lastAcknowledged: [string, string][];
  seconds: number;
}

const input = JSON.parse(await text(process.stdin)) as EditorsInput;
const latencies: number[] = [];
const saveTimes: number[] = [];
const statuses = new Map<number, number>();
const acknowledged = new Map<string, number>();
const lastAcknowledged = new Map<string, string>();

// Editors open their assessment first (as the web app does): connections are set up and the server is warm.
for (let round = 0; round < 2; round += 1) {
  await Promise.all(
    input.targets.flatMap((target) =>
      Array.from({ length: input.editorsPerAssessment }, async () => {
        const response = await fetch(`${input.url}/api/v1/assessments/${target.id}`, {
          headers: { authorization: `Bearer ${target.token}` },
        });
        await response.arrayBuffer();
      }),
    ),
  );
}

const started = performance.now();
await Promise.all(
  input.targets.flatMap((target) =>
    Array.from({ length: input.editorsPerAssessment }, async (_unused, editor) => {
      const itemId = input.items[editor]!;
      let lockVersion = target.lockVersion;
      for (let save = 0; save < input.saves; save += 1) {
        if (input.thinkMs > 0)
          await new Promise((resolveWait) => setTimeout(resolveWait, input.thinkMs * (0.5 + Math.random())));
        const comment = `editor ${editor} save ${save}`;
        const saveStarted = performance.now();
        for (let attempt = 0; attempt < 1000; attempt += 1) {
          const begin = performance.now();
          const response = await fetch(`${input.url}/api/v1/assessments/${target.id}/responses`, {
            method: 'PATCH',
            headers: {
              authorization: `Bearer ${target.token}`,
              'content-type': 'application/json',
              'if-match': `"${lockVersion}"`,
            },
            body: JSON.stringify({ changes: [{ itemId, comment }] }),
          });
          const body = (await response.json()) as {
            assessment?: { lockVersion: number };
            current?: { lockVersion: number };
          };
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
            await new Promise((resolveWait) =>
              setTimeout(resolveWait, 5 + Math.random() * 20 * Math.min(attempt + 1, 5)),
            );
            continue;
          }
          break;
        }
      }
    }),
  ),
);
const output: EditorsOutput = {
  latencies,
  saveTimes,
  statuses: [...statuses],
  acknowledged: [...acknowledged],
  lastAcknowledged: [...lastAcknowledged],
  seconds: (performance.now() - started) / 1000,
};
process.stdout.write(JSON.stringify(output));
