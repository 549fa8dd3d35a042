/* @jsxRuntime automatic */
/** Countries and groups (regions, regional consultative processes, any grouping) side by side. */
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { areaName, pickText } from '../app/localized.ts';
import { CategoryBadge } from '../app/shared.tsx';
import { classifyResult, meetingShare, normalizeAreaCode, OVERALL } from '../charts/category-scale.ts';
import type { LocalizedText, PublishedResult } from '../api/api-types.ts';
import type { CompareData } from './public-data.ts';

export function ComparePage({ data, codes }: { data: CompareData; codes: readonly string[] }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { navigate, live } = useNavigation();
  const { round, instrument } = data;
  const chosen = codes.map(normalizeAreaCode).filter((code) => data.areas.has(code));
  const byCode = new Map<string, PublishedResult>(data.results.map((result) => [normalizeAreaCode(result.jurisdiction), result]));
  const bandLabels = new Map<number, LocalizedText>((instrument?.scoring?.bands ?? []).map((band) => [band.code, band.label]));
  const options = [...data.areas.values()].filter((area) => area.kind !== 'world').map((area) => ({ code: normalizeAreaCode(area.code), name: areaName(area, lang), kind: area.kind }));
  options.sort((left, right) => (left.kind === 'country' ? 1 : 0) - (right.kind === 'country' ? 1 : 0) || left.name.localeCompare(right.name, lang));
  const domains = [OVERALL, ...(instrument?.domains.map((domain) => domain.code) ?? [])];
  const label = (code: string) => (code === OVERALL ? t('common.overall') : pickText(instrument?.domains.find((domain) => domain.code === code)?.label, lang));
  const year = round?.year;

  return (
    <>
      <h1>{t('compare.title')}</h1>
      {live ? (
        <label className="controls">
          {t('compare.add')}{' '}
          <select
            value=""
            onChange={(event) => {
              if (event.target.value) navigate({ view: 'compare', lang, codes: [...chosen, event.target.value], ...(year ? { year } : {}) });
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
      ) : null}
      {chosen.length === 0 ? (
        <p>{t('compare.empty')}</p>
      ) : (
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
                    {area.kind === 'country' ? <Link to={{ view: 'country', lang, code, ...(year ? { year } : {}) }}>{name}</Link> : name}
                    {live ? (
                      <>
                        {' '}
                        <Link className="remove" to={{ view: 'compare', lang, codes: chosen.filter((entry) => entry !== code), ...(year ? { year } : {}) }} aria-label={t('compare.remove', { name })}>
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
                    return (
                      <td key={code}>
                        <CategoryBadge cls={classifyResult(byCode.get(code), domain)} bandLabels={bandLabels} />
                      </td>
                    );
                  }
                  const share = meetingShare(members.map((member) => classifyResult(byCode.get(member), domain)));
                  return (
                    <td key={code}>
                      {share.responding > 0 ? t('compare.groupShare', { percent: translator.formatPercent((100 * share.meeting) / share.responding), meeting: share.meeting, responding: share.responding }) : t('common.noData')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
