// `migov brief --area <ISO3 or M49> [--round <year>] --format md|pdf|docx [--out <file>] [--data <files…>]`:
// a country's Cooperation Framework brief, generated from published 10.7.2 data (when given), the
// crosswalk and the partnership registry, written as Markdown, PDF or DOCX.
import { generateBrief, latestBriefVersion, renderBriefDocx, renderBriefMarkdown, renderBriefPdf, resultsFromObservations } from '@migov/briefs';
import { defaultGeography, readObservations, type Observation, type Problem } from '@migov/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { readInputFile, writeOutput } from '../io.ts';
import { formatProblem, resolveAreaOption } from '../observation-files.ts';

/** The output formats of a brief. */
export const BRIEF_FORMATS = ['md', 'pdf', 'docx'] as const;
export type BriefFormat = (typeof BRIEF_FORMATS)[number];

interface BriefOptions {
  area: string;
  round?: string;
  format: string;
  out?: string;
  data?: string[];
  pdfFont?: string;
}

// Published files also carry values for groupings the SDG database lists (e.g. 830 Channel Islands,
// `N` in 2019); a brief needs only its country's values, so any known M49 area is accepted here.
async function readData(paths: readonly string[]): Promise<Observation[]> {
  const observations: Observation[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const file = await readInputFile(path);
    const result = readObservations({ name: path, bytes: file.bytes }, { isKnownArea: (code) => defaultGeography.findArea(code) !== undefined });
    problems.push(...result.problems);
    observations.push(...result.observations);
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.map(formatProblem).join('\n')}\n`);
    throw new CliError(`${problems.length} problem(s) in --data; no brief was written`, EXIT.refused);
  }
  return observations;
}

function parseRound(round: string | undefined): number | undefined {
  if (round === undefined) return undefined;
  if (!/^\d{4}$/.test(round) || Number(round) < 2015 || Number(round) > 2100) throw new CliError(`invalid --round: ${round} (a year such as 2021)`, EXIT.usage);
  return Number(round);
}

function parseFormat(format: string): BriefFormat {
  if (!(BRIEF_FORMATS as readonly string[]).includes(format)) throw new CliError(`invalid --format: ${format} (one of ${BRIEF_FORMATS.join(', ')})`, EXIT.usage);
  return format as BriefFormat;
}

/** Adds the `brief` command. */
export function registerBriefCommand(program: Command): void {
  program
    .command('brief')
    .description("generate a country's Cooperation Framework brief: 10.7.2 results, gaps mapped to GCM objectives and SDG targets, processes, entry points, checklist")
    .requiredOption('--area <code>', 'the country: ISO 3166-1 alpha-3 (e.g. BGD) or M49 code (e.g. 50)')
    .option('--round <year>', '10.7.2 round (default: the latest round the data has for the country)')
    .requiredOption('--format <format>', `output format: ${BRIEF_FORMATS.join(', ')}`)
    .option('--out <file>', 'write to a file (default: standard output; PDF and DOCX need --out on a terminal)')
    .option('--data <files...>', 'published SG_CPA_MIGRS data in any supported format (default: none, the brief then has no 10.7.2 results)')
    .option('--pdf-font <file>', 'a TrueType/OpenType font for PDF text in any script (default: Helvetica, Western European characters only)')
    .action(async (options: BriefOptions) => {
      const format = parseFormat(options.format);
      const round = parseRound(options.round);
      const area = resolveAreaOption(options.area);
      if (format !== 'md' && !options.out && process.stdout.isTTY) throw new CliError(`a ${format.toUpperCase()} brief is binary: give --out <file>`, EXIT.usage);
      const observations = options.data && options.data.length > 0 ? await readData(options.data) : [];
      const results = resultsFromObservations(observations, area, {
        ...(round === undefined ? {} : { year: round }),
        ...(options.data ? { source: `SG_CPA_MIGRS from ${options.data.join(', ')}` } : {}),
      });
      if (options.data && results.domains.every((domain) => domain.status === 'no-data')) {
        process.stderr.write(`migov: warning: the data has no SG_CPA_MIGRS value for ${area}${round === undefined ? '' : ` in ${round}`}\n`);
      }
      let brief;
      try {
        brief = generateBrief({ area, results, generatedAt: new Date().toISOString(), generatedBy: 'migov brief (command line)' });
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.refused);
      }
      const version = latestBriefVersion(brief);
      const content = format === 'md' ? renderBriefMarkdown(version) : format === 'pdf' ? await renderBriefPdf(version, options.pdfFont ? { font: { regular: (await readInputFile(options.pdfFont)).bytes } } : {}) : await renderBriefDocx(version);
      await writeOutput(content, options.out);
      if (options.out) process.stderr.write(`${options.out}: ${format} brief for ${version.content.area.name}, ${version.content.gaps.length} gap(s)\n`);
    });
}
