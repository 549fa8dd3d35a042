/* @jsxRuntime automatic */
/**
 * Where a value comes from, shown beside it: the official UN release (with its snapshot date), a
 * national publication in migov (number, date, who validated it), migov's own computation (from how
 * many countries), or demo content. Demo values also carry a banner on every page that shows them.
 */
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Translator } from '../i18n/translator.ts';
import type { ValueProvenance } from '@migov/server/api';

/** A provenance as a label shows it: the API's, or an official source that is not a 10.7.2 series (indicator datasets). */
export type LabelledProvenance = ValueProvenance | Omit<Extract<ValueProvenance, { kind: 'official' }>, 'series'>;

/** The provenance of a value as one sentence in the reader's language (the server's English label is the fallback). */
export function provenanceText(translator: Translator, provenance: LabelledProvenance): string {
  const { t } = translator;
  switch (provenance.kind) {
    case 'official':
      return provenance.snapshot?.retrievedOn
        ? t('provenance.official', {
            source: provenance.source,
            date: translator.formatDate(provenance.snapshot.retrievedOn),
          })
        : t('provenance.officialUndated', { source: provenance.source });
    case 'national': {
      const published = t('provenance.national', {
        number: provenance.publicationNumber,
        date: translator.formatDate(provenance.publishedAt),
      });
      return provenance.validatedBy
        ? `${published}, ${t('provenance.validatedBy', { name: provenance.validatedBy })}`
        : published;
    }
    case 'computed':
      return t('provenance.computed', { from: provenance.responding, of: provenance.members });
    case 'demo':
      return t('provenance.demo');
    default:
      return (provenance as { label?: string }).label ?? '';
  }
}

/** A value's provenance as a small label (a badge for demo values). */
export function ProvenanceLabel({
  provenance,
  className,
}: {
  provenance: LabelledProvenance | undefined;
  className?: string;
}) {
  const translator = useI18n();
  if (!provenance) return null;
  // The leading space keeps the label a separate word when the page is read as text.
  return (
    <>
      {' '}
      <span
        className={`provenance provenance-${provenance.kind}${className ? ` ${className}` : ''}`}
        data-provenance={provenance.kind}
      >
        {provenanceText(translator, provenance)}
      </span>
    </>
  );
}

/** Shown at the top of any page that shows demo values, in the app and in the static site. */
export function DemoBanner() {
  const { t } = useI18n();
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>{t('demo.bannerTitle')}</strong> {t('demo.bannerText')}
    </div>
  );
}
