import { describe, expect, it } from 'vitest';
import {
  parseOutcomes,
  readEndForm,
  readMeetingForm,
  readMembershipForm,
  readTypeForm,
  sortRecords,
} from './partnership-edit-state.ts';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('the partnership editor forms', () => {
  it('reads a membership with its dates and names the country from the area list', () => {
    const { problems, body } = readMembershipForm(
      'colombo-process',
      reader({
        area: '4',
        kind: 'observer',
        role: 'Observer State',
        asOf: '2026',
        from: '2026-03',
        source: 'Declaration',
      }),
      (area) => (area === '4' ? 'Afghanistan' : undefined),
    );
    expect(problems).toEqual([]);
    expect(body).toEqual({
      source: 'Declaration',
      membership: {
        process: 'colombo-process',
        area: '4',
        name: 'Afghanistan',
        role: 'Observer State',
        kind: 'observer',
        asOf: '2026',
        from: '2026-03',
        source: 'Declaration',
      },
    });
  });

  it('names every missing field and every date that is not one', () => {
    const { problems } = readMembershipForm(
      'p',
      reader({ area: '4', kind: 'member', from: '2026-13', until: 'soon' }),
      () => 'X',
    );
    expect(problems).toEqual([
      { field: 'role', key: 'partnershipEdit.required' },
      { field: 'asOf', key: 'partnershipEdit.required' },
      { field: 'source', key: 'partnershipEdit.required' },
      { field: 'from', key: 'partnershipEdit.badDate', values: { value: '2026-13' } },
      { field: 'until', key: 'partnershipEdit.badDate', values: { value: 'soon' } },
    ]);
    expect(readEndForm(reader({ until: '2026-09', source: 'Note' }))).toEqual({
      problems: [],
      body: { until: '2026-09', source: 'Note' },
    });
    expect(readEndForm(reader({ until: '09/2026' })).problems.map((problem) => problem.field)).toEqual([
      'source',
      'until',
    ]);
    expect(readTypeForm(reader({ type: 'global-process', asOf: 'current page' })).problems).toEqual([
      { field: 'source', key: 'partnershipEdit.required' },
    ]);
  });

  it('reads outcome documents one a line, a line without a source taking the edit source', () => {
    expect(parseOutcomes('Chair summary | Report p. 3\n\n  Declaration  \n', 'Edit source')).toEqual({
      outcomes: [
        { title: 'Chair summary', source: 'Report p. 3' },
        { title: 'Declaration', source: 'Edit source' },
      ],
      problems: [],
    });
    expect(parseOutcomes('| only a source', 'S').problems).toEqual([
      { field: 'outcomes', key: 'partnershipEdit.badOutcome', values: { line: 1 } },
    ]);
    const meeting = readMeetingForm(
      'grcp',
      reader({
        title: 'Ninth meeting',
        date: '3 March 2026',
        year: '2026',
        place: 'Geneva',
        outcomes: 'Summary | Report',
        source: 'Report',
      }),
    );
    expect(meeting).toEqual({
      problems: [],
      body: {
        source: 'Report',
        meeting: {
          process: 'grcp',
          title: 'Ninth meeting',
          date: '3 March 2026',
          year: 2026,
          place: 'Geneva',
          theme: '',
          outcomes: [{ title: 'Summary', source: 'Report' }],
        },
      },
    });
    expect(readMeetingForm('grcp', reader({ title: 'T', date: 'D', source: 'S', year: '26' })).problems).toEqual([
      { field: 'year', key: 'partnershipEdit.badYear', values: { value: '26' } },
    ]);
  });

  it('lists the open records first, then by name', () => {
    expect(
      sortRecords(
        [{ name: 'Nepal', until: '2020' }, { name: 'India' }, { name: 'Bangladesh', until: '2019' }, { name: 'China' }],
        'en',
      ).map((record) => record.name),
    ).toEqual(['China', 'India', 'Bangladesh', 'Nepal']);
  });
});
