import { describe, expect, it } from 'vitest';
import { answersEditable, commentMinistries, parseConsultation, permittedActions } from './mgi-work-state.ts';

describe('the MGI workspace', () => {
  it("offers only the actions of the state that the reader's roles permit", () => {
    expect(permittedActions(['submit-draft'], ['focal-point'])).toEqual(['submit-draft']);
    expect(permittedActions(['close-consultation', 'revise-draft', 'comment'], ['focal-point'])).toEqual([
      'revise-draft',
    ]);
    expect(permittedActions(['approve', 'publish', 'revise-draft'], ['national-coordinator'])).toEqual([
      'approve',
      'publish',
      'revise-draft',
    ]);
    expect(permittedActions(['begin-data-collection'], [])).toEqual([]);
  });

  it('lets focal points answer at data collection and draft only', () => {
    expect(answersEditable('data-collection', ['focal-point'])).toBe(true);
    expect(answersEditable('inter-ministerial-consultation', ['focal-point'])).toBe(false);
    expect(answersEditable('draft-profile', ['national-coordinator'])).toBe(false);
  });

  it('lets invited users comment for their ministry, and coordinators for any invited one', () => {
    expect(commentMinistries(['Labour', 'Health'], ['Labour'], [])).toEqual(['Labour']);
    expect(commentMinistries(['Labour', 'Health'], [], ['national-coordinator'])).toEqual(['Labour', 'Health']);
    expect(commentMinistries(['Labour'], [], ['focal-point'])).toEqual([]);
  });

  it('reads the consultation form and names each bad line', () => {
    expect(parseConsultation('Labour\n Health \n\n', 'Labour | l@example.org\n')).toEqual({
      ministries: ['Labour', 'Health'],
      invite: [{ ministry: 'Labour', email: 'l@example.org' }],
      problems: [],
    });
    expect(parseConsultation('Labour', 'Interior | i@example.org\nLabour | nobody').problems).toEqual([
      'line 1: "Interior" is not one of the ministries',
      'line 2: "nobody" is not an email address',
    ]);
  });
});
