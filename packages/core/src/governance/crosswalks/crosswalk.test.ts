import { describe, expect, it } from 'vitest';
import {
  addCrosswalkLink,
  CrosswalkLinkNotFoundError,
  getCrosswalkLink,
  mapCrosswalk,
  replaceCrosswalkLink,
  retireCrosswalkLink,
  type Crosswalk,
} from './crosswalk.ts';
import { DEFAULT_CROSSWALK, EDITORIAL_DOMAIN_GCM } from './crosswalk.data.ts';
import { mapDimensionGap, mapDomainGap } from './gap-mapping.ts';

const editor = { actor: 'admin-1', at: '2026-11-27T18:00:00Z' };
const ids = (mappings: { node: { id: string } }[]) => mappings.map((mapping) => mapping.node.id);

describe('DEFAULT_CROSSWALK', () => {
  it('links each MiGOF element to one MGI dimension and one 10.7.2 domain from the source', () => {
    const p1 = { kind: 'migof-element' as const, id: 'P1' };
    expect(mapCrosswalk(DEFAULT_CROSSWALK, p1, 'sdg-10-7-2-domain')).toMatchObject([
      { node: { id: 'DOMAIN1' }, basis: 'source' },
    ]);
    expect(mapCrosswalk(DEFAULT_CROSSWALK, { kind: 'migof-element', id: 'O2' }, 'mgi-dimension')).toMatchObject([
      { node: { id: '5' }, basis: 'source' },
    ]);
  });

  it('maps every GCM objective from some domain, always as editorial', () => {
    const covered = new Set(Object.values(EDITORIAL_DOMAIN_GCM).flat());
    expect([...covered].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
    const gcmLinks = DEFAULT_CROSSWALK.links.filter(
      (link) => link.to.kind === 'gcm-objective' || link.from.kind === 'gcm-objective',
    );
    expect(gcmLinks.every((link) => link.basis === 'editorial')).toBe(true);
  });

  it('marks a chain with one editorial link as editorial', () => {
    const viaGcm = mapCrosswalk(DEFAULT_CROSSWALK, { kind: 'sdg-10-7-2-domain', id: 'DOMAIN6' }, 'sdg-target', [
      'gcm-objective',
    ]);
    expect(viaGcm.every((mapping) => mapping.basis === 'editorial')).toBe(true);
    // MiGOF P3 -> MGI 3 -> DOMAIN3 is sourced all the way.
    expect(
      mapCrosswalk(DEFAULT_CROSSWALK, { kind: 'migof-element', id: 'P3' }, 'sdg-10-7-2-domain', ['mgi-dimension']),
    ).toMatchObject([{ node: { id: 'DOMAIN3' }, basis: 'source' }]);
  });
});

describe('mapDomainGap', () => {
  it('maps domain 4 to its GCM objectives and to SDG targets directly and through them (hand-computed)', () => {
    const mapping = mapDomainGap(DEFAULT_CROSSWALK, 'DOMAIN4');
    expect(mapping.gcmObjectives.map((objective) => [objective.objective, objective.basis])).toEqual([
      [6, 'editorial'],
      [18, 'editorial'],
      [19, 'editorial'],
      [20, 'editorial'],
      [22, 'editorial'],
    ]);
    expect(mapping.sdgTargets.map((target) => [target.target, target.basis, target.via])).toEqual([
      ['4.b', 'editorial', [18]],
      ['8.8', 'editorial', [6]],
      ['10.7', 'source', [6]],
      ['10.c', 'editorial', [20]],
      ['17.3', 'editorial', [20]],
    ]);
    expect(mapping.mgiDimension).toBe(4);
    expect(mapping.sdgTargets[2]?.text).toContain('Facilitate orderly, safe, regular and responsible migration');
  });
});

describe('mapDimensionGap', () => {
  it('maps MGI dimension 5 to the GCM objectives of the same MiGOF element, all editorial', () => {
    const mapping = mapDimensionGap(DEFAULT_CROSSWALK, 5);
    expect(mapping.gcmObjectives.map((objective) => [objective.objective, objective.basis])).toEqual([
      [2, 'editorial'],
      [7, 'editorial'],
      [14, 'editorial'],
    ]);
    expect(mapping.sdgTargets).toEqual([]);
  });
});

describe('crosswalk edits', () => {
  const small: Crosswalk = { links: [] };

  it('adds a sourced link and refuses one without a source', () => {
    const added = addCrosswalkLink(
      small,
      {
        from: { kind: 'gcm-objective', id: '1' },
        to: { kind: 'sdg-target', id: '17.18' },
        basis: 'source',
        source: 'A/RES/73/195 para 17',
      },
      editor,
    );
    expect(added.ok).toBe(true);
    const refused = addCrosswalkLink(
      small,
      { from: { kind: 'gcm-objective', id: '1' }, to: { kind: 'sdg-target', id: '17.18' }, basis: 'source' },
      editor,
    );
    expect(refused).toEqual({
      ok: false,
      problems: [
        {
          field: 'source',
          message: 'a link with basis "source" names its public source; without one, make it an editorial link',
        },
      ],
    });
  });

  it('refuses unknown nodes and duplicates, naming the field and value', () => {
    const result = addCrosswalkLink(
      DEFAULT_CROSSWALK,
      { from: { kind: 'gcm-objective', id: '24' }, to: { kind: 'sdg-target', id: '10.x' }, basis: 'editorial' },
      editor,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.field, problem.value])).toEqual([
      ['from.id', '24'],
      ['to.id', '10.x'],
    ]);
    const duplicate = addCrosswalkLink(
      DEFAULT_CROSSWALK,
      {
        from: { kind: 'sdg-target', id: '10.7' },
        to: { kind: 'sdg-10-7-2-domain', id: 'DOMAIN1' },
        basis: 'editorial',
      },
      editor,
    );
    expect(duplicate.ok).toBe(false);
  });

  it('retires a link without deleting it, and replacing keeps the old one retired', () => {
    const id = 'sdg-10-7-2-domain:DOMAIN4--gcm-objective:19';
    const replaced = replaceCrosswalkLink(
      DEFAULT_CROSSWALK,
      id,
      {
        from: { kind: 'sdg-10-7-2-domain', id: 'DOMAIN4' },
        to: { kind: 'gcm-objective', id: '19' },
        basis: 'source',
        source: 'MGI-GCM Baseline Report 2022, annex',
      },
      { ...editor, reason: 'source found' },
    );
    if (!replaced.ok) throw new Error(JSON.stringify(replaced.problems));
    expect(replaced.crosswalk.links).toHaveLength(DEFAULT_CROSSWALK.links.length + 1);
    expect(getCrosswalkLink(replaced.crosswalk, id)).toMatchObject({
      status: 'retired',
      retired: { reason: 'source found', by: 'admin-1' },
    });
    expect(replaced.link).toMatchObject({ basis: 'source', replaces: id, status: 'active' });
    expect(
      mapDomainGap(replaced.crosswalk, 'DOMAIN4').gcmObjectives.find((objective) => objective.objective === 19)?.basis,
    ).toBe('source');
    expect(retireCrosswalkLink(replaced.crosswalk, id, { ...editor, reason: 'again' }).ok).toBe(false);
    expect(() => getCrosswalkLink(DEFAULT_CROSSWALK, 'nope')).toThrow(CrosswalkLinkNotFoundError);
  });

  it('leaves retired links out of mappings', () => {
    const retired = retireCrosswalkLink(DEFAULT_CROSSWALK, 'sdg-10-7-2-domain:DOMAIN5--gcm-objective:14', {
      ...editor,
      reason: 'not a crisis objective',
    });
    if (!retired.ok) throw new Error('refused');
    expect(ids(mapCrosswalk(retired.crosswalk, { kind: 'sdg-10-7-2-domain', id: 'DOMAIN5' }, 'gcm-objective'))).toEqual(
      ['2', '7'],
    );
  });
});
