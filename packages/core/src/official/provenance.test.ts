import { describe, expect, it } from 'vitest';
import {
  containsDemo,
  DEMO_LABEL,
  nationalLabel,
  resolveCountryResult,
  resultValues,
  type Provenance,
} from './provenance.ts';

const official: Provenance = {
  kind: 'official',
  label: 'UN SDG Global Database, retrieved 2026-12-07',
  source: 'UN SDG Global Database (SG_CPA_MIGRS)',
  series: 'SG_CPA_MIGRS',
  snapshot: { id: 'official-2026-12-07', retrievedOn: '2026-12-07' },
};
const national: Provenance = {
  kind: 'national',
  label: nationalLabel(2, '2026-12-07T10:00:00.000Z', 'Reviewer'),
  publicationNumber: 2,
  publishedAt: '2026-12-07T10:00:00.000Z',
  validatedBy: 'Reviewer',
};
const demo: Provenance = { kind: 'demo', label: DEMO_LABEL };
const values = (overall: number | 'N', provenance: Provenance, domain1: number | 'N' | null = overall) =>
  resultValues(
    new Map<string, number | 'N'>([
      ['ALLDOMAINS', overall],
      ...(domain1 === null ? [] : [['DOMAIN1', domain1] as [string, number | 'N']]),
    ]),
    provenance,
  );

describe('the precedence of official and national results', () => {
  it('shows the UN value for a round it published, with a national publication beside it, marked when it differs', () => {
    const result = resolveCountryResult({
      area: '398',
      name: 'Kazakhstan',
      year: 2021,
      official: values(3, official, 2),
      national: values(4, national),
    });
    expect(result).toMatchObject({
      shown: 'official',
      differs: true,
      value: {
        overall: { category: 3, label: 'Meets', meets: true, status: 'result' },
        provenance: { kind: 'official' },
      },
      national: { overall: { category: 4 } },
    });
    expect(result?.value.domains[0]).toMatchObject({
      code: 'DOMAIN1',
      category: 2,
      label: 'Partially meets',
      meets: false,
    });
    expect(
      resolveCountryResult({
        area: '398',
        name: 'Kazakhstan',
        year: 2021,
        official: values(3, official, 2),
        national: values(3, national, 2),
      })?.differs,
    ).toBe(false);
  });

  it('shows the national publication where the UN published none, and demo only as demo', () => {
    expect(
      resolveCountryResult({ area: '398', name: 'Kazakhstan', year: 2023, national: values(4, national) }),
    ).toMatchObject({
      shown: 'national',
      official: null,
      value: {
        provenance: {
          kind: 'national',
          label: 'National publication no. 2 in migov, 2026-12-07, validated by Reviewer',
        },
      },
    });
    const demoResult = resolveCountryResult({ area: '32', name: 'Argentina', year: 2023, national: values(4, demo) });
    expect(demoResult?.shown).toBe('demo');
    expect(containsDemo(demoResult ? [demoResult] : [])).toBe(true);
    expect(resolveCountryResult({ area: '32', name: 'Argentina', year: 2023 })).toBeUndefined();
  });

  it('tells not applicable (N) from no value', () => {
    const result = resolveCountryResult({
      area: '60',
      name: 'Bermuda',
      year: 2019,
      official: values('N', official, null),
    });
    expect(result?.value.overall).toEqual({
      code: 'ALLDOMAINS',
      status: 'not-applicable',
      category: null,
      label: null,
      meets: null,
    });
    expect(result?.value.domains[0]).toEqual({
      code: 'DOMAIN1',
      status: 'no-data',
      category: null,
      label: null,
      meets: null,
    });
  });
});
