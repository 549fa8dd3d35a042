import { describe, expect, it } from 'vitest';
import { briefEdit, profileDimensions } from './governance-data.ts';
import { formatRoute, parseRoute } from '../../app/routes.ts';

describe('the governance pages', () => {
  it('have their own URLs that parse back', () => {
    for (const path of [
      '/en/governance/',
      '/fr/governance/crosswalk/',
      '/ar/governance/mgi/484/2023/',
      '/es/governance/mgi/484-CMX/2021/',
      '/zh/workspace/briefs/',
      '/ru/workspace/briefs/0190abcd-1234/',
      '/en/workspace/mgi/',
      '/fr/workspace/mgi/0190abcd-1234/',
    ]) {
      const route = parseRoute(path);
      expect(route.view, path).not.toBe('not-found');
      expect(formatRoute(route)).toBe(path);
    }
    expect(parseRoute('/en/governance/mgi/484/23/').view).toBe('not-found');
    expect(parseRoute('/en/governance/mgi/MEX;x/2023/').view).toBe('not-found');
    expect(parseRoute('/en/governance/mgi/484-cmx/2021/')).toEqual({
      view: 'mgi-profile',
      lang: 'en',
      jurisdiction: '484-CMX',
      round: 2021,
    });
  });

  it('send only the changed fields of a brief', () => {
    const content = { title: 'T', summary: 'S', notes: '', area: { code: '50', name: 'Bangladesh' }, gaps: [] };
    expect(briefEdit(content, { title: 'T', summary: 'S2', notes: '' })).toEqual({ summary: 'S2' });
    expect(briefEdit(content, { title: 'T', summary: 'S', notes: '' })).toEqual({});
  });

  it('show no dimension of a profile whose answers do not fit the instrument', () => {
    const instrument = { instrument: 'mgi-example', version: '1' };
    const dimension = {
      dimensionId: 'd1',
      code: '1',
      label: 'Migrant rights',
      wellDeveloped: [],
      furtherDevelopment: [],
      incomplete: [],
      notApplicable: [],
      areas: [],
    };
    expect(
      profileDimensions({
        ...instrument,
        status: 'complete',
        exampleWording: false,
        dimensions: [dimension],
        missing: [],
      }),
    ).toEqual([dimension]);
    expect(profileDimensions({ ...instrument, status: 'invalid', problems: [] })).toEqual([]);
  });
});
