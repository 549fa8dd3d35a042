/* @jsxRuntime automatic */
/**
 * The public dashboard: a world choropleth of the chosen domain and round, world and regional figures.
 * Every value names where it comes from: the UN's published figure is the headline, migov's own
 * computation is shown apart and labelled, and demo values carry a banner and a badge.
 */
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { formatRoute } from '../app/routes.ts';
import { areaName, categoryLabel, domainLabel, formatList, mapShapeName } from '../app/localized.ts';
import { Section } from '../app/shared.tsx';
import { DemoBanner, ProvenanceLabel, provenanceText } from '../app/Provenance.tsx';
import { ChartFrame } from '../charts/ChartFrame.tsx';
import { ChoroplethMap } from '../charts/ChoroplethMap.tsx';
import { BarChart } from '../charts/BarChart.tsx';
import { layoutBars, type BarRow } from '../charts/bar-chart-state.ts';
import {
  classifyValue,
  legendEntries,
  normalizeAreaCode,
  OVERALL,
  type CategoryClass,
} from '../charts/category-scale.ts';
import type { ComputedAggregate, LocalizedText, OfficialAggregate, ValueProvenance } from '@migov/server/api';
import { isOfficialFigure, type DashboardData, type OfficialFigure } from './public-data.ts';

export function DashboardPage({ data, domain }: { data: DashboardData; domain?: string }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { navigate, live, base } = useNavigation();
  const { round, instrument, results, aggregates, areas } = data;
  const domainEntry = instrument?.domains.find((entry) => entry.code === domain);
  const domainCode = domainEntry ? domainEntry.code : OVERALL;
  const domainTitle = domainEntry ? domainLabel(translator, domainEntry) : t('common.overall');
  const aggregateDomain = domainEntry ? domainEntry.code : (instrument?.scoring?.overallCode ?? 'ALLDOMAINS');
  const classes = useMemo(
    () =>
      new Map<string, CategoryClass>(
        results.map((result) => [normalizeAreaCode(result.area), classifyValue(result.value, domainCode)]),
      ),
    [results, domainCode],
  );
  const provenanceOf = useMemo(
    () =>
      new Map<string, ValueProvenance>(
        results.map((result) => [normalizeAreaCode(result.area), result.value.provenance]),
      ),
    [results],
  );
  // One collator for the sorts below (localeCompare with a locale builds one per comparison).
  const collator = useMemo(() => new Intl.Collator(lang), [lang]);
  const geometry = data.map;
  const bandLabels = new Map<number, LocalizedText>(
    (instrument?.scoring?.bands ?? []).map((band) => [band.code, band.label]),
  );
  const bandCodes = instrument?.scoring?.bands.map((band) => band.code) ?? [1, 2, 3, 4];
  const countryCodes = [...areas.values()]
    .filter((area) => area.kind === 'country')
    .map((area) => normalizeAreaCode(area.code));
  const legend = legendEntries(bandCodes, classes, countryCodes);
  const nameOf = (code: string, fallback = code) => {
    const area = areas.get(code);
    return area ? areaName(area, lang) : fallback;
  };
  const classLabel = (cls: CategoryClass) =>
    cls.kind === 'category'
      ? categoryLabel(translator, cls.code, bandLabels.get(cls.code))
      : t(cls.kind === 'no-data' ? 'common.noData' : 'common.notApplicable');
  const year = round?.year;

  if (!round) {
    return (
      <>
        <h1>{t('dashboard.title')}</h1>
        <p>{t('dashboard.noRounds')}</p>
      </>
    );
  }
  const ofDomain = (aggregate: ComputedAggregate | OfficialAggregate) =>
    aggregate.domain.toUpperCase() === aggregateDomain.toUpperCase();
  const computedByArea = new Map(
    (aggregates?.computed ?? [])
      .filter((aggregate) => ofDomain(aggregate) && aggregate.year === round.year)
      .map((aggregate) => [normalizeAreaCode(aggregate.area), aggregate]),
  );
  const officialByArea = new Map(
    (aggregates?.official ?? [])
      .filter(ofDomain)
      .filter(isOfficialFigure)
      .map((aggregate) => [normalizeAreaCode(aggregate.area), aggregate]),
  );
  const world = computedByArea.get('1');
  const officialWorld = officialByArea.get('1');
  const regionCodes = data.sdgRegions
    .filter((code) => computedByArea.has(code) || officialByArea.has(code))
    .sort((left, right) => collator.compare(nameOf(left), nameOf(right)));
  const anyOfficialRegion = regionCodes.some((code) => officialByArea.has(code));
  const regionRows: BarRow[] = regionCodes.map((code) => {
    if (anyOfficialRegion) return { key: code, label: nameOf(code), value: officialByArea.get(code)?.value };
    const aggregate = computedByArea.get(code)!;
    return {
      key: code,
      label: nameOf(code),
      value: aggregate.denominator > 0 ? aggregate.value : undefined,
      numerator: aggregate.numerator,
      denominator: aggregate.denominator,
    };
  });
  const regionsTitle = t(anyOfficialRegion ? 'dashboard.regionsOfficial' : 'dashboard.regionsComputed');
  const tableRows = results
    .map((result) => ({
      code: normalizeAreaCode(result.area),
      cls: classes.get(normalizeAreaCode(result.area)) ?? ({ kind: 'no-data' } as CategoryClass),
      provenance: result.value.provenance,
    }))
    .map((row) => ({ ...row, name: nameOf(row.code) }))
    .sort((left, right) => collator.compare(left.name, right.name));
  // Map shapes with no M49 area of their own have no profile: no link, a neutral fill, and a note.
  const hasProfile = (code: string) => areas.get(code)?.kind === 'country';
  const withoutArea = [
    ...new Set(
      geometry.shapes
        .filter((shape) => !shape.code || !hasProfile(shape.code))
        .map((shape) => shape.atlasName)
        .filter(Boolean)
        .map((atlasName) => mapShapeName(atlasName, lang)),
    ),
  ].sort((left, right) => collator.compare(left, right));
  const snapshot = data.index.snapshot;
  const mapTitle = t('dashboard.mapTitle', { domain: domainTitle, year: round.year });

  const officialFigure = (aggregate: OfficialFigure) => {
    const percent = translator.formatPercent(aggregate.value);
    const responding = aggregate.coverage?.responding;
    const published = aggregate.coverage?.publishedPerCountry;
    if (responding === undefined) return t('dashboard.officialFigureNoCount', { percent });
    return published !== undefined && published !== responding
      ? t('dashboard.officialFigurePublished', { percent, responding, published })
      : t('dashboard.officialFigure', { percent, responding });
  };
  const computedFigure = (aggregate: ComputedAggregate) =>
    aggregate.denominator > 0
      ? t('dashboard.meetingFigure', {
          percent: translator.formatPercent(aggregate.value),
          meeting: aggregate.numerator,
          responding: aggregate.denominator,
        })
      : t('common.noData');
  const computedProvenance = (aggregate: ComputedAggregate): ValueProvenance =>
    aggregate.provenance ?? {
      kind: 'computed',
      label: '',
      responding: aggregate.coverage.responding,
      members: aggregate.coverage.members,
    };

  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      {data.containsDemo ? <DemoBanner /> : null}
      <p className="meta" data-testid="snapshot">
        {snapshot
          ? t('dashboard.snapshot', { source: snapshot.source, date: translator.formatDate(snapshot.retrievedOn) })
          : t('dashboard.noSnapshot')}
      </p>
      <div className="controls">
        <label>
          {t('common.round')}{' '}
          {live ? (
            <select
              value={round.year}
              onChange={(event) =>
                navigate({
                  view: 'dashboard',
                  lang,
                  year: Number(event.target.value),
                  ...(domainEntry ? { domain: domainEntry.code } : {}),
                })
              }
            >
              {data.index.rounds.map((entry) => (
                <option key={entry.year} value={entry.year}>
                  {entry.year}
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
            <select
              value={domainEntry?.code ?? ''}
              onChange={(event) =>
                navigate({
                  view: 'dashboard',
                  lang,
                  year: round.year,
                  ...(event.target.value ? { domain: event.target.value } : {}),
                })
              }
            >
              <option value="">{t('common.overall')}</option>
              {instrument.domains.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {domainLabel(translator, entry)}
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
            hasProfile={hasProfile}
            describe={(code, atlasName, cls) => {
              const text = t('dashboard.tooltip', {
                country: code ? nameOf(code, mapShapeName(atlasName, lang)) : mapShapeName(atlasName, lang),
                category: classLabel(cls),
              });
              const provenance = code ? provenanceOf.get(code) : undefined;
              return provenance?.kind === 'demo' ? `${text} (${provenanceText(translator, provenance)})` : text;
            }}
            hrefFor={(code) => formatRoute({ view: 'country', lang, code, ...(year && live ? { year } : {}) }, base)}
            {...(live
              ? { onOpen: (code: string) => navigate({ view: 'country', lang, code, ...(year ? { year } : {}) }) }
              : {})}
          />
        )}
        legend={
          <>
            <ul className="legend" aria-label={t('chart.legend')}>
              {legend.map((entry) => (
                <li key={entry.key}>
                  <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
                    <rect width={10} height={10} fill={entry.colour} />
                  </svg>
                  {entry.kind === 'category'
                    ? categoryLabel(translator, entry.category!, bandLabels.get(entry.category!))
                    : t(entry.kind === 'no-data' ? 'common.noData' : 'common.notApplicable')}{' '}
                  <span className="count">({t('common.countries', { count: entry.count })})</span>
                </li>
              ))}
            </ul>
            {withoutArea.length > 0 ? (
              <p className="meta map-note" data-testid="map-no-area">
                {t('dashboard.noArea', { names: formatList(withoutArea, lang) })}
              </p>
            ) : null}
          </>
        }
        table={
          <table data-testid="map-table">
            <caption>{mapTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.country')}</th>
                <th scope="col">{t('common.category')}</th>
                <th scope="col">{t('common.source')}</th>
              </tr>
            </thead>
            <tbody>
              {tableRows.map((row) => (
                <tr key={row.code} data-area={row.code}>
                  <th scope="row">
                    {hasProfile(row.code) ? (
                      <Link to={{ view: 'country', lang, code: row.code, ...(live ? { year: round.year } : {}) }}>
                        {row.name}
                      </Link>
                    ) : (
                      row.name
                    )}
                  </th>
                  <td>{classLabel(row.cls)}</td>
                  <td>
                    <ProvenanceLabel provenance={row.provenance} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Section title={t('dashboard.meetingTitle', { domain: domainTitle, year: round.year })} id="meeting">
        <p className="figure figure-official" data-testid="world-figure">
          <strong>{t('dashboard.world')}:</strong>{' '}
          {officialWorld ? officialFigure(officialWorld) : t('dashboard.noOfficialFigure')}
          {officialWorld ? <ProvenanceLabel provenance={officialWorld.provenance} /> : null}
        </p>
        {world ? (
          <p className="figure figure-computed" data-testid="world-computed">
            <strong>{t('dashboard.worldComputed')}:</strong> {computedFigure(world)} ·{' '}
            {t('dashboard.coverage', { responding: world.coverage.responding, members: world.coverage.members })}
            <ProvenanceLabel provenance={computedProvenance(world)} />
          </p>
        ) : null}
        {regionRows.length > 0 ? (
          <ChartFrame
            title={regionsTitle}
            description={t('dashboard.meetingTitle', { domain: domainTitle, year: round.year })}
            filename={`migov-regions-${round.year}-${domainCode}`}
            chart={({ titleId, descriptionId }) => (
              <BarChart
                layout={layoutBars(regionRows, { width: 760, labelWidth: 300 })}
                title={regionsTitle}
                titleId={titleId}
                descriptionId={descriptionId}
                formatValue={translator.formatPercent}
              />
            )}
            table={
              <table data-testid="region-figures">
                <caption>{t('dashboard.regions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.area')}</th>
                    <th scope="col">{t('dashboard.officialColumn')}</th>
                    <th scope="col">{t('dashboard.computedColumn')}</th>
                    <th scope="col">{t('dashboard.coverage', { responding: 'n', members: 'N' })}</th>
                  </tr>
                </thead>
                <tbody>
                  {regionCodes.map((code) => {
                    const official = officialByArea.get(code);
                    const computed = computedByArea.get(code);
                    return (
                      <tr key={code} data-area={code}>
                        <th scope="row">{nameOf(code)}</th>
                        <td>{official ? officialFigure(official) : '–'}</td>
                        <td>
                          {computed ? computedFigure(computed) : '–'}
                          {computed && computedProvenance(computed).kind === 'demo' ? (
                            <ProvenanceLabel provenance={computedProvenance(computed)} />
                          ) : null}
                        </td>
                        <td>{computed ? `${computed.coverage.responding}/${computed.coverage.members}` : ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            }
          />
        ) : null}
        {anyOfficialRegion ? (
          <p className="meta chart-note">
            <ProvenanceLabel
              provenance={officialByArea.get(regionCodes.find((code) => officialByArea.has(code))!)!.provenance}
            />
          </p>
        ) : null}
      </Section>
    </>
  );
}
