/* @jsxRuntime automatic */
/**
 * The country profile's panel of migration-related SDG indicators: each published dataset with values
 * for the country, charted over time in its default disaggregation, with a link to the indicator's
 * page for every other choice. Self-contained: it reads `GET /areas/{code}/indicators` in the browser;
 * the static publication reads it beforehand and passes it through {@link CountryIndicatorsContext}.
 */
import { createContext, useContext } from 'react';
import { ApiProblem, type ApiClient } from '../../api/api-client.ts';
import { SessionContext } from '../../app/session-context.tsx';
import { Link } from '../../app/router-context.tsx';
import { ErrorMessage, Loading, Section } from '../../app/shared.tsx';
import { SeriesDescription } from '../../app/Localized.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { AreaIndicators } from '@migov/server/api';
import { datasetProvenance, loadCountryIndicators, panelItems } from './indicators-data.ts';
import { DemoBanner, ProvenanceLabel } from '../../app/Provenance.tsx';
import {
  defaultChoices,
  dimensionsOf,
  formatChoices,
  selectLines,
  varyingDimensions,
} from './indicator-chart-state.ts';
import { lineLabel } from './indicator-labels.ts';
import { IndicatorFigure } from './IndicatorChart.tsx';

/** The country's indicators, read before rendering (static publication). */
export const CountryIndicatorsContext = createContext<AreaIndicators | undefined>(undefined);

export function CountryIndicatorsPanel({ code, country }: { code: string; country: string }) {
  const preloaded = useContext(CountryIndicatorsContext);
  const session = useContext(SessionContext);
  if (preloaded) return <IndicatorsPanel data={preloaded} code={code} country={country} />;
  return session ? <LoadedPanel api={session.api} code={code} country={country} /> : null;
}

function LoadedPanel({ api, code, country }: { api: ApiClient; code: string; country: string }) {
  const state = useLoad(() => loadCountryIndicators(api, code), `country-indicators:${code}`);
  if (state.status === 'loading') return <Loading />;
  // An area the API does not know has no indicators: the profile says the rest.
  if (state.status === 'error')
    return state.error instanceof ApiProblem && state.error.status === 404 ? null : (
      <ErrorMessage error={state.error} onRetry={state.reload} />
    );
  return <IndicatorsPanel data={state.data} code={code} country={country} />;
}

function IndicatorsPanel({ data, code, country }: { data: AreaIndicators; code: string; country: string }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const english = lang === 'en' ? {} : { lang: 'en' };
  const items = panelItems(data.items);
  return (
    <Section title={t('indicators.panelTitle')} id="indicators">
      {items.some((item) => datasetProvenance(item)?.kind === 'demo') ? <DemoBanner /> : null}
      {items.length === 0 ? (
        <p>{t('indicators.panelNone', { country })}</p>
      ) : (
        <>
          <p>{t('indicators.panelIntro', { country })}</p>
          {items.map((item) => {
            const dimensions = dimensionsOf(item.chart.lines);
            const choices = defaultChoices(dimensions);
            const lines = selectLines(item.chart.lines, undefined, choices);
            const varying = varyingDimensions(lines);
            const title = t('indicators.chartTitle', {
              series: `${t('indicators.pageTitle', { id: item.indicator })} (${item.series})`,
              area: country,
            });
            const where = formatChoices(choices);
            const provenance = datasetProvenance(item);
            return (
              <div key={item.id} className="indicator-panel" data-testid={`country-indicator-${item.indicator}`}>
                <h3>
                  {t('indicators.pageTitle', { id: item.indicator })} · {item.series}
                </h3>
                {item.seriesDescription ? (
                  <p className="meta">
                    <SeriesDescription series={item.series} text={item.seriesDescription} />
                  </p>
                ) : null}
                <p className="meta" data-testid="indicator-source">
                  {provenance ? (
                    <ProvenanceLabel provenance={provenance} />
                  ) : (
                    <>
                      {t('common.source')}: <span {...english}>{item.source.name}</span>
                    </>
                  )}
                </p>
                <IndicatorFigure
                  lines={lines}
                  labels={lines.map((line) => lineLabel(translator, line, varying))}
                  kind="line"
                  title={title}
                  {...(item.unit
                    ? { note: `${t('indicators.unit')}: ${t('indicators.unitName', { unit: item.unit })}` }
                    : {})}
                  filename={`migov-country-${code}-indicator-${item.indicator}-${item.series}`}
                />
                <p>
                  <Link
                    to={{
                      view: 'indicator',
                      lang,
                      id: item.indicator,
                      dataset: item.id,
                      area: code,
                      ...(where ? { where } : {}),
                    }}
                  >
                    {t('indicators.open', { id: item.indicator })}
                  </Link>
                </p>
              </div>
            );
          })}
        </>
      )}
    </Section>
  );
}
