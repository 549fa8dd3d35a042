import { describe, expect, it } from 'vitest';
import { mapDomainGap } from './gap-mapping.ts';
import { DEFAULT_CROSSWALK } from './crosswalk.data.ts';
import {
  applyCrosswalkTable,
  CROSSWALK_CSV_COLUMNS,
  formatCrosswalkCsv,
  parseCrosswalkCsv,
} from './crosswalk-table.ts';

const editor = { actor: 'admin-1', at: '2026-11-27T18:00:00Z', reason: 'annual review' };

describe('crosswalk tables', () => {
  it('round-trips the shipped crosswalk without any change', () => {
    const text = formatCrosswalkCsv(DEFAULT_CROSSWALK);
    expect(text.split('\r\n')[0]).toBe(CROSSWALK_CSV_COLUMNS.join(','));
    const parsed = parseCrosswalkCsv(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(DEFAULT_CROSSWALK.links.length);
    const result = applyCrosswalkTable(DEFAULT_CROSSWALK, parsed.rows, editor);
    expect(result.ok && [result.added.length, result.replaced.length, result.retired.length]).toEqual([0, 0, 0]);
  });

  it('adds, replaces and retires links from an edited table', () => {
    const lines = formatCrosswalkCsv(DEFAULT_CROSSWALK).trimEnd().split('\r\n');
    const edited = [
      ...lines.filter((line) => !line.startsWith('sdg-10-7-2-domain,DOMAIN5,gcm-objective,14,')),
      'sdg-10-7-2-domain,DOMAIN4,gcm-objective,19,source,"MGI-GCM Baseline Report 2022, annex",false,',
      'gcm-objective,21,sdg-target,10.7,editorial,,false,return and readmission as part of orderly migration',
    ].filter((line) => !line.startsWith('sdg-10-7-2-domain,DOMAIN4,gcm-objective,19,editorial'));
    const parsed = parseCrosswalkCsv(edited.join('\r\n'));
    expect(parsed.problems).toEqual([]);
    const result = applyCrosswalkTable(DEFAULT_CROSSWALK, parsed.rows, editor);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.added.map((link) => link.id)).toEqual(['gcm-objective:21--sdg-target:10.7']);
    expect(result.replaced.map((link) => [link.id, link.basis, link.replaces])).toEqual([
      ['sdg-10-7-2-domain:DOMAIN4--gcm-objective:19#2', 'source', 'sdg-10-7-2-domain:DOMAIN4--gcm-objective:19'],
    ]);
    expect(result.retired.map((link) => link.id)).toEqual(['sdg-10-7-2-domain:DOMAIN5--gcm-objective:14']);
    expect(result.crosswalk.links).toHaveLength(DEFAULT_CROSSWALK.links.length + 2);
    expect(
      mapDomainGap(result.crosswalk, 'DOMAIN4').gcmObjectives.find((objective) => objective.objective === 19)?.basis,
    ).toBe('source');
  });

  it('refuses the whole table when a row is wrong, naming row and column', () => {
    const text = [
      CROSSWALK_CSV_COLUMNS.join(','),
      'gcm-objective,24,sdg-target,10.7,editorial,,false,',
      'gcm-objective,1,sdg-target,17.18,source,,maybe,',
    ].join('\n');
    const parsed = parseCrosswalkCsv(text, 'edited.csv');
    expect(parsed.problems).toEqual([
      { file: 'edited.csv', row: 3, column: 'unverified', value: 'maybe', message: 'true or false' },
    ]);
    const result = applyCrosswalkTable(DEFAULT_CROSSWALK, parsed.rows, { ...editor, file: 'edited.csv' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        file: 'edited.csv',
        row: 2,
        column: 'from.id',
        value: '24',
        message: expect.stringContaining('unknown gcm-objective'),
      },
    ]);
  });
});
