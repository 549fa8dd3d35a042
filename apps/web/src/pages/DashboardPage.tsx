/* @jsxRuntime automatic */
/** The public dashboard: a world choropleth of the chosen domain and round, world and regional figures. */
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { formatRoute } from '../app/routes.ts';
import { areaName, categoryLabel, pickText } from '../app/localized.ts';
import { Section } from '../app/shared.tsx';
import { ChartFrame } from '../charts/ChartFrame.tsx';
import { ChoroplethMap } from '../charts/ChoroplethMap.tsx';
import { BarChart } from '../charts/BarChart.tsx';
import { layoutBars, type BarRow } from '../charts/bar-chart-state.ts';
import { classifyResults, legendEntries, meetingShare, normalizeAreaCode, OVERALL, type CategoryClass } from '../charts/category-scale.ts';
import type { ComputedAggregate, LocalizedText } from '../api/api-types.ts';
import type { DashboardData } from './public-data.ts';

export function DashboardPage({ data, domain }: { data: DashboardData; domain?: string }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { navigate, live, base } = useNavigation();
  const { round, instrument, results, aggregates, areas } = data;
  const domainEntry = instrument?.domains.find((entry) => entry.code === domain);
  const domainCode = domainEntry ? domainEntry.code : OVERALL;
  const domainTitle = domainEntry ? pickText(domainEntry.label, lang) : t('common.overall');
  const aggregateDomain = domainEntry ? domainEntry.code : (instrument?.scoring?.overallCode ?? 'ALLDOMAINS');
  const classes = useMemo(() => classifyResults(results, domainCode), [results, domainCode]);
  // One collator for the sorts below (localeCompare with a locale builds one per comparison).
  const collator = useMemo(() => new Intl.Collator(lang), [lang]);
  const geometry = data.map;
  const bandLabels = new Map<number, LocalizedText>((instrument?.scoring?.bands ?? []).map((band) => [band.code, band.label]));
  const bandCodes = instrument?.scoring?.bands.map((band) => band.code) ?? [1, 2, 3, 4];
  const countryCodes = [...areas.values()].filter((area) => area.kind === 'country').map((area) => normalizeAreaCode(area.code));
  const legend = legendEntries(bandCodes, classes, countryCodes);
  const nameOf = (code: string, fallback = code) => {
    const area = areas.get(code);
    return area ? areaName(area, lang) : fallback;
  };
  const classLabel = (cls: CategoryClass) => (cls.kind === 'category' ? categoryLabel(translator, cls.code, bandLabels.get(cls.code)) : t(cls.kind === 'no-data' ? 'common.noData' : 'common.notApplicable'));
  const year = round?.year;

  if (!round) {
    return (
      <>
        <h1>{t('dashboard.title')}</h1>
        <p>{t('dashboard.noRounds')}</p>
      </>
    );
  }
  const ofDomain = (aggregate: ComputedAggregate) => aggregate.domain === aggregateDomain && aggregate.year === round.year;
  const world = aggregates?.computed.find((aggregate) => ofDomain(aggregate) && normalizeAreaCode(aggregate.area) === '1');
  const share = meetingShare(classes.values());
  const regionRows: BarRow[] = (aggregates?.computed ?? [])
    .filter((aggregate) => ofDomain(aggregate) && data.sdgRegions.includes(normalizeAreaCode(aggregate.area)))
    .map((aggregate) => ({ key: aggregate.area, label: nameOf(normalizeAreaCode(aggregate.area)), value: aggregate.denominator > 0 ? aggregate.value : undefined, numerator: aggregate.numerator, denominator: aggregate.denominator }))
    .sort((left, right) => collator.compare(left.label, right.label));
  const regionAggregates = new Map((aggregates?.computed ?? []).filter(ofDomain).map((aggregate) => [normalizeAreaCode(aggregate.area), aggregate]));
  const tableRows = results
    .map((result) => ({ code: normalizeAreaCode(result.jurisdiction), cls: classes.get(normalizeAreaCode(result.jurisdiction)) ?? ({ kind: 'no-data' } as CategoryClass) }))
    .map((row) => ({ ...row, name: nameOf(row.code) }))
    .sort((left, right) => collator.compare(left.name, right.name));
  const mapTitle = t('dashboard.mapTitle', { domain: domainTitle, year: round.year });

  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <div className="controls">
        <label>
          {t('common.round')}{' '}
          {live ? (
            <select value={round.year} onChange={(event) => navigate({ view: 'dashboard', lang, year: Number(event.target.value), ...(domainEntry ? { domain: domainEntry.code } : {}) })}>
              {[...new Set(data.rounds.map((entry) => entry.year))].map((entryYear) => (
                <option key={entryYear} value={entryYear}>
                  {entryYear}
                </option>
              ))}
            </select>
          ) : (
            <strong>{round.year}</strong>
          )}
        </label>
        {live && instrument ? (
          <label>
            {t('common.domain')}{' '}
            <select value={domainEntry?.code ?? ''} onChange={(event) => navigate({ view: 'dashboard', lang, year: round.year, ...(event.target.value ? { domain: event.target.value } : {}) })}>
              <option value="">{t('common.overall')}</option>
              {instrument.domains.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {pickText(entry.label, lang)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {results.length === 0 ? <p>{t('dashboard.noResults', { year: round.year })}</p> : null}
      <ChartFrame
        title={mapTitle}
        description={t('dashboard.mapDescription', { count: results.length })}
        filename={`migov-map-${round.year}-${domainCode}`}
        chart={({ titleId, descriptionId }) => (
          <ChoroplethMap
            geometry={geometry}
            classes={classes}
            title={mapTitle}
            titleId={titleId}
            descriptionId={descriptionId}
            describe={(code, atlasName, cls) => t('dashboard.tooltip', { country: code ? nameOf(code, atlasName) : atlasName, category: classLabel(cls) })}
            hrefFor={(code) => formatRoute({ view: 'country', lang, code, ...(year && live ? { year } : {}) }, base)}
            {...(live ? { onOpen: (code: string) => navigate({ view: 'country', lang, code, ...(year ? { year } : {}) }) } : {})}
          />
        )}
        legend={
          <ul className="legend" aria-label={t('chart.legend')}>
            {legend.map((entry) => (
              <li key={entry.key}>
                <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />
                {entry.kind === 'category' ? categoryLabel(translator, entry.category!, bandLabels.get(entry.category!)) : t(entry.kind === 'no-data' ? 'common.noData' : 'common.notApplicable')}{' '}
                <span className="count">({t('common.countries', { count: entry.count })})</span>
              </li>
            ))}
          </ul>
        }
        table={
          <table>
            <caption>{mapTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.country')}</th>
                <th scope="col">{t('common.category')}</th>
                <th scope="col">{t('common.score')}</th>
              </tr>
            </thead>
            <tbody>
              {tableRows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">
                    <Link to={{ view: 'country', lang, code: row.code, ...(live ? { year: round.year } : {}) }}>{row.name}</Link>
                  </th>
                  <td>{classLabel(row.cls)}</td>
                  <td>{row.cls.kind === 'category' ? row.cls.score ?? '' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Section title={t('dashboard.meetingTitle', { domain: domainTitle, year: round.year })} id="meeting">
        <p className="figure" data-testid="world-figure">
          <strong>{t('dashboard.world')}:</strong>{' '}
          {world && world.denominator > 0
            ? t('dashboard.meetingFigure', { percent: translator.formatPercent(world.value), meeting: world.numerator, responding: world.denominator })
            : share.responding > 0
              ? t('dashboard.meetingFigure', { percent: translator.formatPercent((100 * share.meeting) / share.responding), meeting: share.meeting, responding: share.responding })
              : t('common.noData')}
          {world ? <> · {t('dashboard.coverage', { responding: world.coverage.responding, members: world.coverage.members })}</> : null}
        </p>
        {regionRows.length > 0 ? (
          <ChartFrame
            title={t('dashboard.regions')}
            description={t('dashboard.meetingTitle', { domain: domainTitle, year: round.year })}
            filename={`migov-regions-${round.year}-${domainCode}`}
            chart={({ titleId, descriptionId }) => <BarChart layout={layoutBars(regionRows, { width: 760, labelWidth: 300 })} title={t('dashboard.regions')} titleId={titleId} descriptionId={descriptionId} formatValue={translator.formatPercent} />}
            table={
              <table>
                <caption>{t('dashboard.regions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.area')}</th>
                    <th scope="col">{t('dashboard.percentMeeting')}</th>
                    <th scope="col">{t('dashboard.nOfN')}</th>
                    <th scope="col">{t('dashboard.coverage', { responding: 'n', members: 'N' })}</th>
                  </tr>
                </thead>
                <tbody>
                  {regionRows.map((row) => {
                    const aggregate = regionAggregates.get(normalizeAreaCode(row.key));
                    return (
                      <tr key={row.key}>
                        <th scope="row">{row.label}</th>
                        <td>{row.value === undefined ? '–' : translator.formatPercent(row.value)}</td>
                        <td>
                          {row.numerator}/{row.denominator}
                        </td>
                        <td>{aggregate ? `${aggregate.coverage.responding}/${aggregate.coverage.members}` : ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            }
          />
        ) : null}
      </Section>
    </>
  );
}
