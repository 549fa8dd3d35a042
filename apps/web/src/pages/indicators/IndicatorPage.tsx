/* @jsxRuntime automatic */
/**
 * One indicator: its title versions, custodians, tier and definition, its datasets, and a chart of
 * the chosen dataset over time for one area, disaggregated as the reader chooses (each dimension:
 * one code, or every code compared), as lines or bars, with the table alternative.
 */
import { useId, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../../app/router-context.tsx';
import { formatRoute, type Route } from '../../app/routes.ts';
import { Section } from '../../app/shared.tsx';
import { SeriesDescription } from '../../app/Localized.tsx';
import { datasetProvenance, type IndicatorData } from './indicators-data.ts';
import { DemoBanner, ProvenanceLabel } from '../../app/Provenance.tsx';
import { CategoryGridFigure } from '../../charts/CategoryGrid.tsx';
import { categoryGridOfLines, isCategorySeries } from '../../charts/category-grid-state.ts';
import {
  areasOf,
  choosableDimensions,
  dimensionsOf,
  EVERY_CODE,
  formatChoices,
  parseChoices,
  resolveChoices,
  selectLines,
  varyingDimensions,
  type ChartKind,
  type DimensionChoices,
} from './indicator-chart-state.ts';
import { areaLabel, codeLabel, dimensionName, lineLabel } from './indicator-labels.ts';
import { IndicatorFigure } from './IndicatorChart.tsx';
import { ScrollBox } from '../../app/ScrollBox.tsx';

type IndicatorRoute = Extract<Route, { view: 'indicator' }>;

export function IndicatorPage({ data, route }: { data: IndicatorData; route: IndicatorRoute }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { live } = useNavigation();
  const { indicator, shown } = data;
  const english = lang === 'en' ? {} : { lang: 'en' };
  const current = indicator.titles.at(-1);
  return (
    <article className="indicator">
      <h1>{t('indicators.pageTitle', { id: indicator.id })}</h1>
      {indicator.datasets.some((dataset) => datasetProvenance(dataset)?.kind === 'demo') ? <DemoBanner /> : null}
      <p className="lead" {...english}>
        {current?.title}
      </p>
      <p className="meta">
        <Link to={{ view: 'indicators', lang }}>{t('indicators.title')}</Link> ·{' '}
        {t('indicators.target', { target: indicator.target })} ·{' '}
        {t('indicators.tierValue', { tier: indicator.tier.value ?? 'none' })}
      </p>
      <dl className="facts">
        <dt>{t('indicators.custodians')}</dt>
        <dd {...english}>{indicator.custodians.join(', ')}</dd>
        <dt>{t('indicators.relevance')}</dt>
        <dd {...english}>{indicator.migrationRelevance}</dd>
        {indicator.definition ? (
          <>
            <dt>{t('indicators.definition')}</dt>
            <dd {...english}>{indicator.definition.text}</dd>
          </>
        ) : null}
      </dl>
      {indicator.titles.length > 1 ? (
        <details>
          <summary>{t('indicators.titleVersions')}</summary>
          <ul>
            {indicator.titles.map((version) => (
              <li key={`${version.from ?? ''}-${version.title}`}>
                {version.from ?? '…'}–{version.until ?? ''}: <span {...english}>{version.title}</span>
                {version.status === 'unverified' ? <em> ({t('indicators.unverified')})</em> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <Section title={t('indicators.datasets')} id="datasets">
        {indicator.datasets.length === 0 ? (
          <p>{t('indicators.noDatasets')}</p>
        ) : (
          <ScrollBox label={t('indicators.datasets')}>
            <table data-testid="indicator-datasets">
              <thead>
                <tr>
                  <th scope="col">{t('indicators.series')}</th>
                  <th scope="col">{t('indicators.unit')}</th>
                  <th scope="col">{t('indicators.observations')}</th>
                  <th scope="col">{t('indicators.source')}</th>
                </tr>
              </thead>
              <tbody>
                {indicator.datasets.map((dataset) => (
                  <tr key={dataset.id}>
                    <th scope="row">
                      {dataset.id === shown?.dataset.id ? (
                        <>
                          {dataset.series} <span className="meta">({t('indicators.shown')})</span>
                        </>
                      ) : live ? (
                        <Link to={{ view: 'indicator', lang, id: indicator.id, dataset: dataset.id }}>
                          {dataset.series}
                        </Link>
                      ) : (
                        dataset.series
                      )}
                      {dataset.seriesDescription ? (
                        <>
                          <br />
                          <span className="meta" style={{ fontWeight: 'normal' }}>
                            <SeriesDescription series={dataset.series} text={dataset.seriesDescription} />
                          </span>
                        </>
                      ) : null}
                    </th>
                    <td>{dataset.unit ? t('indicators.unitName', { unit: dataset.unit }) : ''}</td>
                    <td>{translator.formatNumber(dataset.observationCount)}</td>
                    <td>
                      <span {...english}>{dataset.source.name}</span>{' '}
                      <ProvenanceLabel provenance={datasetProvenance(dataset)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </Section>
      {shown ? <DatasetChart data={data} route={route} key={shown.dataset.id} /> : null}
    </article>
  );
}

/** The chart of the shown dataset with its choices (in the live app; the static page shows the default view). */
function DatasetChart({ data, route }: { data: IndicatorData; route: IndicatorRoute }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { live, base } = useNavigation();
  const id = useId();
  const shown = data.shown!;
  const areas = useMemo(
    () =>
      areasOf(shown.chart).sort((left, right) =>
        areaLabel(data.areas, left, lang).localeCompare(areaLabel(data.areas, right, lang), lang),
      ),
    [shown.chart, data.areas, lang],
  );
  const [area, setArea] = useState(() => (route.area && areas.includes(route.area) ? route.area : areas[0]));
  const areaLines = useMemo(() => shown.chart.lines.filter((line) => line.area === area), [shown.chart, area]);
  const dimensions = useMemo(() => dimensionsOf(areaLines), [areaLines]);
  const [requested, setRequested] = useState<DimensionChoices>(() => parseChoices(route.where));
  const [kind, setKind] = useState<ChartKind>(route.chart ?? 'line');
  const choices = resolveChoices(dimensions, requested);
  const lines = selectLines(areaLines, area, choices);
  const varying = varyingDimensions(lines);
  const labels = lines.map((line) => lineLabel(translator, line, varying));
  const areaText = area ? areaLabel(data.areas, area, lang) : '';
  const title = t('indicators.chartTitle', { series: shown.dataset.series, area: areaText });
  // SG_CPA_MIGRS holds categories: drawn as the category grid, without line/bar or domain choices.
  const categorical = isCategorySeries(shown.dataset.series);

  const remember = (next: { area?: string | undefined; choices?: DimensionChoices; kind?: ChartKind }) => {
    const nextRoute: IndicatorRoute = {
      view: 'indicator',
      lang,
      id: data.indicator.id,
      dataset: shown.dataset.id,
      ...((next.area ?? area) ? { area: next.area ?? area } : {}),
      where: formatChoices(next.choices ?? choices, choosableDimensions(dimensions)) || undefined,
      chart: next.kind ?? kind,
    };
    if (!nextRoute.where) delete nextRoute.where;
    // The selection is part of the URL (shareable) without reloading the data.
    window.history.replaceState(null, '', formatRoute(nextRoute, base));
  };

  return (
    <Section title={`${t('indicators.series')} ${shown.dataset.series}`} id="chart">
      {shown.dataset.seriesDescription ? (
        <p className="meta">
          <SeriesDescription series={shown.dataset.series} text={shown.dataset.seriesDescription} />
        </p>
      ) : null}
      {live ? (
        <fieldset
          className="chart-choices"
          data-testid="indicator-choices"
          style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.25rem', alignItems: 'center' }}
        >
          <legend>{t('indicators.choices')}</legend>
          <label htmlFor={`${id}-area`}>{t('indicators.area')}</label>
          <select
            id={`${id}-area`}
            value={area}
            onChange={(event) => {
              setArea(event.target.value);
              remember({ area: event.target.value });
            }}
          >
            {areas.map((code) => (
              <option key={code} value={code}>
                {areaLabel(data.areas, code, lang)}
              </option>
            ))}
          </select>
          {(categorical ? [] : choosableDimensions(dimensions)).map((dimension) => (
            <span
              key={dimension}
              className="choice"
              style={{ display: 'inline-flex', gap: '0.4rem', alignItems: 'center' }}
            >
              <label htmlFor={`${id}-${dimension}`}>{dimensionName(translator, dimension)}</label>
              <select
                id={`${id}-${dimension}`}
                data-dimension={dimension}
                value={choices[dimension]}
                onChange={(event) => {
                  const next = { ...choices, [dimension]: event.target.value };
                  setRequested(next);
                  remember({ choices: next });
                }}
              >
                <option value={EVERY_CODE}>{t('indicators.everyCode')}</option>
                {(dimensions[dimension] ?? []).map((code) => (
                  <option key={code} value={code}>
                    {codeLabel(translator, dimension, code)}
                  </option>
                ))}
              </select>
            </span>
          ))}
          {categorical ? null : (
            <span className="choice" role="radiogroup" aria-label={t('indicators.chartKind')}>
              {(['line', 'bar'] as const).map((option) => (
                <label
                  key={option}
                  style={{
                    display: 'inline-flex',
                    flexDirection: 'row',
                    gap: '0.3rem',
                    alignItems: 'center',
                    marginInlineEnd: '0.75rem',
                  }}
                >
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    value={option}
                    checked={kind === option}
                    onChange={() => {
                      setKind(option);
                      remember({ kind: option });
                    }}
                  />
                  {t(option === 'line' ? 'indicators.line' : 'indicators.bar')}
                </label>
              ))}
            </span>
          )}
        </fieldset>
      ) : null}
      {lines.length > 0 && categorical ? (
        <CategoryGridOfLines
          lines={areaLines}
          title={title}
          filename={`migov-indicator-${data.indicator.id}-${shown.dataset.series}-${area ?? ''}`}
        />
      ) : lines.length === 0 ? (
        <p>{t('indicators.noLines')}</p>
      ) : (
        <IndicatorFigure
          lines={lines}
          labels={labels}
          kind={kind}
          title={title}
          {...(shown.dataset.unit
            ? { note: `${t('indicators.unit')}: ${t('indicators.unitName', { unit: shown.dataset.unit })}` }
            : {})}
          filename={`migov-indicator-${data.indicator.id}-${shown.dataset.series}-${area ?? ''}`}
        />
      )}
    </Section>
  );
}

/** SDG 10.7.2 categories of one area: categories by domain and year, never a numeric line. */
function CategoryGridOfLines({
  lines,
  title,
  filename,
}: {
  lines: Parameters<typeof categoryGridOfLines>[0];
  title: string;
  filename: string;
}) {
  const translator = useI18n();
  const grid = categoryGridOfLines(lines);
  return (
    <CategoryGridFigure
      title={title}
      filename={filename}
      rows={grid.rows.map((code) => ({ key: code, label: codeLabel(translator, 'POLICY_DOMAINS', code) }))}
      columns={grid.years.map((year) => ({ key: String(year), label: String(year) }))}
      classes={grid.classes}
    />
  );
}
