import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InstrumentVersion } from '../../instruments/model.ts';
import { MGI_NATIONAL_EXAMPLE, MGI_STATUS_OPTIONS } from './mgi-example.data.ts';
import { computeProfile, profileLevelOf, ProfileInstrumentError, type ProfileResponses } from './mgi-profile.ts';

// A hand-made instrument: two dimensions, sub-areas with one or several items.
const HAND_MADE: InstrumentVersion = {
  instrument: 'mgi-test',
  version: '1',
  kind: 'profile',
  title: { en: 'Hand-made profile instrument' },
  languages: ['en'],
  scales: { status: [...MGI_STATUS_OPTIONS] },
  domains: [
    {
      id: 'rights',
      code: 'R',
      label: { en: 'Rights' },
      migof: 'P1',
      items: [
        { id: 'r1', text: { en: 'Health care' }, wording: 'example', scale: 'status', subArea: 'Basic services' },
        { id: 'r2', text: { en: 'Education' }, wording: 'example', scale: 'status', subArea: 'Basic services' },
        {
          id: 'r3',
          text: { en: 'Reunification' },
          wording: 'example',
          scale: 'status',
          subArea: 'Family reunification',
        },
        { id: 'r4', text: { en: 'Work permits' }, wording: 'example', scale: 'status', subArea: 'Right to work' },
      ],
    },
    {
      id: 'crises',
      code: 'C',
      label: { en: 'Crises' },
      items: [
        { id: 'c1', text: { en: 'Preparedness plan' }, wording: 'example', scale: 'status', subArea: 'Preparedness' },
        { id: 'c2', text: { en: 'Evacuation of nationals abroad' }, wording: 'example', scale: 'status' },
      ],
    },
  ],
};

const answers: ProfileResponses = {
  r1: { optionId: 'in-place', comment: 'Health Act 2018, art. 4' },
  r2: { optionId: 'in-place' },
  r3: { optionId: 'partial', comment: 'Only for permanent residents' },
  r4: { optionId: 'absent' },
  c1: { optionId: 'not-applicable' },
  c2: { optionId: 'in-place', comment: 'Consular crisis unit' },
};

describe('computeProfile', () => {
  it('names the well-developed areas and the areas with potential for further development per dimension', () => {
    const profile = computeProfile(HAND_MADE, answers);
    expect(profile.status).toBe('complete');
    if (profile.status === 'invalid') throw new Error('unexpected');
    const [rights, crises] = profile.dimensions;
    expect(rights?.wellDeveloped).toEqual(['Basic services']);
    expect(rights?.furtherDevelopment).toEqual(['Family reunification', 'Right to work']);
    expect(crises?.wellDeveloped).toEqual(['Evacuation of nationals abroad']);
    expect(crises?.notApplicable).toEqual(['Preparedness']);
    expect(crises?.furtherDevelopment).toEqual([]);
  });

  it('keeps the narrative evidence with each item', () => {
    const profile = computeProfile(HAND_MADE, answers);
    if (profile.status === 'invalid') throw new Error('unexpected');
    const item = profile.dimensions[0]?.areas.find((area) => area.area === 'Family reunification')?.items[0];
    expect(item).toEqual({
      itemId: 'r3',
      text: 'Reunification',
      level: 'partial',
      optionId: 'partial',
      evidence: 'Only for permanent residents',
    });
  });

  it('makes one partial item enough for potential for further development, even beside items in place', () => {
    const profile = computeProfile(HAND_MADE, { ...answers, r2: { optionId: 'partial' } });
    if (profile.status === 'invalid') throw new Error('unexpected');
    expect(profile.dimensions[0]?.wellDeveloped).toEqual([]);
    expect(profile.dimensions[0]?.furtherDevelopment).toEqual([
      'Basic services',
      'Family reunification',
      'Right to work',
    ]);
  });

  it('never calls an area with a missing answer well-developed', () => {
    const { r2: _r2, ...partialAnswers } = answers;
    const profile = computeProfile(HAND_MADE, partialAnswers);
    expect(profile.status).toBe('incomplete');
    if (profile.status === 'invalid') throw new Error('unexpected');
    expect(profile.missing).toEqual(['r2']);
    expect(profile.dimensions[0]?.incomplete).toEqual(['Basic services']);
    expect(profile.dimensions[0]?.wellDeveloped).toEqual([]);
  });

  it('says whether the questions are examples', () => {
    const official = {
      ...HAND_MADE,
      domains: HAND_MADE.domains.map((domain) => ({
        ...domain,
        items: domain.items.map((item) => ({ ...item, wording: 'official' as const })),
      })),
    };
    expect(computeProfile(HAND_MADE, answers)).toMatchObject({ exampleWording: true });
    expect(computeProfile(official, answers)).toMatchObject({ exampleWording: false });
  });

  it('computes no composite score or ranking', () => {
    const text = JSON.stringify(computeProfile(HAND_MADE, answers));
    expect(text).not.toMatch(/"score"|"rank"|"band"/);
  });

  it('reports unknown items and options as invalid', () => {
    const profile = computeProfile(HAND_MADE, { r1: { optionId: 'yes' }, zz: { optionId: 'in-place' } });
    expect(profile).toEqual({
      status: 'invalid',
      instrument: 'mgi-test',
      version: '1',
      problems: [
        {
          itemId: 'r1',
          optionId: 'yes',
          message: 'item r1 has no option "yes" (options: in-place, partial, absent, not-applicable)',
        },
        { itemId: 'zz', optionId: 'in-place', message: 'unknown item "zz" in mgi-test@1' },
      ],
    });
  });

  it('refuses a scored instrument', () => {
    expect(() => computeProfile({ ...HAND_MADE, kind: 'scored' }, answers)).toThrow(ProfileInstrumentError);
  });

  it('profiles the example instrument by sub-area', () => {
    const responses = Object.fromEntries(
      MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) =>
        domain.items.map((item, index) => [item.id, { optionId: index === 0 ? 'absent' : 'in-place' }]),
      ),
    );
    const profile = computeProfile(MGI_NATIONAL_EXAMPLE, responses);
    if (profile.status === 'invalid') throw new Error('unexpected');
    expect(profile.dimensions[0]?.furtherDevelopment).toEqual([
      "Migrants' access to basic social services and social security",
    ]);
    expect(profile.dimensions[2]?.furtherDevelopment).toEqual(['Regional cooperation']);
    expect(profile.dimensions[2]?.wellDeveloped).toEqual([
      'Global cooperation',
      'Other partnerships (civil society, private sector, diaspora)',
    ]);
  });
});

describe('profileLevelOf', () => {
  it.each([
    ['in-place', 'in-place'],
    ['partial', 'partial'],
    ['absent', 'absent'],
    ['not-applicable', 'not-applicable'],
  ] as const)('reads option %s as %s', (optionId, level) => {
    const option = MGI_STATUS_OPTIONS.find((entry) => entry.id === optionId);
    if (!option) throw new Error('missing option');
    expect(profileLevelOf(option, MGI_STATUS_OPTIONS)).toBe(level);
  });

  it('reads the highest score of a loaded scale as in place', () => {
    const scale = [
      { id: 'full', label: { en: 'Full' }, score: '2' },
      { id: 'some', label: { en: 'Some' }, score: '1' },
      { id: 'none', label: { en: 'None' }, score: '0' },
    ];
    expect(scale.map((option) => profileLevelOf(option, scale))).toEqual(['in-place', 'partial', 'absent']);
  });
});

describe('computeProfile invariants', () => {
  const levels = ['in-place', 'partial', 'absent', 'not-applicable', undefined] as const;
  const itemIds = HAND_MADE.domains.flatMap((domain) => domain.items.map((item) => item.id));

  it('puts every area in exactly one list, by the documented rule (seeded random answers)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...levels), { minLength: itemIds.length, maxLength: itemIds.length }),
        (chosen) => {
          const responses = Object.fromEntries(
            itemIds.flatMap((itemId, index) => (chosen[index] ? [[itemId, { optionId: chosen[index] }]] : [])),
          );
          const profile = computeProfile(HAND_MADE, responses);
          if (profile.status === 'invalid') return false;
          return profile.dimensions.every((dimension) =>
            dimension.areas.every((area) => {
              const lists = [
                dimension.wellDeveloped,
                dimension.furtherDevelopment,
                dimension.incomplete,
                dimension.notApplicable,
              ].filter((list) => list.includes(area.area));
              const itemLevels = area.items.map((item) => item.level);
              const expected = itemLevels.some((level) => level === 'partial' || level === 'absent')
                ? 'potential-for-further-development'
                : itemLevels.some((level) => level === undefined)
                  ? 'incomplete'
                  : itemLevels.every((level) => level === 'not-applicable')
                    ? 'not-applicable'
                    : 'well-developed';
              return lists.length === 1 && area.classification === expected;
            }),
          );
        },
      ),
      { seed: 1072, numRuns: 300 },
    );
  });
});
