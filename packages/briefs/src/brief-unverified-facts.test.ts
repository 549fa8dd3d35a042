import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTNERSHIP_REGISTRY, processesOfArea } from '@migov/core';
import { latestBriefVersion } from './brief.model.ts';
import { generateBrief } from './generate-brief.ts';
import { renderBriefMarkdown } from './render/render-markdown.ts';

describe('unverified registry facts in a brief', () => {
  it('states only verified memberships and names the others as not compiled, for every country of the registry', () => {
    const areas = [
      ...new Set(DEFAULT_PARTNERSHIP_REGISTRY.memberships.flatMap((record) => (record.area ? [record.area] : []))),
    ];
    let withUnverified = 0;
    for (const area of areas) {
      const unverified = processesOfArea(DEFAULT_PARTNERSHIP_REGISTRY, area, {
        includeObservers: true,
        includeUnverified: true,
      }).filter(({ membership }) => membership.unverified);
      let content;
      try {
        content = latestBriefVersion(
          generateBrief({ area, results: { domains: [] }, generatedAt: '2026-12-07T15:00:00Z', generatedBy: 'a' }),
        ).content;
      } catch {
        continue; // an area the brief does not cover (not a country)
      }
      expect(
        content.processes.every((process) => !process.unverified),
        area,
      ).toBe(true);
      for (const { process } of unverified) {
        expect(
          content.processes.map((entry) => entry.id),
          area,
        ).not.toContain(process.id);
        expect(
          content.sources.some(
            (line) => line.startsWith(`Membership in ${process.acronym}`) && line.includes('not compiled'),
          ),
          area,
        ).toBe(true);
      }
      if (unverified.length > 0) withUnverified += 1;
      expect(
        renderBriefMarkdown(
          latestBriefVersion(
            generateBrief({ area, results: { domains: [] }, generatedAt: '2026-12-07T15:00:00Z', generatedBy: 'a' }),
          ),
        ),
      ).not.toContain('UNVERIFIED');
    }
    expect(withUnverified).toBeGreaterThan(10);
  });

  it('lists Hungary in the Prague, Rabat and Khartoum Processes but leaves out its unverified Budapest Process record', () => {
    const content = latestBriefVersion(
      generateBrief({ area: 'HUN', results: { domains: [] }, generatedAt: '2026-12-07T15:00:00Z', generatedBy: 'a' }),
    ).content;
    expect(content.processes.map((process) => process.id).sort()).toEqual([
      'khartoum-process',
      'prague-process',
      'rabat-process',
    ]);
    expect(content.sources.find((line) => line.startsWith('Membership in Budapest Process'))).toMatch(
      /not compiled .*fdocuments\.us/,
    );
  });
});
