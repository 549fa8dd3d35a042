// `migov aggregate <files…>`: SG_CPA_MIGRP for every area, domain and round from country values,
// by the official method, with numerator, denominator and coverage; published figures found in the
// inputs (or given with --published) are compared, never overwritten.
import {
  aggregateMigrp,
  compareWithPublished,
  formatJson,
  formatPercent,
  formatProblem,
  formatSdgCsv,
  formatSdmxCsv,
  formatSdmxMl,
  roundPercent,
  type MigrpAggregate,
  type Observation,
  type PublishedComparison,
} from '@migov/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { writeOutput } from '../io.ts';
import { areaName, readObservationFiles, resolveAreaOption } from '../observation-files.ts';

export const AGGREGATE_FORMATS = ['sdg-csv', 'sdmx-csv', 'sdmx-ml', 'json', 'table'] as const;
type AggregateFormat = (typeof AGGREGATE_FORMATS)[number];

interface AggregateOptions {
  year?: string;
  format: string;
  decimals: string;
  areas?: string[];
  labels?: string[];
  published?: string[];
  compare?: boolean;
  out?: string;
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new CliError(`invalid --year: ${text} (a four-digit year)`, EXIT.usage);
  return Number(text);
}

/** A computed aggregate as an observation whose value is rounded to the requested decimals. */
function toObservation(aggregate: MigrpAggregate, decimals: number): Observation {
  return {
    series: 'SG_CPA_MIGRP',
    area: aggregate.area,
    year: aggregate.year,
    domain: aggregate.domain,
    value: roundPercent(aggregate.fraction, decimals),
    nature: 'G',
    numerator: aggregate.numerator,
    denominator: aggregate.denominator,
    ...(aggregate.timeDetail ? { timeDetail: aggregate.timeDetail } : {}),
  };
}

function describeComparison(comparison: PublishedComparison): string {
  const name = areaName(comparison.area) ?? comparison.area;
  const computed = comparison.computed
    ? `${comparison.computedFigure ?? ''} (${comparison.computed.numerator} of ${comparison.computed.denominator})`
    : 'not computed';
  const published = comparison.published ? String(comparison.published.value) : 'not published';
  return `${comparison.year} ${name} (${comparison.area}) ${comparison.domain}: computed ${computed}, published ${published}: ${comparison.status}${comparison.reason ? ` — ${comparison.reason.message}` : ''}`;
}

/** Adds the `aggregate` command. */
export function registerAggregateCommand(program: Command): void {
  program
    .command('aggregate')
    .description(
      'compute SG_CPA_MIGRP (% of responding countries that meet or fully meet) for every area, domain and round',
    )
    .argument('<files...>', 'SG_CPA_MIGRS country data in any supported format')
    .option('--year <year>', 'only this round')
    .option('--format <format>', `output: ${AGGREGATE_FORMATS.join(', ')}`, 'sdg-csv')
    .option('--decimals <n>', 'decimals of the published value', '5')
    .option('--areas <codes...>', 'only these areas (M49, ISO or group codes)')
    .option('--labels <file...>', 'label mapping files for national files')
    .option(
      '--published <files...>',
      'published SG_CPA_MIGRP figures to compare with (SG_CPA_MIGRP found in the inputs is used too)',
    )
    .option('--compare', 'print the comparison with the published figures instead of the aggregates')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (files: string[], options: AggregateOptions) => {
      const format = options.format as AggregateFormat;
      if (!AGGREGATE_FORMATS.includes(format))
        throw new CliError(`invalid --format: ${options.format} (one of ${AGGREGATE_FORMATS.join(', ')})`, EXIT.usage);
      const decimals = Number(options.decimals);
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10)
        throw new CliError(`invalid --decimals: ${options.decimals} (0 to 10)`, EXIT.usage);
      const year = parseYear(options.year);
      const input = await readObservationFiles([...files, ...(options.published ?? [])], {
        ...(options.labels ? { labels: options.labels } : {}),
      });
      if (input.problems.length > 0) {
        process.stderr.write(`${input.problems.map(formatProblem).join('\n')}\n`);
        throw new CliError(`${input.problems.length} problem(s) in the input; nothing was aggregated`, EXIT.refused);
      }
      const inRound = (observation: Observation) => year === undefined || observation.year === year;
      const countries = input.observations.filter(
        (observation) => observation.series === 'SG_CPA_MIGRS' && inRound(observation),
      );
      const published = input.observations.filter(
        (observation) => observation.series === 'SG_CPA_MIGRP' && inRound(observation),
      );
      if (countries.length === 0)
        throw new CliError(`no SG_CPA_MIGRS country values${year ? ` for ${year}` : ''} in the input`, EXIT.refused);
      const result = aggregateMigrp(countries, {
        ...(options.areas ? { areas: options.areas.map(resolveAreaOption) } : {}),
      });
      if (result.problems.length > 0) {
        process.stderr.write(`${result.problems.map(formatProblem).join('\n')}\n`);
        throw new CliError(
          `${result.problems.length} problem(s) in the country values; nothing was aggregated`,
          EXIT.refused,
        );
      }
      const comparisons = published.length > 0 ? compareWithPublished(result.aggregates, published) : [];
      const differing = comparisons.filter((comparison) => comparison.status === 'differs');
      if (options.compare) {
        if (published.length === 0)
          throw new CliError(
            'no published SG_CPA_MIGRP figures to compare with: give them with --published',
            EXIT.usage,
          );
        await writeOutput(`${comparisons.map(describeComparison).join('\n')}\n`, options.out);
        return;
      }
      if (differing.length > 0) {
        process.stderr.write(
          `${differing.length} computed figure(s) differ from the published ones (use --compare for the list), e.g.\n  ${describeComparison(differing[0]!)}\n`,
        );
      }
      const observations = result.aggregates.map((aggregate) => toObservation(aggregate, decimals));
      let text: string;
      switch (format) {
        case 'sdg-csv':
          text = formatSdgCsv(observations, { areaName });
          break;
        case 'sdmx-csv':
          text = formatSdmxCsv(observations);
          break;
        case 'sdmx-ml':
          text = formatSdmxMl(observations, { prepared: new Date().toISOString() });
          break;
        case 'json':
          text = formatJson(observations);
          break;
        case 'table':
          // A header names each column (the same tab-separated layout as the rows).
          text = `${[
            `Year\tArea\t${'Name'.padEnd(40)}\t${'Domain'.padEnd(10)}\t${'Percent'.padStart(9)}\tMeeting/responding\tMembers`,
          ]
            .concat(
              result.aggregates.map(
                (aggregate) =>
                  `${aggregate.year}\t${aggregate.area}\t${(areaName(aggregate.area) ?? '').padEnd(40)}\t${aggregate.domain.padEnd(10)}\t${formatPercent(aggregate.fraction, decimals).padStart(9)}\t${aggregate.numerator}/${aggregate.denominator}\tof ${aggregate.coverage.members} members`,
              ),
            )
            .join('\n')}\n`;
          break;
      }
      await writeOutput(text, options.out);
    });
}
