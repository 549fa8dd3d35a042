// `migov export <files…>`: write SG_CPA_MIGRS / SG_CPA_MIGRP observations in the official exchange
// formats (SDG API CSV, SDMX-CSV, SDMX-ML 2.1) or JSON. CSV cells are safe from formula injection.
import { formatJson, formatProblem, formatSdgCsv, formatSdmxCsv, formatSdmxMl, type Observation } from '@migov/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { writeOutput } from '../io.ts';
import { areaName, readObservationFiles, resolveAreaOption } from '../observation-files.ts';

export const EXPORT_FORMATS = ['sdg-csv', 'sdmx-csv', 'sdmx-ml', 'json'] as const;

interface ExportOptions {
  format: string;
  series?: string;
  year?: string;
  area?: string[];
  labels?: string[];
  reportingType: string;
  out?: string;
}

/** Adds the `export` command. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('convert SDG 10.7.2 observations to the SDG API CSV, SDMX-CSV, SDMX-ML 2.1 or JSON')
    .argument('<files...>', 'observations in any supported format')
    .option('--format <format>', `output: ${EXPORT_FORMATS.join(', ')}`, 'sdg-csv')
    .option('--series <code>', 'only SG_CPA_MIGRS or SG_CPA_MIGRP')
    .option('--year <year>', 'only this round')
    .option(
      '--area <codes...>',
      'only these areas (M49 or ISO codes); one code is also the area of national files without an area column',
    )
    .option('--labels <file...>', 'label mapping files for national files')
    .option('--reporting-type <G|N>', 'SDMX REPORTING_TYPE: G (global) or N (national)', 'G')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (files: string[], options: ExportOptions) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(options.format))
        throw new CliError(`invalid --format: ${options.format} (one of ${EXPORT_FORMATS.join(', ')})`, EXIT.usage);
      if (options.reportingType !== 'G' && options.reportingType !== 'N')
        throw new CliError(`invalid --reporting-type: ${options.reportingType} (G or N)`, EXIT.usage);
      if (options.series !== undefined && options.series !== 'SG_CPA_MIGRS' && options.series !== 'SG_CPA_MIGRP')
        throw new CliError(`invalid --series: ${options.series} (SG_CPA_MIGRS or SG_CPA_MIGRP)`, EXIT.usage);
      if (options.year !== undefined && !/^\d{4}$/.test(options.year))
        throw new CliError(`invalid --year: ${options.year} (a four-digit year)`, EXIT.usage);
      const areas = options.area ? new Set(options.area.map(resolveAreaOption)) : undefined;
      // One area is also the area of a national file that has no area column (as its problem asks).
      const input = await readObservationFiles(files, {
        ...(options.labels ? { labels: options.labels } : {}),
        ...(options.area?.length === 1 ? { area: options.area[0]! } : {}),
      });
      if (input.problems.length > 0) {
        process.stderr.write(`${input.problems.map(formatProblem).join('\n')}\n`);
        if (input.problems.some((problem) => problem.message.includes('no area column')))
          process.stderr.write('give the area of a national file with --area <M49 or ISO code> (one code)\n');
        throw new CliError(`${input.problems.length} problem(s) in the input; nothing was exported`, EXIT.refused);
      }
      const selected = input.observations.filter(
        (observation: Observation) =>
          (options.series === undefined || observation.series === options.series) &&
          (options.year === undefined || observation.year === Number(options.year)) &&
          (areas === undefined || areas.has(observation.area)),
      );
      const reportingType = options.reportingType;
      const text =
        options.format === 'sdg-csv'
          ? formatSdgCsv(selected, { areaName })
          : options.format === 'sdmx-csv'
            ? formatSdmxCsv(selected, { reportingType })
            : options.format === 'sdmx-ml'
              ? formatSdmxMl(selected, { reportingType, prepared: new Date().toISOString() })
              : formatJson(selected);
      await writeOutput(text, options.out);
    });
}
