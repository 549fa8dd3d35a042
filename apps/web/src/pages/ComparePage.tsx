/* @jsxRuntime automatic */
/**
 * Countries and groups (the world, regions, regional consultative processes, any grouping) side by
 * side in a round: a country's shown value with its provenance; a group's figure as the UN published
 * it where it did, else migov's computation from its members' values, labelled.
 */
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { areaName, domainLabel } from '../app/localized.ts';
import { CategoryBadge } from '../app/shared.tsx';
import { DemoBanner, ProvenanceLabel } from '../app/Provenance.tsx';
import { classifyValue, meetingShare, normalizeAreaCode, OVERALL } from '../charts/category-scale.ts';
import type { CountryResult, LocalizedText, ValueProvenance } from '@migov/server/api';
import { isOfficialFigure, type CompareData, type OfficialFigure } from './public-data.ts';
import { ScrollBox } from '../app/ScrollBox.tsx';

export function ComparePage({ data, codes }: { data: CompareData; codes: readonly string[] }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { navigate, live } = useNavigation();
  const { round, instrument } = data;
  const chosen = codes.map(normalizeAreaCode).filter((code) => data.areas.has(code));
  const byCode = new Map<string, CountryResult>(data.results.map((result) => [normalizeAreaCode(result.area), result]));
  const overallCode = instrument?.scoring?.overallCode ?? 'ALLDOMAINS';
  const official = new Map<string, OfficialFigure>(
    (data.aggregates?.official ?? [])
      .filter(isOfficialFigure)
      .map((aggregate) => [`${normalizeAreaCode(aggregate.area)}|${aggregate.domain.toUpperCase()}`, aggregate]),
  );
  const officialOf = (code: string, domain: string) =>
    official.get(`${code}|${(domain === OVERALL ? overallCode : domain).toUpperCase()}`);
  const bandLabels = new Map<number, LocalizedText>(
    (instrument?.scoring?.bands ?? []).map((band) => [band.code, band.label]),
  );
  const options = [...data.areas.values()].map((area) => ({
    code: normalizeAreaCode(area.code),
    name: areaName(area, lang),
    kind: area.kind,
  }));
  options.sort(
    (left, right) =>
      (left.kind === 'country' ? 1 : 0) - (right.kind === 'country' ? 1 : 0) ||
      left.name.localeCompare(right.name, lang),
  );
  const domains = [OVERALL, ...(instrument?.domains.map((domain) => domain.code) ?? [])];
  const label = (code: string) =>
    code === OVERALL
      ? t('common.overall')
      : domainLabel(
          translator,
          instrument?.domains.find((domain) => domain.code === code),
        );
  const year = round?.year;

  return (
    <>
      <h1>{t('compare.title')}</h1>
      {data.containsDemo ? <DemoBanner /> : null}
      {live ? (
        <div className="controls">
          <label>
            {t('common.round')}{' '}
            <select
              value={year ?? ''}
              onChange={(event) => navigate({ view: 'compare', lang, codes: chosen, year: Number(event.target.value) })}
            >
              {data.index.rounds.map((entry) => (
                <option key={entry.year} value={entry.year}>
                  {entry.year}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('compare.add')}{' '}
            <select
              value=""
              onChange={(event) => {
                if (event.target.value)
                  navigate({
                    view: 'compare',
                    lang,
                    codes: [...chosen, event.target.value],
                    ...(year ? { year } : {}),
                  });
              }}
            >
              <option value="">{t('compare.choose')}</option>
              {options
                .filter((option) => !chosen.includes(option.code))
                .map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}
                  </option>
                ))}
            </select>
          </label>
        </div>
      ) : null}
      {chosen.length === 0 ? (
        <p>{t('compare.empty')}</p>
      ) : (
        <ScrollBox label={t('compare.title')}>
          <table className="compare">
            <caption>
              {t('compare.title')} · {year ?? ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('common.domain')}</th>
                {chosen.map((code) => {
                  const area = data.areas.get(code)!;
                  const name = areaName(area, lang);
                  return (
                    <th scope="col" key={code}>
                      {area.kind === 'country' ? (
                        <Link to={{ view: 'country', lang, code, ...(year ? { year } : {}) }}>{name}</Link>
                      ) : (
                        name
                      )}
                      {live ? (
                        <>
                          {' '}
                          <Link
                            className="remove"
                            to={{
                              view: 'compare',
                              lang,
                              codes: chosen.filter((entry) => entry !== code),
                              ...(year ? { year } : {}),
                            }}
                            aria-label={t('compare.remove', { name })}
                          >
                            ×
                          </Link>
                        </>
                      ) : null}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {domains.map((domain) => (
                <tr key={domain}>
                  <th scope="row">{label(domain)}</th>
                  {chosen.map((code) => {
                    const members = data.members.get(code) ?? [];
                    if (data.areas.get(code)?.kind === 'country') {
                      const result = byCode.get(code);
                      return (
                        <td key={code} data-area={code}>
                          <CategoryBadge cls={classifyValue(result?.value, domain)} bandLabels={bandLabels} />
                          {domain === OVERALL ? <ProvenanceLabel provenance={result?.value.provenance} /> : null}
                        </td>
                      );
                    }
                    const published = officialOf(code, domain);
                    if (published) {
                      return (
                        <td key={code} data-area={code}>
                          {t('compare.officialShare', { percent: translator.formatPercent(published.value) })}
                          {domain === OVERALL ? <ProvenanceLabel provenance={published.provenance} /> : null}
                        </td>
                      );
                    }
                    const values = members.map((member) => byCode.get(member));
                    const share = meetingShare(values.map((result) => classifyValue(result?.value, domain)));
                    const provenance: ValueProvenance = values.some(
                      (result) => result?.value.provenance.kind === 'demo',
                    )
                      ? { kind: 'demo', label: '' }
                      : { kind: 'computed', label: '', responding: share.responding, members: members.length };
                    return (
                      <td key={code} data-area={code}>
                        {share.responding > 0
                          ? t('compare.groupShare', {
                              percent: translator.formatPercent((100 * share.meeting) / share.responding),
                              meeting: share.meeting,
                              responding: share.responding,
                            })
                          : t('common.noData')}
                        {domain === OVERALL || provenance.kind === 'demo' ? (
                          <ProvenanceLabel provenance={provenance} />
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
