// `migov brief --area <ISO3 or M49> [--round <year>] --format md|pdf|docx [--out <file>] [--data <files…>]`:
// a country's Cooperation Framework brief, generated from the 10.7.2 results in the database (the
// official snapshot and national publications, as the observatory shows them; or the files given), the
// crosswalk and the partnership registry as stored (and possibly edited) in the database, written as
// Markdown, PDF or DOCX.
import {
  generateBrief,
  latestBriefVersion,
  renderBriefDocx,
  renderBriefMarkdown,
  renderBriefPdf,
  resultsFromObservations,
  type BriefResults,
} from '@migov/briefs';
import { briefResults, ensureOfficialSnapshot } from '@migov/server';
import {
  formatProblem,
  GOVERNANCE_INSTRUMENTS,
  computeProfile,
  createInstrumentRegistry,
  defaultGeography,
  parseInstrument,
  profileResponsesSchema,
  readObservations,
  type InstrumentVersion,
  type Observation,
  type Problem,
  type ProfileResult,
} from '@migov/core';
import {
  listInstrumentVersions,
  loadBriefReferenceData,
  loadPublishedMgiForBrief,
  type BriefMgiProfile,
  type BriefReferenceData,
} from '@migov/db';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { parseStructuredText, readInputFile, writeOutput } from '../io.ts';
import { resolveAreaOption } from '../observation-files.ts';
import { describeUrl, openDatabaseOption, resolveDatabaseUrl } from './db.ts';

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
  mgi?: string;
  instrument?: string[];
  database?: string;
}

type MgiInput = { profile: ProfileResult; year?: number; previous?: { profile: ProfileResult; year?: number } };

async function readInstruments(paths: readonly string[]): Promise<InstrumentVersion[]> {
  const instruments: InstrumentVersion[] = [];
  for (const path of paths) {
    const file = await readInputFile(path);
    const parsed = parseInstrument(parseStructuredText(path, new TextDecoder().decode(file.bytes)));
    if (!parsed.ok)
      throw new CliError(
        `${path}: not a valid instrument: ${parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
      );
    instruments.push(parsed.instrument);
  }
  return instruments;
}

function profileOf(instrument: InstrumentVersion, responses: unknown, where: string): ProfileResult {
  const parsed = profileResponsesSchema.safeParse(responses);
  if (!parsed.success)
    throw new CliError(
      `${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(responses)'}: ${issue.message}`).join('; ')}`,
    );
  const profile = computeProfile(instrument, parsed.data);
  if (profile.status === 'invalid')
    throw new CliError(`${where}: ${profile.problems.map((problem) => problem.message).join('; ')}`);
  return profile;
}

const optionalYear = (value: unknown, where: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2016 || value > 2100)
    throw new CliError(`${where}: invalid year ${JSON.stringify(value)} (a year such as 2022)`);
  return value;
};

// --mgi file: { instrument, version?, year?, responses, previous?: { year?, responses } } in JSON or YAML.
async function readMgi(path: string, instrumentPaths: readonly string[]): Promise<MgiInput> {
  const file = await readInputFile(path);
  const data = parseStructuredText(path, new TextDecoder().decode(file.bytes));
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new CliError(`${path}: expected an object with instrument and responses`);
  const record = data as Record<string, unknown>;
  if (typeof record.instrument !== 'string')
    throw new CliError(`${path}: instrument: the id of a profile instrument, e.g. mgi-example`);
  const registry = createInstrumentRegistry([...GOVERNANCE_INSTRUMENTS, ...(await readInstruments(instrumentPaths))]);
  const instrument = registry.find(record.instrument, typeof record.version === 'string' ? record.version : undefined);
  if (!instrument)
    throw new CliError(
      `${path}: unknown instrument ${record.instrument}${typeof record.version === 'string' ? `@${record.version}` : ''} (load it with --instrument <file>)`,
    );
  if (instrument.kind !== 'profile')
    throw new CliError(`${path}: ${instrument.instrument}@${instrument.version} is not a profile instrument`);
  const year = optionalYear(record.year, `${path}: year`);
  const mgi: MgiInput = {
    profile: profileOf(instrument, record.responses, `${path}: responses`),
    ...(year === undefined ? {} : { year }),
  };
  if (record.previous !== undefined) {
    const previous = record.previous as Record<string, unknown>;
    const previousYear = optionalYear(previous?.year, `${path}: previous.year`);
    mgi.previous = {
      profile: profileOf(instrument, previous?.responses, `${path}: previous.responses`),
      ...(previousYear === undefined ? {} : { year: previousYear }),
    };
  }
  return mgi;
}

// Published files also carry values for groupings the SDG database lists (e.g. 830 Channel Islands,
// `N` in 2019); a brief needs only its country's values, so any known M49 area is accepted here.
async function readData(paths: readonly string[]): Promise<Observation[]> {
  const observations: Observation[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const file = await readInputFile(path);
    const result = readObservations(
      { name: path, bytes: file.bytes },
      { isKnownArea: (code) => defaultGeography.findArea(code) !== undefined },
    );
    problems.push(...result.problems);
    observations.push(...result.observations);
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.map(formatProblem).join('\n')}\n`);
    throw new CliError(`${problems.length} problem(s) in --data; no brief was written`, EXIT.refused);
  }
  return observations;
}

// What the server generates briefs with, from the database: the crosswalk and the registry (seeded on
// first use) and, unless answers are given with --mgi, the country's latest published MGI-style profile.
async function readStoredData(
  option: string | undefined,
  area: string,
  withMgi: boolean,
): Promise<BriefReferenceData & { mgi?: BriefMgiProfile }> {
  const db = await openDatabaseOption(option);
  try {
    await db.migrate();
    const reference = await loadBriefReferenceData(db);
    if (!withMgi) return reference;
    const registry = createInstrumentRegistry([
      ...GOVERNANCE_INSTRUMENTS,
      ...(await listInstrumentVersions(db)).map((stored) => stored.instrument),
    ]);
    const mgi = await loadPublishedMgiForBrief(db, area, (assessment) => {
      const instrument = registry.find(assessment.instrument, assessment.instrumentVersion);
      if (!instrument)
        throw new Error(
          `the instrument ${assessment.instrument}@${assessment.instrumentVersion} of the published ${assessment.year} MGI-style profile is not in the database`,
        );
      return instrument;
    });
    return { ...reference, ...(mgi ? { mgi } : {}) };
  } catch (error) {
    throw new CliError(
      `cannot read the crosswalk, the partnership registry and the published MGI-style profiles from ${describeUrl(resolveDatabaseUrl(option))}: ${(error as Error).message}`,
      EXIT.unavailable,
    );
  } finally {
    await db.close();
  }
}

// The 10.7.2 results of the country as the results service gives them (the official snapshot is loaded
// first on a database that does not have it yet, as `migov serve` does on first start).
async function readStoredResults(option: string | undefined, area: string, round: number | undefined) {
  const db = await openDatabaseOption(option);
  try {
    await db.migrate();
    await ensureOfficialSnapshot(db);
    return await briefResults({ db, geography: defaultGeography }, area, round);
  } catch (error) {
    throw new CliError(
      `cannot read the 10.7.2 results from ${describeUrl(resolveDatabaseUrl(option))}: ${(error as Error).message}`,
      EXIT.unavailable,
    );
  } finally {
    await db.close();
  }
}

function parseRound(round: string | undefined): number | undefined {
  if (round === undefined) return undefined;
  if (!/^\d{4}$/.test(round) || Number(round) < 2015 || Number(round) > 2100)
    throw new CliError(`invalid --round: ${round} (a year such as 2021)`, EXIT.usage);
  return Number(round);
}

function parseFormat(format: string): BriefFormat {
  if (!(BRIEF_FORMATS as readonly string[]).includes(format))
    throw new CliError(`invalid --format: ${format} (one of ${BRIEF_FORMATS.join(', ')})`, EXIT.usage);
  return format as BriefFormat;
}

/** Adds the `brief` command. */
export function registerBriefCommand(program: Command): void {
  program
    .command('brief')
    .description(
      "generate a country's Cooperation Framework brief: 10.7.2 results, gaps mapped to GCM objectives and SDG targets, processes, entry points, checklist",
    )
    .requiredOption('--area <code>', 'the country: ISO 3166-1 alpha-3 (e.g. BGD) or M49 code (e.g. 50)')
    .option('--round <year>', '10.7.2 round (default: the latest round the data has for the country)')
    .requiredOption('--format <format>', `output format: ${BRIEF_FORMATS.join(', ')}`)
    .option('--out <file>', 'write to a file (default: standard output; PDF and DOCX need --out on a terminal)')
    .option(
      '--data <files...>',
      'SG_CPA_MIGRS data in any supported format to use instead of the database (default: the results in the database, as the observatory shows them: official values, national publications beside them)',
    )
    .option(
      '--mgi <file>',
      'MGI-style answers (JSON or YAML; default: the latest profile published in the database): { instrument: "mgi-example", year, responses: { "<item>": { optionId, comment } }, previous?: { year, responses } }',
    )
    .option(
      '--instrument <files...>',
      'profile instrument files (JSON or YAML) to use with --mgi, beside the built-in examples',
    )
    .option(
      '--database <url>',
      'the database holding the (edited) crosswalk and partnership registry: sqlite:<path>, a file path or postgres://… (default: DATABASE_URL or ./.migov/migov.sqlite)',
    )
    .option(
      '--pdf-font <file>',
      'a TrueType/OpenType font for PDF text in any script (default: Helvetica, Western European characters only)',
    )
    .action(async (options: BriefOptions) => {
      const format = parseFormat(options.format);
      const round = parseRound(options.round);
      const area = resolveAreaOption(options.area);
      if (format !== 'md' && !options.out && process.stdout.isTTY)
        throw new CliError(`a ${format.toUpperCase()} brief is binary: give --out <file>`, EXIT.usage);
      let results: BriefResults;
      if (options.data && options.data.length > 0) {
        results = resultsFromObservations(await readData(options.data), area, {
          ...(round === undefined ? {} : { year: round }),
          // File names only: a brief is shared, the reader's folders are not.
          source: `SG_CPA_MIGRS from ${options.data.map((path) => basename(path)).join(', ')}`,
        });
      } else {
        // The same store every page of the observatory reads: official values, national publications beside them.
        const { found: _found, ...stored } = await readStoredResults(options.database, area, round);
        results = stored;
      }
      if (results.domains.every((domain) => domain.status === 'no-data')) {
        process.stderr.write(
          `migov: warning: ${options.data ? 'the data has' : 'the database has'} no 10.7.2 result for ${area}${round === undefined ? '' : ` in ${round}`}\n`,
        );
      }
      const given = options.mgi ? await readMgi(options.mgi, options.instrument ?? []) : undefined;
      const { crosswalk, registry, mgi: published } = await readStoredData(options.database, area, given === undefined);
      const mgi = given ?? published;
      let brief;
      try {
        brief = generateBrief({
          area,
          results,
          crosswalk,
          registry,
          ...(mgi ? { mgi } : {}),
          generatedAt: new Date().toISOString(),
          generatedBy: 'migov brief (command line)',
        });
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.refused);
      }
      const version = latestBriefVersion(brief);
      const content =
        format === 'md'
          ? renderBriefMarkdown(version)
          : format === 'pdf'
            ? await renderBriefPdf(
                version,
                options.pdfFont ? { font: { regular: (await readInputFile(options.pdfFont)).bytes } } : {},
              )
            : await renderBriefDocx(version);
      await writeOutput(content, options.out);
      if (options.out)
        process.stderr.write(
          `${options.out}: ${format} brief for ${version.content.area.name}, ${version.content.gaps.length} gap(s)\n`,
        );
    });
}
