import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './routes.ts';

describe('the onboarding pages', () => {
  it("open from the links sent by e-mail, which carry no language, in the reader's language", () => {
    expect(parseRoute('/invitations/accept', '', 'fr')).toEqual({ view: 'invitation-accept', lang: 'fr' });
    expect(parseRoute('/password-reset', '', 'ar')).toEqual({ view: 'password-reset', lang: 'ar' });
    expect(parseRoute('/invitations/accept/x')).toMatchObject({ view: 'not-found' });
  });

  it('have a URL per language, parsed back to the same view', () => {
    for (const view of ['invitation-accept', 'password-reset'] as const) {
      const path = formatRoute({ view, lang: 'es' });
      expect(parseRoute(path)).toEqual({ view, lang: 'es' });
    }
    expect(formatRoute({ view: 'invitation-accept', lang: 'en' })).toBe('/en/invitations/accept/');
  });
});
