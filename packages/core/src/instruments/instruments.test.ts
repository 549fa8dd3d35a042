import { describe, expect, it } from 'vitest';
import { type InstrumentVersion, type LocalizedText } from './model.ts';
import { BUILT_IN_INSTRUMENTS, createInstrumentRegistry, migrateResponses, parseInstrument } from './registry.ts';
import { SDG_10_7_2_V2019, SDG_10_7_2_V2025 } from './sdg-10-7-2.data.ts';

function texts(instrument: InstrumentVersion): LocalizedText[] {
  return [
    instrument.title,
    ...(instrument.description ? [instrument.description] : []),
    ...Object.values(instrument.scales).flatMap((options) => options.map((option) => option.label)),
    ...instrument.domains.flatMap((domain) => [
      domain.label,
      ...domain.items.flatMap((item) => [item.text, ...(item.note ? [item.note] : [])]),
    ]),
    ...(instrument.scoring?.bands.map((band) => band.label) ?? []),
  ];
}

describe.each(
  BUILT_IN_INSTRUMENTS.map((instrument) => [`${instrument.instrument}@${instrument.version}`, instrument] as const),
)('built-in instrument %s', (_, instrument) => {
  it('validates against the published schema', () => {
    const result = parseInstrument(JSON.parse(JSON.stringify(instrument)));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('has unique domain, item and option ids, and every item on a known scale', () => {
    const itemIds = instrument.domains.flatMap((domain) => domain.items.map((item) => item.id));
    expect(new Set(itemIds).size).toBe(itemIds.length);
    expect(new Set(instrument.domains.map((domain) => domain.id)).size).toBe(instrument.domains.length);
    for (const domain of instrument.domains)
      for (const item of domain.items) expect(Object.keys(instrument.scales)).toContain(item.scale);
  });

  it('has every text in every language it declares', () => {
    for (const text of texts(instrument))
      for (const language of instrument.languages) expect(text[language], JSON.stringify(text)).toBeTruthy();
  });

  it('migrates from every earlier version without losing an answer', () => {
    const registry = createInstrumentRegistry();
    let previous = instrument.previousVersion;
    while (previous) {
      const older = registry.get(instrument.instrument, previous);
      const responses = Object.fromEntries(
        older.domains.flatMap((domain) => domain.items.map((item) => [item.id, older.scales[item.scale]![0]!.id])),
      );
      const report = migrateResponses(registry, instrument.instrument, previous, instrument.version, responses);
      expect(report.dropped).toEqual([]);
      expect(report.responses).toEqual(responses);
      previous = older.previousVersion;
    }
  });
});

describe('SDG 10.7.2 instrument', () => {
  it('has six domains of five items mapped one-to-one to MiGOF and to the SDMX breakdowns', () => {
    expect(SDG_10_7_2_V2019.domains.map((domain) => domain.items.length)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(SDG_10_7_2_V2019.domains.map((domain) => domain.migof)).toEqual(['P1', 'P2', 'P3', 'O1', 'O2', 'O3']);
    expect(SDG_10_7_2_V2019.domains.map((domain) => `${domain.code}:${domain.sdmxBreakdown}`)).toEqual([
      'DOMAIN1:PD_1',
      'DOMAIN2:PD_2',
      'DOMAIN3:PD_3',
      'DOMAIN4:PD_4',
      'DOMAIN5:PD_5',
      'DOMAIN6:PD_6',
    ]);
  });

  it('says which wordings are unconfirmed', () => {
    const items = (SDG_10_7_2_V2019 as InstrumentVersion).domains.flatMap((domain) => domain.items);
    expect(items.every((item) => item.wording === 'unconfirmed')).toBe(true);
    expect(items.filter((item) => item.note).map((item) => item.id)).toEqual(['4e', '5e', '6e']);
  });

  it('keeps the 2017 and 2025 titles in separate versions', () => {
    expect(SDG_10_7_2_V2019.title.en).toMatch(/^Number of countries/);
    expect(SDG_10_7_2_V2025.title.en).toMatch(/^Proportion of countries/);
    const registry = createInstrumentRegistry();
    expect(registry.forRound('sdg-10-7-2', 2021)?.version).toBe('2019');
    expect(registry.forRound('sdg-10-7-2', 2025)?.version).toBe('2025');
    expect(registry.find('sdg-10-7-2')?.version).toBe('2025');
  });
});

describe('parseInstrument', () => {
  it('reports every problem with its path', () => {
    const broken = JSON.parse(JSON.stringify(SDG_10_7_2_V2019));
    broken.domains[1].items[2].id = '2a';
    broken.domains[0].items[0].scale = 'agree-disagree';
    broken.scales['yes-no'][0].score = 'one';
    broken.languages = ['en', 'fr', 'es', 'ar'];
    delete broken.title.en;
    const result = parseInstrument(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'title.en' }),
        expect.objectContaining({ path: 'scales.yes-no[0].score', message: 'an exact decimal such as "1" or "0.5"' }),
      ]),
    );
  });

  it('checks cross-references once the shape is right', () => {
    const broken = JSON.parse(JSON.stringify(SDG_10_7_2_V2019));
    broken.domains[1].items[2].id = '2a';
    broken.domains[0].items[0].scale = 'agree-disagree';
    broken.languages = ['en', 'ar'];
    const result = parseInstrument(broken);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'domains[1].items[2].id', message: 'duplicate item id "2a"' },
        {
          path: 'domains[0].items[0].scale',
          message: 'unknown scale "agree-disagree" (scales: migrant-rights, yes-no)',
        },
        { path: 'title.ar', message: 'languages lists "ar" but the title has no ar text' },
      ]),
    );
  });
});
