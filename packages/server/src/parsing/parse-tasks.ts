/**
 * The parses that run on a parsing thread: an uploaded workbook, an imported data file. Tasks and
 * outcomes are plain values (they cross the thread boundary by structured clone).
 */
import {
  defaultGeography,
  normalizeM49,
  readObservations,
  type InstrumentVersion,
  type ReadObservationsOptions,
  type ReadObservationsResult,
} from '@migov/core';
import type { Assessment } from '@migov/db';
import type { ReadWorkbookResult } from '../templates/assessment-workbook.ts';
import { LimitExceededError, type LimitExceeded, type ParsingLimits } from './limits.ts';

/** Options of an observations read that can cross a thread: functions become data. */
type ObservationReadOptions = Omit<ReadObservationsOptions, 'isKnownArea' | 'resolveArea' | 'labels'> & {
  /** M49 codes of the known areas (any zero-padding). */
  knownAreas?: readonly string[];
};

/** A parse to run. */
export type ParseTask =
  | {
      kind: 'workbook';
      instrument: InstrumentVersion;
      assessment: Assessment;
      bytes: Uint8Array;
      limits: ParsingLimits;
    }
  | { kind: 'observations'; name: string; bytes: Uint8Array; options: ObservationReadOptions };

/** What a parse gives back, by kind. */
export interface ParseResults {
  workbook: ReadWorkbookResult;
  observations: ReadObservationsResult;
}

/** The outcome of a task: its result, the bound it exceeded, or an unexpected failure (logged, answered 500). */
export type ParseOutcome =
  | { ok: true; value: ParseResults[ParseTask['kind']] }
  | { ok: false; exceeded: LimitExceeded }
  | { ok: false; error: string };

/** Run a task in the current thread (the parsing thread calls this; so does the on-thread benchmark baseline). */
export async function runParseTask(task: ParseTask): Promise<ParseOutcome> {
  try {
    if (task.kind === 'workbook') {
      // The spreadsheet library is loaded on the first workbook, not when a thread starts.
      const { readAssessmentWorkbook } = await import('../templates/assessment-workbook.ts');
      return {
        ok: true,
        value: await readAssessmentWorkbook(task.instrument, task.assessment, task.bytes, task.limits),
      };
    }
    const { knownAreas, ...options } = task.options;
    const known = knownAreas ? new Set(knownAreas.map((code) => normalizeM49(code) ?? code)) : undefined;
    // Area codes that are not M49 (ISO alpha-3, a country's name in an aggregator's export) resolve as `migov import` resolves them.
    const resolveArea = (code: string) =>
      (defaultGeography.findArea(code) ?? defaultGeography.findAreaByName(code))?.code;
    return {
      ok: true,
      value: readObservations(
        { name: task.name, bytes: task.bytes },
        {
          ...options,
          resolveArea,
          ...(known ? { isKnownArea: (m49: string) => known.has(normalizeM49(m49) ?? m49) } : {}),
        },
      ),
    };
  } catch (error) {
    if (error instanceof LimitExceededError) return { ok: false, exceeded: error.exceeded };
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
