/** What a country profile derives from a publication: item strengths and gaps, next-category advice, related commitments. Pure. */
import { DEFAULT_CROSSWALK, mapDomainGap, type DomainGapMapping } from '@migov/core/crosswalks';
import type { Responses } from '@migov/core/instruments';
import { SDG_10_7_2_DOMAIN_CODES } from '@migov/core/observations';
import { nextCategory, type NextCategoryReport } from '@migov/core/scoring';
import type { InstrumentVersion, ResponseValue } from '@migov/server/api';

/** Item id -> option id, as the scorer reads answers. */
export function toResponses(responses: Readonly<Record<string, ResponseValue | string>>): Responses {
  const result: Record<string, string> = {};
  for (const [itemId, value] of Object.entries(responses)) {
    const optionId = typeof value === 'string' ? value : value.optionId;
    if (optionId) result[itemId] = optionId;
  }
  return result;
}

/** The score of an option as a share (0..1) of the best option of its scale; undefined when unscored. */
function optionShare(instrument: InstrumentVersion, scaleId: string, optionId: string | undefined): number | undefined {
  const scale = instrument.scales[scaleId];
  if (!scale || optionId === undefined) return undefined;
  const max = Math.max(...scale.map((option) => (option.score === undefined ? 0 : Number(option.score))));
  const option = scale.find((entry) => entry.id === optionId);
  if (!option || option.score === undefined || max <= 0) return undefined;
  return Number(option.score) / max;
}

/** Items answered with the best option (well developed) and with less than half of it (for further development). */
export function itemStrengths(
  instrument: InstrumentVersion,
  responses: Responses,
): { strong: string[]; weak: string[] } {
  const strong: string[] = [];
  const weak: string[] = [];
  for (const domain of instrument.domains) {
    for (const item of domain.items) {
      const share = optionShare(instrument, item.scale, responses[item.id]);
      if (share === undefined) continue;
      if (share >= 1) strong.push(item.id);
      else if (share < 0.5) weak.push(item.id);
    }
  }
  return { strong, weak };
}

/** Next-category advice of a scored instrument (undefined for profile instruments). */
export function adviceFor(instrument: InstrumentVersion, responses: Responses): NextCategoryReport | undefined {
  if (instrument.kind !== 'scored') return undefined;
  return nextCategory(instrument, responses);
}

/** The GCM objectives and SDG targets of a 10.7.2 domain code (undefined for other instruments' domains). */
export function relatedCommitments(domainCode: string): DomainGapMapping | undefined {
  if (!(SDG_10_7_2_DOMAIN_CODES as readonly string[]).includes(domainCode)) return undefined;
  return mapDomainGap(DEFAULT_CROSSWALK, domainCode as (typeof SDG_10_7_2_DOMAIN_CODES)[number]);
}
