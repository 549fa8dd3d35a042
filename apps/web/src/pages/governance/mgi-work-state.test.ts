import { describe, expect, it } from 'vitest';
import { parseConsultation } from './mgi-work-state.ts';

describe('the MGI workspace', () => {
  it('reads the consultation form and names each bad line', () => {
    expect(parseConsultation('Labour\n Health \n\n', 'Labour | l@example.org\n')).toEqual({
      ministries: ['Labour', 'Health'],
      invite: [{ ministry: 'Labour', email: 'l@example.org' }],
      problems: [],
    });
    expect(parseConsultation('Labour', 'Interior | i@example.org\nLabour | nobody').problems).toEqual([
      { line: 1, ministry: 'Interior' },
      { line: 2, email: 'nobody' },
    ]);
  });
});
