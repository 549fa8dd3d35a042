import { describe, expect, it } from 'vitest';
import { computeProfile, MGI_NATIONAL_EXAMPLE, scoreAssessment, SDG_10_7_2_V2019 } from '@migov/core';
import { BriefConflictError, BriefInputError, getBriefVersion, latestBriefVersion } from './brief.model.ts';
import { resultsFromAssessment, resultsFromObservations } from './brief-results.ts';
import { editBrief } from './edit-brief.ts';
import { generateBrief, regenerateBrief } from './generate-brief.ts';
import { renderBriefMarkdown } from './render/render-markdown.ts';
import { KNOWN_OBSERVATIONS } from './brief.test-fixtures.ts';

const generated = () =>
  generateBrief({
    area: 'PHL',
    results: resultsFromObservations(KNOWN_OBSERVATIONS, '608', { source: 'test data' }),
    generatedAt: '2026-11-27T18:00:00Z',
    generatedBy: 'analyst-1',
  });

describe('generateBrief', () => {
  it('lists exactly the gaps of a country with known answers and the GCM objectives and SDG targets they map to', () => {
    const content = latestBriefVersion(generated()).content;
    expect(content.results.year).toBe(2021);
    expect(content.gaps.map((gap) => [gap.domain, gap.category])).toEqual([
      ['DOMAIN1', 2],
      ['DOMAIN4', 1],
    ]);
    expect(content.gaps.map((gap) => gap.gcmObjectives.map((objective) => objective.objective))).toEqual([
      [6, 13, 15, 16, 17],
      [6, 18, 19, 20, 22],
    ]);
    expect(content.gaps.map((gap) => gap.sdgTargets.map((target) => target.target))).toEqual([
      ['8.8', '10.7'],
      ['4.b', '8.8', '10.7', '10.c', '17.3'],
    ]);
    expect(content.summary).toBe(
      'In the 2021 round of SDG indicator 10.7.2, Philippines meets overall. Gaps: Migrant rights (partially meets) and Socioeconomic well-being (requires further progress).',
    );
  });

  it('names the processes the country belongs to, the planning-cycle entry points and the checklist', () => {
    const content = latestBriefVersion(generated()).content;
    expect(content.processes.map((process) => process.id)).toEqual(['colombo-process', 'add']);
    expect(content.entryPoints.map((entry) => entry.stage)).toEqual([
      'roadmap',
      'common-country-analysis',
      'prioritization-theory-of-change',
      'results-matrix',
      'monitoring-evaluation',
    ]);
    expect(content.entryPoints[2]?.text).toContain('GCM objectives 6, 13, 15, 16, 17, 18, 19, 20 and 22');
    expect(content.entryPoints[3]?.text).toContain('10.7.1, 10.7.3, 10.7.4, 10.c.1, 17.3.2, 8.8.1, 8.8.2 and 4.b.1');
    expect(content.checklist.map((item) => [item.element, item.status])).toEqual([
      ['government-focal-point', 'unknown'],
      ['inter-ministerial-mechanism', 'unknown'],
      ['migration-profile', 'unknown'],
      ['multi-stakeholder-forum', 'unknown'],
    ]);
    expect(content.sources.some((source) => source.includes("migov's own editorial mapping (not official)"))).toBe(
      true,
    );
  });

  it('notes the UNDP-IOM joint programme for its countries', () => {
    const brief = generateBrief({
      area: '498',
      results: { domains: [] },
      generatedAt: '2026-11-27T18:00:00Z',
      generatedBy: 'a',
      checklist: { 'migration-profile': { status: 'in-place', note: 'Extended Migration Profile 2023' } },
    });
    const checklist = latestBriefVersion(brief).content.checklist;
    expect(checklist[0]?.note).toContain('Diaspora Relations Bureau, State Chancellery');
    expect(checklist[2]).toEqual({
      element: 'migration-profile',
      title: 'Migration profile',
      status: 'in-place',
      note: 'Extended Migration Profile 2023',
    });
  });

  it('takes results from a scored platform assessment and an MGI-style profile', () => {
    const responses = Object.fromEntries(
      SDG_10_7_2_V2019.domains.flatMap((domain) =>
        domain.items.map((item) => [
          item.id,
          domain.code === 'DOMAIN5' ? 'no' : item.scale === 'yes-no' ? 'yes' : 'yes-regardless',
        ]),
      ),
    );
    const results = resultsFromAssessment(scoreAssessment(SDG_10_7_2_V2019, responses), { year: 2023 });
    const baseline = computeProfile(MGI_NATIONAL_EXAMPLE, {
      '1.1': { optionId: 'partial' },
      '2.2': { optionId: 'absent' },
    });
    const profile = computeProfile(MGI_NATIONAL_EXAMPLE, {
      '1.1': { optionId: 'partial' },
      '2.2': { optionId: 'in-place' },
    });
    const brief = generateBrief({
      area: '170',
      results,
      mgi: { profile, year: 2022, previous: { profile: baseline, year: 2018 } },
      generatedAt: '2026-11-27T18:00:00Z',
      generatedBy: 'a',
    });
    const content = latestBriefVersion(brief).content;
    expect(content.gaps.map((gap) => gap.domain)).toEqual(['DOMAIN5']);
    expect(content.mgi?.exampleInstrument).toBe(true);
    expect(content.mgi?.dimensions[0]?.furtherDevelopment).toEqual([
      "Migrants' access to basic social services and social security",
    ]);
    expect(content.mgi?.changes).toEqual({
      sinceYear: 2018,
      dimensions: [
        {
          label: 'Whole of government approach',
          becameWellDeveloped: ['Migration strategy'],
          newlyFurtherDevelopment: [],
        },
      ],
    });
    expect(renderBriefMarkdown(latestBriefVersion(brief))).toContain(
      '- Whole of government approach: Migration strategy became well-developed',
    );
  });

  it('refuses an area that is not a country', () => {
    expect(() =>
      generateBrief({ area: '150', results: { domains: [] }, generatedAt: '2026-11-27T18:00:00Z', generatedBy: 'a' }),
    ).toThrow(BriefInputError);
    expect(() =>
      generateBrief({ area: 'XYZ', results: { domains: [] }, generatedAt: '2026-11-27T18:00:00Z', generatedBy: 'a' }),
    ).toThrow('invalid area: XYZ is not a country');
  });
});

describe('editBrief', () => {
  it('appends a new version and keeps the earlier one unchanged', () => {
    const first = generated();
    const second = editBrief(
      first,
      {
        entryPoints: { roadmap: 'Roadmap agreed with the Department of Migrant Workers.' },
        checklist: { 'government-focal-point': { status: 'in-place', note: 'Department of Migrant Workers' } },
      },
      {
        actor: 'rco-1',
        at: '2026-11-28T09:00:00Z',
        expectedVersion: 1,
        description: 'Roadmap and focal point confirmed',
      },
    );
    expect(second.versions.map((version) => [version.version, version.change])).toEqual([
      [1, 'generated'],
      [2, 'edited'],
    ]);
    expect(getBriefVersion(second, 1).content.entryPoints[0]?.text).not.toContain('Department of Migrant Workers');
    expect(getBriefVersion(second, 2).content.entryPoints[0]?.text).toBe(
      'Roadmap agreed with the Department of Migrant Workers.',
    );
    expect(getBriefVersion(second, 2).content.checklist[0]?.status).toBe('in-place');
    expect(getBriefVersion(second, 2).content.gaps).toEqual(getBriefVersion(second, 1).content.gaps);
  });

  it('refuses an edit based on an old version', () => {
    const second = editBrief(
      generated(),
      { notes: 'x' },
      { actor: 'a', at: '2026-11-28T09:00:00Z', expectedVersion: 1, description: 'note' },
    );
    expect(() =>
      editBrief(
        second,
        { notes: 'y' },
        { actor: 'b', at: '2026-11-28T09:01:00Z', expectedVersion: 1, description: 'note' },
      ),
    ).toThrow(BriefConflictError);
  });

  it('refuses unknown fields and statuses, naming them', () => {
    const brief = generated();
    const editor = { actor: 'a', at: '2026-11-28T09:00:00Z', expectedVersion: 1, description: 'x' };
    expect(() => editBrief(brief, { checklist: { 'migration-profile': { status: 'done' as never } } }, editor)).toThrow(
      'invalid checklist.migration-profile.status: done',
    );
    expect(() => editBrief(brief, { entryPoints: { budget: 'x' } as never }, editor)).toThrow(
      'invalid entryPoints.budget: unknown stage',
    );
    expect(() => editBrief(brief, { title: ' ' }, editor)).toThrow('invalid title: may not be empty');
  });
});

describe('regenerateBrief', () => {
  it('takes the new results and keeps every edit made since the last generation', () => {
    const edited = editBrief(
      generated(),
      { notes: 'Met the RCO on 28 November.', checklist: { 'migration-profile': { status: 'in-progress' } } },
      { actor: 'rco-1', at: '2026-11-28T09:00:00Z', expectedVersion: 1, description: 'notes' },
    );
    const newer = KNOWN_OBSERVATIONS.map((observation) =>
      observation.area === '608' && observation.domain === 'DOMAIN4' ? { ...observation, value: 3 } : observation,
    );
    const regenerated = regenerateBrief(
      edited,
      { area: '608', results: resultsFromObservations(newer, '608') },
      { actor: 'analyst-1', at: '2026-12-01T09:00:00Z', expectedVersion: 2 },
    );
    const latest = latestBriefVersion(regenerated);
    expect(latest).toMatchObject({
      version: 3,
      change: 'generated',
      description: 'Regenerated from new results; kept the edits to notes, checklist migration-profile',
    });
    expect(latest.content.gaps.map((gap) => gap.domain)).toEqual(['DOMAIN1']);
    expect(latest.content.notes).toBe('Met the RCO on 28 November.');
    expect(latest.content.checklist[2]?.status).toBe('in-progress');
    expect(latest.content.entryPoints[1]?.text).toContain('(Migrant rights)');
    expect(() =>
      regenerateBrief(
        regenerated,
        { area: '608', results: { domains: [] } },
        { actor: 'a', at: '2026-12-02T09:00:00Z', expectedVersion: 2 },
      ),
    ).toThrow(BriefConflictError);
    expect(() =>
      regenerateBrief(
        regenerated,
        { area: '50', results: { domains: [] } },
        { actor: 'a', at: '2026-12-02T09:00:00Z', expectedVersion: 3 },
      ),
    ).toThrow("invalid area: 50 is not the brief's area (608)");
  });
});
