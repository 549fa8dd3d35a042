/** The profile instruments of MGI-style assessments, and the published profile a brief takes. */
import { createInstrumentRegistry, GOVERNANCE_INSTRUMENTS, type InstrumentVersion } from '@migov/core';
import { loadPublishedMgiForBrief, type BriefMgiProfile, type MgiAssessment } from '@migov/db';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { normalizeJurisdiction } from '../auth/permissions.ts';

/** The profile instruments: the shipped examples and any administrator-loaded version. */
export function profileInstrument(
  context: AppContext,
  instrument: string,
  version?: string,
): InstrumentVersion | undefined {
  const registry = createInstrumentRegistry([...GOVERNANCE_INSTRUMENTS, ...context.instruments().list()]);
  const found = registry.find(instrument, version);
  return found?.kind === 'profile' ? found : undefined;
}

/** The instrument of an assessment (an internal error when it is no longer loaded). */
export function instrumentOf(context: AppContext, assessment: MgiAssessment): InstrumentVersion {
  const instrument = profileInstrument(context, assessment.instrument, assessment.instrumentVersion);
  if (!instrument)
    throw new ApiError(
      'internal-error',
      `the instrument ${assessment.instrument}@${assessment.instrumentVersion} of the assessment is not loaded`,
    );
  return instrument;
}

/**
 * The country's latest published MGI-style profile (and the one before, for what changed), as a brief
 * takes it; undefined when none is published.
 */
export async function publishedMgiForBrief(context: AppContext, area: string): Promise<BriefMgiProfile | undefined> {
  return loadPublishedMgiForBrief(context.db, normalizeJurisdiction(area), (assessment) =>
    instrumentOf(context, assessment),
  );
}
