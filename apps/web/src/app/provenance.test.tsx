/* @jsxRuntime automatic */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import { I18nContext } from '../i18n/i18n-context.tsx';
import type { ValueProvenance } from '@migov/server/api';
import { DemoBanner, ProvenanceLabel, provenanceText } from './Provenance.tsx';

const official: ValueProvenance = {
  kind: 'official',
  label: 'UN SDG Global Database, retrieved 2026-12-07',
  source: 'UN SDG Global Database (SG_CPA_MIGRS)',
  series: 'SG_CPA_MIGRS',
  snapshot: { id: 'official-2026-12-07', retrievedOn: '2026-12-07' },
};
const national: ValueProvenance = {
  kind: 'national',
  label: 'National publication no. 2 in migov',
  publicationNumber: 2,
  publishedAt: '2026-11-30T10:00:00Z',
  validatedBy: 'Reviewer',
};
const computed: ValueProvenance = {
  kind: 'computed',
  label: 'Computed by migov from 89 of 249 countries',
  responding: 89,
  members: 249,
};
const demo: ValueProvenance = { kind: 'demo', label: 'Demo data — not official', publicationNumber: 1 };

describe('provenance labels', () => {
  it.each([
    [official, 'Official: UN SDG Global Database (SG_CPA_MIGRS), retrieved Dec 7, 2026'],
    [{ ...official, snapshot: undefined } as ValueProvenance, 'Official: UN SDG Global Database (SG_CPA_MIGRS)'],
    [national, 'National publication 2 in migov, Nov 30, 2026, validated by Reviewer'],
    [{ ...national, validatedBy: null } as ValueProvenance, 'National publication 2 in migov, Nov 30, 2026'],
    [computed, 'Computed by migov from 89 of 249 countries'],
    [{ ...computed, responding: 1, members: 1 } as ValueProvenance, 'Computed by migov from 1 of 1 country'],
    [demo, 'Demo data — not official'],
  ])('%o reads %s in English', (provenance, text) => {
    expect(provenanceText(getTranslator('en'), provenance)).toBe(text);
  });

  it('speaks the reader’s language', () => {
    expect(provenanceText(getTranslator('fr'), official)).toBe(
      'Officiel : UN SDG Global Database (SG_CPA_MIGRS), extrait le 7 déc. 2026',
    );
    expect(provenanceText(getTranslator('ru'), computed)).toBe('Рассчитано migov по 89 из 249 стран');
  });

  it('marks the kind for styling and tests, and nothing without a provenance', () => {
    const render = (node: React.ReactElement) =>
      renderToStaticMarkup(<I18nContext.Provider value={getTranslator('en')}>{node}</I18nContext.Provider>);
    expect(render(<ProvenanceLabel provenance={demo} />)).toBe(
      ' <span class="provenance provenance-demo" data-provenance="demo">Demo data — not official</span>',
    );
    expect(render(<ProvenanceLabel provenance={undefined} />)).toBe('');
    const banner = render(<DemoBanner />);
    expect(banner).toContain('role="note"');
    expect(banner).toContain('not official results');
    // No inline style: a strict Content-Security-Policy blocks style attributes.
    expect(banner).not.toContain('style=');
  });
});
