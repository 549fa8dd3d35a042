/* @jsxRuntime automatic */
/** The methodology, versioned: each instrument version in use, its domains and classification bands. */
import { useI18n } from '../i18n/i18n-context.tsx';
import { categoryLabel, domainLabel } from '../app/localized.ts';
import { Localized } from '../app/Localized.tsx';
import type { MethodologyData } from './public-data.ts';

export function MethodologyPage({ data }: { data: MethodologyData }) {
  const translator = useI18n();
  const { t } = translator;
  return (
    <>
      <h1>{t('methodology.title')}</h1>
      <p>{t('methodology.text')}</p>
      {data.instruments.map((instrument) => (
        <section
          key={`${instrument.instrument}@${instrument.version}`}
          className="section"
          aria-labelledby={`m-${instrument.instrument}-${instrument.version}`}
        >
          <h2 id={`m-${instrument.instrument}-${instrument.version}`}>
            <Localized text={instrument.title} /> —{' '}
            {t('methodology.version', { instrument: instrument.instrument, version: instrument.version })}
          </h2>
          <p>
            {t('common.round')}:{' '}
            {data.rounds
              .filter((round) => round.instrument === instrument.instrument && round.version === instrument.version)
              .map((round) => round.year)
              .join(', ')}
          </p>
          <ol>
            {instrument.domains.map((domain) => (
              <li key={domain.id}>
                {domainLabel(translator, domain)} ({domain.items.length})
              </li>
            ))}
          </ol>
          {instrument.scoring ? (
            <>
              <h3>{t('methodology.bands')}</h3>
              <ul>
                {instrument.scoring.bands.map((band) => (
                  <li key={band.code}>
                    {categoryLabel(translator, band.code, band.label)}: {t('methodology.from', { min: band.min })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}
