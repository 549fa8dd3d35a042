/* @jsxRuntime automatic */
/** Open data: bulk downloads of every round and the API documentation. */
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../app/router-context.tsx';
import type { Round } from '../api/api-types.ts';

export const DOWNLOAD_FORMATS = ['csv', 'xlsx', 'sdmx-csv', 'sdmx-ml', 'json'] as const;

/** Where downloads and the API docs live: the API itself, or a copy of the files next to a static site. */
export interface DataLinks {
  download(round: Round, format: (typeof DOWNLOAD_FORMATS)[number]): string;
  apiDocs: string | undefined;
}

export const liveDataLinks: DataLinks = {
  download: (round, format) => `/api/v1/downloads/${round.year}/${format}?instrument=${encodeURIComponent(round.instrument)}`,
  apiDocs: '/api/v1/docs',
};

export function DataPage({ rounds, links = liveDataLinks }: { rounds: Round[]; links?: DataLinks }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h1>{t('data.title')}</h1>
      <p>{t('data.intro')}</p>
      {rounds.length === 0 ? <p>{t('dashboard.noRounds')}</p> : null}
      {rounds.map((round) => (
        <section key={round.id} className="section" aria-labelledby={`downloads-${round.id}`}>
          <h2 id={`downloads-${round.id}`}>{t('data.downloads', { year: round.year })}</h2>
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
