// `migov import <files…>`: read published SDG 10.7.2 data in any supported format, validated,
// all-or-nothing. With --dry-run nothing is stored and every problem is reported at once.
import { formatJson, formatProblem, type Problem } from '@migov/core';
import { createDatabase, DEFAULT_DATABASE_URL, importObservations } from '@migov/db';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { createProgress, writeOutput } from '../io.ts';
import { readObservationFiles } from '../observation-files.ts';

/** Skipped cells listed one by one before the rest are only counted. */
const SKIPPED_LISTED = 20;

/** The label mappings the reader proposes for files it could not settle, by file: `label,code` rows. */
function proposedMappings(problems: readonly Problem[]): { file: string; rows: string[] }[] {
  const byFile = new Map<string, string[]>();
  for (const problem of problems) {
    const proposed = /the likely mapping, as rows of label,code: (.*?)(?: \(the file is not valid UTF-8.*)?$/.exec(
      problem.message,
    )?.[1];
    if (proposed === undefined) continue;
    const rows = byFile.get(problem.file) ?? [];
    // Rows are separated by "; " outside the quotes of a quoted label.
    rows.push(
      ...(proposed.match(/(?:"(?:[^"]|"")*"|[^;"])+/g) ?? []).map((row) => row.trim()).filter((row) => row !== ''),
    );
    byFile.set(problem.file, rows);
  }
  return [...byFile].map(([file, rows]) => ({ file, rows }));
}

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  area?: string;
  labels?: string[];
  series?: string;
  out?: string;
  database?: string;
}

/** Adds the `import` command. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import published SDG 10.7.2 data (SDG API CSV and JSON, DDF, SDMX-ML 2.1, SDMX-CSV, SDMX-JSON, national Open SDG and portal tables, aggregator exports, migov JSON), all or nothing',
    )
    .argument('<files...>', 'data files; the format is detected from the content')
    .option('--dry-run', 'validate and report, store nothing')
    .option('--json', 'print {"observations":[…],"problems":[…]} as JSON')
    .option('--area <code>', 'M49 or ISO 3166 code of the area, for files without an area column')
    .option(
      '--labels <file...>',
      'label mapping files (CSV label,code or JSON) extending the built-in labels: headers and domain labels to codes (ALLDOMAINS, DOMAIN1..6, SG_CPA_MIGRS, SG_CPA_MIGRP) or column roles (YEAR, VALUE, AREA, POLICY_DOMAINS, SERIES, IGNORE)',
    )
    .option('--series <code>', 'series for files without a series column (default SG_CPA_MIGRS)')
    .option('--out <file>', 'write the validated observations as migov JSON instead of storing them')
    .option('--database <url>', `database to store into (default: $DATABASE_URL or ${DEFAULT_DATABASE_URL})`)
    .action(async (files: string[], options: ImportOptions) => {
      const result = await readObservationFiles(files, options);
      if (options.json) {
        const observations = result.observations.map(({ series, area, year, domain, value }) => ({
          series,
          area,
          year,
          domain,
          value,
        }));
        const entries = (list: readonly Problem[]) =>
          list.map(({ file, row, column, value, message }) => ({ file, row, column, value, message }));
        await writeOutput(
          `${JSON.stringify({ observations, problems: entries(result.problems), skipped: entries(result.skipped), notes: entries(result.notes) }, null, 2)}\n`,
        );
      } else {
        const lines = result.formats.map((entry) => {
          const skipped = result.skipped.filter((item) => item.file === entry.file).length;
          return `${entry.file}: ${entry.format ?? 'unrecognised format'}, ${entry.observations} observation(s)${skipped > 0 ? `, ${skipped} placeholder(s) skipped (not reported)` : ''}`;
        });
        lines.push(...result.notes.map((note) => `note: ${formatProblem(note)}`));
        lines.push(
          ...result.skipped
            .slice(0, SKIPPED_LISTED)
            .map((item) => `skipped: ${formatProblem(item).replace(/ skipped: /, ' ')}`),
        );
        if (result.skipped.length > SKIPPED_LISTED)
          lines.push(`skipped: ${result.skipped.length - SKIPPED_LISTED} more (--json lists them all)`);
        lines.push(...result.problems.map(formatProblem));
        for (const { file, rows } of proposedMappings(result.problems)) {
          lines.push(
            `${file}: if the proposed mapping is right, save these lines as a file (e.g. labels.csv) and import again with --labels labels.csv after the files:`,
            'label,code',
            ...rows,
          );
        }
        process.stderr.write(`${lines.join('\n')}\n`);
      }
      if (result.problems.length > 0)
        throw new CliError(`${result.problems.length} problem(s); nothing was imported`, EXIT.refused);
      if (options.out) await writeOutput(formatJson(result.observations), options.out);
      if (options.dryRun || options.out) return;
      const url = options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
      const db = await createDatabase({ url });
      try {
        await db.migrate();
        const progress = createProgress('importing', result.observations.length);
        const imported = await importObservations(
          db,
          {
            observations: result.observations,
            source: {
              name: files.join(', '),
              format: [...new Set(result.formats.map((entry) => entry.format))].join(', '),
              importedAt: new Date().toISOString(),
            },
          },
          null,
          { onProgress: (done) => progress.tick(done) },
        );
        progress.done();
        process.stderr.write(
          `imported ${result.observations.length} observation(s) into ${url} (import ${imported.id})\n`,
        );
      } finally {
        await db.close();
      }
    });
}
