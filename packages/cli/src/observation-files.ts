// Reading published-data files for the import, aggregate and export commands: format detection,
// area resolution and label mappings from core; every problem of every file collected at once.
import {
  createLabelMapping,
  defaultGeography,
  parseLabelMapping,
  readObservations,
  SERIES,
  type LabelMapping,
  type Observation,
  type ObservationFormat,
  type Problem,
  type SeriesCode,
} from '@migov/core';
import { CliError, EXIT } from './cli-error.ts';
import { readInputFile } from './io.ts';

export interface ObservationFileOptions {
  /** M49 or ISO 3166 alpha-2/alpha-3 code for files without an area column. */
  area?: string;
  /** Label mapping files (CSV label,code or JSON) that extend the built-in labels. */
  labels?: string[];
  series?: string;
}

export interface ObservationFilesResult {
  observations: Observation[];
  problems: Problem[];
  /** Cells read as "not reported" and left out, from every file. */
  skipped: Problem[];
  /** How files were understood where they did not say so themselves. */
  notes: Problem[];
  formats: { file: string; format: ObservationFormat | undefined; observations: number }[];
}

/** Resolve an area option given as M49 or ISO code to its M49 code, or fail with a usage error. */
export function resolveAreaOption(area: string): string {
  const found = defaultGeography.findArea(area);
  if (!found)
    throw new CliError(`invalid --area: ${area} (not an M49 code or ISO 3166 code of a known area)`, EXIT.usage);
  return found.code;
}

function parseSeriesOption(series: string | undefined): SeriesCode | undefined {
  if (series === undefined) return undefined;
  if (!(series in SERIES))
    throw new CliError(`invalid --series: ${series} (one of ${Object.keys(SERIES).join(', ')})`, EXIT.usage);
  return series as SeriesCode;
}

async function readLabelMapping(paths: readonly string[]): Promise<{ labels: LabelMapping; problems: Problem[] }> {
  const extra: Parameters<typeof createLabelMapping>[0] extends Iterable<infer Entry> | undefined ? Entry[] : never =
    [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const file = await readInputFile(path);
    const parsed = parseLabelMapping(new TextDecoder().decode(file.bytes), path);
    problems.push(...parsed.problems);
    extra.push(...parsed.entries);
  }
  return { labels: createLabelMapping(extra), problems };
}

/** Read every file, validating areas against the built-in geography; nothing is returned as valid unless all files are. */
export async function readObservationFiles(
  paths: readonly string[],
  options: ObservationFileOptions = {},
): Promise<ObservationFilesResult> {
  if (paths.length === 0) throw new CliError('no input file given', EXIT.usage);
  const area = options.area === undefined ? undefined : resolveAreaOption(options.area);
  const series = parseSeriesOption(options.series);
  const { labels, problems } = await readLabelMapping(options.labels ?? []);
  const observations: Observation[] = [];
  const skipped: Problem[] = [];
  const notes: Problem[] = [];
  const formats: ObservationFilesResult['formats'] = [];
  for (const path of paths) {
    const file = await readInputFile(path);
    const result = readObservations(
      { name: path, bytes: file.bytes },
      {
        labels,
        isKnownArea: (code) => defaultGeography.findArea(code) !== undefined,
        resolveArea: (code) => (defaultGeography.findArea(code) ?? defaultGeography.findAreaByName(code))?.code,
        ...(area ? { area } : {}),
        ...(series ? { series } : {}),
      },
    );
    formats.push({ file: path, format: result.format, observations: result.observations.length });
    problems.push(...result.problems);
    skipped.push(...result.skipped);
    notes.push(...result.notes);
    observations.push(...result.observations);
  }
  return { observations: problems.length > 0 ? [] : observations, problems, skipped, notes, formats };
}

/** The UN name of an area, for exports. */
export function areaName(m49: string): string | undefined {
  return defaultGeography.findArea(m49)?.name;
}
