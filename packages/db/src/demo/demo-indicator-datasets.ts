/**
 * A synthetic indicator 8.8.1 series disaggregated by sex, age and migratory status, clearly labelled,
 * so charts of disaggregated indicators have something to show on a fresh installation.
 */
import type { IndicatorDataset, IndicatorObservation } from '@migov/core';

/** Every synthetic value carries this note. */
const DEMO_INDICATOR_NOTE = 'Demo data: synthetic, not official';

const SEXES = ['_T', 'F', 'M'] as const;
const AGES = ['_T', 'Y15T24', 'Y_GE25'] as const;
const STATUSES = ['_T', 'MIGRANT', 'NONMIGRANT'] as const;
const YEARS = Array.from({ length: 9 }, (_, index) => 2015 + index);

/**
 * Fatal occupational injuries per 100,000 employees (8.8.1, SL_EMP_FTLINJUR) for the given areas,
 * 2015-2023: a level per area, higher for migrants, men and young workers, a gentle trend and noise.
 * Totals are the plain averages of their parts (the demo does not model employment shares).
 */
export function syntheticInjuryDataset(random: () => number, areas: readonly string[]): IndicatorDataset {
  const observations: IndicatorObservation[] = [];
  for (const area of areas) {
    const level = 1 + random() * 4;
    const trend = -0.04 + random() * 0.05;
    for (const year of YEARS) {
      const base = level * (1 + trend * (year - 2015));
      const cell = (sex: string, age: string, status: string): number => {
        const parts = (code: string, total: readonly string[], value: (code: string) => number) =>
          code === '_T' ? total.slice(1).reduce((sum, part) => sum + value(part), 0) / (total.length - 1) : value(code);
        return parts(sex, SEXES, (s) =>
          parts(age, AGES, (a) =>
            parts(
              status,
              STATUSES,
              (m) => base * (s === 'M' ? 1.8 : 0.4) * (a === 'Y15T24' ? 1.3 : 0.9) * (m === 'MIGRANT' ? 1.6 : 1),
            ),
          ),
        );
      };
      for (const sex of SEXES) {
        for (const age of AGES) {
          for (const status of STATUSES) {
            const value = Math.round(cell(sex, age, status) * (0.9 + random() * 0.2) * 10) / 10;
            observations.push({
              area,
              year,
              value,
              dimensions: { SEX: sex, AGE: age, MIGRATORY_STATUS: status },
              attributes: { NATURE: 'C', COMMENT_OBS: DEMO_INDICATOR_NOTE },
            });
          }
        }
      }
    }
  }
  return {
    indicator: '8.8.1',
    series: 'SL_EMP_FTLINJUR',
    unit: 'PER_100000_EMP',
    seriesDescription:
      'Demo data (synthetic, not official): fatal occupational injuries among employees, by sex, age and migrant status (per 100,000 employees)',
    observations,
  };
}
