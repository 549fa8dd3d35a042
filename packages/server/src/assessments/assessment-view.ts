/** How an assessment is shown: responses, live scores and next-category advice from core, fractions as exact decimals. */
import { formatFraction, nextCategory, scoreAssessment, type InstrumentVersion, type Responses } from '@migov/core';
import type { Assessment } from '@migov/db';
import type { z } from 'zod';
import type { adviceSchema, liveScoresSchema } from './assessment-answers.schema.ts';

/** Item id -> option id, as core's scorer reads responses. */
function toScoringResponses(assessment: Pick<Assessment, 'responses'>): Responses {
  const responses: Record<string, string> = {};
  for (const [itemId, value] of Object.entries(assessment.responses))
    if (value.optionId) responses[itemId] = value.optionId;
  return responses;
}

function isFraction(value: unknown): value is { num: number; den: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 2 &&
    typeof (value as { num: unknown }).num === 'number' &&
    typeof (value as { den: unknown }).den === 'number'
  );
}

/** Replace every exact fraction with { num, den, decimal } so clients need no fraction arithmetic. */
function withDecimals(value: unknown): unknown {
  if (isFraction(value)) return { num: value.num, den: value.den, decimal: formatFraction(value, 2) };
  if (Array.isArray(value)) return value.map(withDecimals);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withDecimals(entry)]));
  return value;
}

/** Live scores and advice of an assessment (none for profile instruments). */
export function liveScores(
  instrument: InstrumentVersion,
  assessment: Pick<Assessment, 'responses'>,
): { scores?: z.input<typeof liveScoresSchema>; advice?: z.input<typeof adviceSchema> } {
  if (instrument.kind !== 'scored') return {};
  const responses = toScoringResponses(assessment);
  const scores = scoreAssessment(instrument, responses);
  if (scores.status === 'invalid') return { scores };
  // withDecimals turns every fraction into { num, den, decimal }, the shape the schemas describe.
  return {
    scores: withDecimals(scores) as z.input<typeof liveScoresSchema>,
    advice: withDecimals(nextCategory(instrument, responses)) as z.input<typeof adviceSchema>,
  };
}
