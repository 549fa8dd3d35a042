/**
 * Child process for the crash-safety test. It starts a large write and stops in the middle of its
 * transaction (after the first statements ran, before commit), says so on stdout, and waits to be
 * killed with SIGKILL.
 * Usage: tsx crash-child.ts import <url> <count>   |   tsx crash-child.ts save <url> <assessmentId> <saves-before-crash>
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { createDatabase, type MigovDatabase } from '../database.ts';
import { getAssessment, saveResponses } from '../assessments/assessments.repository.ts';
import { importObservations } from '../observations/observations.repository.ts';

/** Block the whole process (and so the open transaction) until it is killed. */
function freeze(message: string): void {
  process.stdout.write(`${message}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

const [mode, url, ...rest] = process.argv.slice(2);
if (!mode || !url) throw new Error('usage: crash-child.ts import|save <url> …');
const opened = await createDatabase({ url });

if (mode === 'import') {
  const count = Number(rest[0] ?? '20000');
  const observations = Array.from({ length: count }, (_, index) => ({
    series: 'SG_CPA_MIGRS' as const,
    area: String(1 + (index % 899)),
    year: 2000 + Math.floor(index / 899),
    domain: 'ALLDOMAINS' as const,
    value: 1 + (index % 4),
  }));
  await importObservations(
    opened,
    { observations, source: { name: 'crash test', format: 'json', importedAt: new Date().toISOString() } },
    null,
    {
      onProgress(done, total) {
        if (done >= total / 2) freeze(`in-transaction ${done}/${total}`);
      },
    },
  );
  process.stdout.write('committed\n');
} else if (mode === 'save') {
  const [assessmentId, savesText] = rest;
  const savesBeforeCrash = Number(savesText ?? '3');
  let saves = 0;
  // Freeze when the revision of the crashing save is about to be written: its assessment and response rows are already changed.
  const crashPlugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const node = args.node as { kind: string; into?: { table?: { identifier?: { name?: string } } } };
      if (
        node.kind === 'InsertQueryNode' &&
        node.into?.table?.identifier?.name === 'revisions' &&
        saves >= savesBeforeCrash
      )
        freeze(`in-transaction after ${saves} saves`);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  const db: MigovDatabase = { ...opened, kysely: opened.kysely.withPlugin(crashPlugin) };
  let assessment = await getAssessment(db, assessmentId ?? '');
  for (;;) {
    const marker = saves >= savesBeforeCrash ? 'crash' : String(saves + 1);
    const changes = Object.keys(assessment.responses).map((itemId) => ({ itemId, comment: `save ${marker}` }));
    assessment = await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
      null,
    );
    saves += 1;
    process.stdout.write(`saved ${assessment.lockVersion}\n`);
  }
}
