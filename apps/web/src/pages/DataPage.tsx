/* @jsxRuntime automatic */
/** Open data: bulk downloads of every round with values (what each holds: official, national, demo) and the API documentation. */
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../app/router-context.tsx';
import type { Round } from '@migov/server/api';
import type { ShownRound } from './public-data.ts';
import { DemoBanner, ProvenanceLabel } from '../app/Provenance.tsx';

export const DOWNLOAD_FORMATS = ['csv', 'xlsx', 'sdmx-csv', 'sdmx-ml', 'json'] as const;

/** Where downloads and the API docs live: the API itself, or a copy of the files next to a static site. */
export interface DataLinks {
  download(round: Pick<Round, 'year' | 'instrument'>, format: (typeof DOWNLOAD_FORMATS)[number]): string;
  apiDocs: string | undefined;
}

const liveDataLinks: DataLinks = {
  download: (round, format) =>
    `/api/v1/downloads/${round.year}/${format}?instrument=${encodeURIComponent(round.instrument)}`,
  apiDocs: '/api/v1/docs',
};

export function DataPage({ rounds, links = liveDataLinks }: { rounds: readonly ShownRound[]; links?: DataLinks }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h1>{t('data.title')}</h1>
      {rounds.some((round) => round.demo > 0) ? <DemoBanner /> : null}
      <p>{t('data.intro')}</p>
      {rounds.length === 0 ? <p>{t('dashboard.noRounds')}</p> : null}
      {rounds.map((round) => (
        <section
          key={`${round.instrument}-${round.year}`}
          className="section"
          aria-labelledby={`downloads-${round.year}`}
          data-year={round.year}
        >
          <h2 id={`downloads-${round.year}`}>{t('data.downloads', { year: round.year })}</h2>
          <p className="meta">
            {t('data.roundSources', { official: round.official, national: round.national })}
            {round.demo > 0 ? (
              <>
                {' '}
                {t('data.roundDemo', { demo: round.demo })}
                <ProvenanceLabel provenance={{ kind: 'demo', label: '' }} />
              </>
            ) : null}
          </p>
          <ul>
            {DOWNLOAD_FORMATS.map((format) => (
              <li key={format}>
                <a href={links.download(round, format)} download>
                  {t('data.format', { format: format.replace('-', '') })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {links.apiDocs ? (
        <section className="section" aria-labelledby="api-heading">
          <h2 id="api-heading">{t('data.api')}</h2>
          <p>
            {t('data.apiText')} <a href={links.apiDocs}>{t('data.api')}</a>
          </p>
        </section>
      ) : null}
      <p>
        <Link to={{ view: 'methodology', lang }}>{t('nav.methodology')}</Link>
      </p>
    </>
  );
}
