import { describe, expect, it } from 'vitest';
import { MGI_NATIONAL_EXAMPLE } from './mgi-example.data.ts';
import { computeProfile } from './mgi-profile.ts';
import { compareProfiles, jurisdictionLevelOf, MgiRoundError, nextRoundKind } from './mgi-rounds.ts';

const all = (optionId: string) =>
  Object.fromEntries(
    MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) => domain.items.map((item) => [item.id, { optionId }])),
  );

describe('compareProfiles', () => {
  const baseline = computeProfile(MGI_NATIONAL_EXAMPLE, {
    ...all('in-place'),
    '2.2': { optionId: 'absent' },
    '3.1': { optionId: 'partial', comment: 'MoU drafted' },
  });
  const followUp = computeProfile(MGI_NATIONAL_EXAMPLE, {
    ...all('in-place'),
    '2.2': { optionId: 'in-place', comment: 'National Migration Strategy 2023-2027 adopted' },
    '3.1': { optionId: 'partial', comment: 'MoU signed, not ratified' },
    '6.1': { optionId: 'partial' },
  });

  it('lists the items that improved, regressed or only changed evidence', () => {
    const comparison = compareProfiles(baseline, followUp);
    expect(comparison.items).toEqual([
      {
        dimensionId: 'whole-of-government',
        area: 'Migration strategy',
        itemId: '2.2',
        change: 'improved',
        from: 'absent',
        to: 'in-place',
        toEvidence: 'National Migration Strategy 2023-2027 adopted',
      },
      {
        dimensionId: 'partnerships',
        area: 'Regional cooperation',
        itemId: '3.1',
        change: 'evidence-updated',
        from: 'partial',
        to: 'partial',
        fromEvidence: 'MoU drafted',
        toEvidence: 'MoU signed, not ratified',
      },
      {
        dimensionId: 'safe-orderly-regular-migration',
        area: 'Border control and enforcement',
        itemId: '6.1',
        change: 'regressed',
        from: 'in-place',
        to: 'partial',
      },
    ]);
  });

  it('summarises per dimension which areas became well-developed and which newly show potential', () => {
    const comparison = compareProfiles(baseline, followUp);
    expect(
      comparison.dimensions.find((dimension) => dimension.dimensionId === 'whole-of-government')?.becameWellDeveloped,
    ).toEqual(['Migration strategy']);
    expect(
      comparison.dimensions.find((dimension) => dimension.dimensionId === 'safe-orderly-regular-migration')
        ?.newlyFurtherDevelopment,
    ).toEqual(['Border control and enforcement']);
    expect(comparison.areas).toEqual([
      {
        dimensionId: 'whole-of-government',
        area: 'Migration strategy',
        from: 'potential-for-further-development',
        to: 'well-developed',
      },
      {
        dimensionId: 'safe-orderly-regular-migration',
        area: 'Border control and enforcement',
        from: 'well-developed',
        to: 'potential-for-further-development',
      },
    ]);
  });

  it('finds nothing between identical rounds', () => {
    expect(compareProfiles(baseline, baseline).items).toEqual([]);
  });
});

describe('nextRoundKind', () => {
  const rounds = [{ jurisdiction: '484', year: 2018, kind: 'baseline' as const }];

  it('makes the first round of a jurisdiction its baseline and later ones follow-ups', () => {
    expect(nextRoundKind(rounds, '484-CMX', 2019)).toBe('baseline');
    expect(nextRoundKind(rounds, '484', 2022)).toBe('follow-up');
  });

  it('refuses a round that is not after the latest one', () => {
    expect(() => nextRoundKind(rounds, '484', 2018)).toThrow(
      new MgiRoundError('invalid year: 2018 (484 already has a round in 2018; a follow-up comes later)'),
    );
  });
});

describe('jurisdictionLevelOf', () => {
  it('tells national from local jurisdictions', () => {
    expect(jurisdictionLevelOf('484')).toBe('national');
    expect(jurisdictionLevelOf('484-CMX')).toBe('local');
    expect(() => jurisdictionLevelOf('Mexico')).toThrow(MgiRoundError);
  });
});
