/** The published form of a scored assessment: exact scores as ratios, the number, and the category. */
import { formatFraction, type AssessmentResult, type Fraction } from '@migov/core';

/** A domain's (or the overall) published result. */
interface PublishedScore {
  code: string;
  status: 'scored' | 'not-applicable';
  /** Exact score as `num/den` on the instrument's scale. */
  exactScore?: string;
  /** The score rounded to one decimal, as text ("73.3"). */
  score?: string;
  /** The classification band code (10.7.2: 1 requires further progress ... 4 fully meets). */
  category?: number;
  categoryLabel?: string;
  meets?: boolean;
}

/** Everything a publication records about the scores. */
export interface PublishedResults {
  instrument: string;
  version: string;
  overall: PublishedScore;
  domains: (PublishedScore & { domainId: string })[];
}

function exact(value: Fraction): string {
  return `${value.num}/${value.den}`;
}

/** Convert a scored core result into its stored, JSON-safe form. */
export function toPublishedResults(
  result: Extract<AssessmentResult, { status: 'scored' | 'incomplete' }>,
): PublishedResults {
  const overall: PublishedScore =
    result.overall.status === 'scored'
      ? {
          code: result.overall.code,
          status: 'scored',
          exactScore: exact(result.overall.score),
          score: formatFraction(result.overall.score, 1),
          category: result.overall.band.code,
          categoryLabel: result.overall.band.label.en,
          meets: result.overall.band.meets,
        }
      : { code: result.overall.code, status: 'not-applicable' };
  const domains = result.domains.map((domain) =>
    domain.status === 'scored'
      ? {
          domainId: domain.domainId,
          code: domain.code,
          status: 'scored' as const,
          exactScore: exact(domain.score),
          score: formatFraction(domain.score, 1),
          category: domain.band.code,
          categoryLabel: domain.band.label.en,
          meets: domain.band.meets,
        }
      : { domainId: domain.domainId, code: domain.code, status: 'not-applicable' as const },
  );
  return { instrument: result.instrument, version: result.version, overall, domains };
}
