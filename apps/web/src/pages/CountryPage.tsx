/* @jsxRuntime automatic */
/** A country profile: domains and categories, answers, change since the last round, next-category advice, related commitments, the region. */
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { areaName, categoryLabel, pickText } from '../app/localized.ts';
import { CategoryBadge, Section } from '../app/shared.tsx';
import { changeBetween, classifyResult, meetingShare, normalizeAreaCode, OVERALL } from '../charts/category-scale.ts';
import type { LocalizedText } from '../api/api-types.ts';
import type { CountryData } from './public-data.ts';
import { adviceFor, itemStrengths, relatedCommitments, toResponses } from './country-profile-state.ts';
import { PublishedEvidenceList, type EvidenceHref } from './PublishedEvidenceList.tsx';
import { CountryIndicatorsPanel } from './indicators/CountryIndicatorsPanel.tsx';

export function CountryPage({ data, evidenceHref }: { data: CountryData; evidenceHref?: EvidenceHref }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { live } = useNavigation();
  const name = data.area ? areaName(data.area, lang) : data.code;
  const { round, instrument } = data;
  const latest = data.publications.at(-1);
  if (!round || !instrument || !latest) {
    return (
      <>
        <h1>{t('country.title', { country: name })}</h1>
        <p>{t('country.noPublication', { country: name, year: round?.year ?? '' })}</p>
        <CountryIndicatorsPanel code={data.code} country={name} />
        <p>
          <Link to={{ view: 'dashboard', lang }}>{t('common.backHome')}</Link>
        </p>
      </>
    );
  }
  const bandLabels = new Map<number, LocalizedText>((instrument.scoring?.bands ?? []).map((band) => [band.code, band.label]));
  const responses = toResponses(latest.responses);
  const advice = adviceFor(instrument, responses);
  const strengths = itemStrengths(instrument, responses);
  const itemText = new Map(instrument.domains.flatMap((domain) => domain.items.map((item) => [item.id, pickText(item.text, lang)] as const)));
  const optionLabel = (itemId: string, optionId: string | undefined) => {
    const item = instrument.domains.flatMap((domain) => domain.items).find((entry) => entry.id === itemId);
    const option = item ? instrument.scales[item.scale]?.find((entry) => entry.id === optionId) : undefined;
    return option ? pickText(option.label, lang) : '–';
  };
  const overall = classifyResult(latest, OVERALL);
  const regionResults = data.region ? data.results.filter((result) => data.region!.members.includes(normalizeAreaCode(result.jurisdiction))) : [];
  const regionName = data.region ? areaName(data.region.area, lang) : '';
  const domainLabel = (code: string) => pickText(instrument.domains.find((domain) => domain.code === code)?.label, lang) || code;

  return (
    <article className="profile">
      <h1>{t('country.title', { country: name })}</h1>
      <p className="meta">
        {t('common.round')} {round.year} · {t('country.publication', { number: latest.publicationNumber, date: translator.formatDate(latest.publishedAt) })}
        {live ? (
          <>
            {' '}
            <button type="button" className="print-button" onClick={() => window.print()}>
              {t('common.print')}
            </button>
          </>
        ) : null}
      </p>
      <p className="overall" data-testid="overall-category">
        {t('country.overall', { category: '' })}
        <CategoryBadge cls={overall} bandLabels={bandLabels} /> {latest.overall.score ? `(${latest.overall.score})` : null}
        {data.previous ? <> · {t('country.change', { year: data.previous.year, change: changeBetween(classifyResult(data.previous.result, OVERALL), overall) })}</> : null}
      </p>

      <Section title={t('country.domains')} id="domains">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.domain')}</th>
              <th scope="col">{t('common.category')}</th>
              <th scope="col">{t('common.score')}</th>
              {data.previous ? <th scope="col">{t('country.changeSince', { year: data.previous.year })}</th> : null}
            </tr>
          </thead>
          <tbody>
            {instrument.domains.map((domain) => {
              const cls = classifyResult(latest, domain.code);
              return (
                <tr key={domain.code}>
                  <th scope="row">
                    <a href={`#domain-${domain.code}`}>{pickText(domain.label, lang)}</a>
                  </th>
                  <td>
                    <CategoryBadge cls={cls} bandLabels={bandLabels} />
                  </td>
                  <td>{cls.kind === 'category' ? cls.score ?? '' : ''}</td>
                  {data.previous ? <td>{t('country.changeValue', { change: changeBetween(classifyResult(data.previous.result, domain.code), cls) })}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>

      <CountryIndicatorsPanel code={data.code} country={name} />

      {instrument.domains.map((domain) => {
        const cls = classifyResult(latest, domain.code);
        const next = advice?.domains[domain.id] ?? advice?.domains[domain.code];
        const related = relatedCommitments(domain.code);
        const label = pickText(domain.label, lang);
        return (
          <section key={domain.code} id={`domain-${domain.code}`} className="domain" aria-labelledby={`domain-${domain.code}-heading`}>
            <h2 id={`domain-${domain.code}-heading`}>
              {label} <CategoryBadge cls={cls} bandLabels={bandLabels} />
            </h2>
            {domain.migof ? <p className="migof">{t('country.migof', { element: t('migof.element', { element: domain.migof }) })}</p> : null}
            <table className="items">
              <caption className="visually-hidden">{t('country.items')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('country.items')}</th>
                  <th scope="col">{t('country.answer')}</th>
                  <th scope="col">{t('country.evidence')}</th>
                </tr>
              </thead>
              <tbody>
                {domain.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{pickText(item.text, lang)}</th>
                    <td>{optionLabel(item.id, responses[item.id])}</td>
                    <td>
                      <PublishedEvidenceList entries={latest.evidence?.[item.id]} href={evidenceHref} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t('country.nextCategory')}</h3>
            {!next || next.status === 'incomplete' || next.status === 'not-applicable' || next.status === 'unreachable' ? (
              <p>{t('country.nextUnavailable', { domain: label })}</p>
            ) : next.status === 'top' ? (
              <p>{t('country.nextTop', { domain: label })}</p>
            ) : (
              <>
                <p>{t('country.nextChanges', { count: next.changes.length, domain: label, category: categoryLabel(translator, next.next.code, next.next.label) })}</p>
                <ul>
                  {next.changes.map((change) => (
                    <li key={change.itemId}>{t('country.changeTo', { item: itemText.get(change.itemId) ?? change.itemId, option: optionLabel(change.itemId, change.toOptionId) })}</li>
                  ))}
                </ul>
              </>
            )}
            {related ? (
              <details className="related">
                <summary>{t('country.related')}</summary>
                <h4>{t('country.gcm')}</h4>
                <ul>
                  {related.gcmObjectives.map((objective) => (
                    <li key={objective.objective}>
                      {objective.objective}. {objective.title}
                      {objective.basis === 'editorial' ? <em> ({t('country.editorial')})</em> : null}
                    </li>
                  ))}
                </ul>
                <h4>{t('country.sdg')}</h4>
                <ul>
                  {related.sdgTargets.map((target) => (
                    <li key={target.target}>
                      {target.target}
                      {target.text ? ` — ${target.text}` : ''}
                      {target.basis === 'editorial' ? <em> ({t('country.editorial')})</em> : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        );
      })}

      <Section title={t('country.strengths')} id="strengths">
        {strengths.strong.length ? (
          <ul>
            {strengths.strong.map((itemId) => (
              <li key={itemId}>{itemText.get(itemId)}</li>
            ))}
          </ul>
        ) : (
          <p>{t('country.none')}</p>
        )}
      </Section>
      <Section title={t('country.gaps')} id="gaps">
        {strengths.weak.length ? (
          <ul>
            {strengths.weak.map((itemId) => (
              <li key={itemId}>{itemText.get(itemId)}</li>
            ))}
          </ul>
        ) : (
          <p>{t('country.none')}</p>
        )}
      </Section>

      {data.region ? (
        <Section title={t('country.region', { region: regionName })} id="region">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.domain')}</th>
                <th scope="col">{name}</th>
                <th scope="col">{regionName}</th>
              </tr>
            </thead>
            <tbody>
              {[OVERALL, ...instrument.domains.map((domain) => domain.code)].map((code) => {
                const share = meetingShare(regionResults.map((result) => classifyResult(result, code)));
                return (
                  <tr key={code}>
                    <th scope="row">{code === OVERALL ? t('common.overall') : domainLabel(code)}</th>
                    <td>
                      <CategoryBadge cls={classifyResult(latest, code)} bandLabels={bandLabels} />
                    </td>
                    <td>{share.responding > 0 ? t('compare.groupShare', { percent: translator.formatPercent((100 * share.meeting) / share.responding), meeting: share.meeting, responding: share.responding }) : t('common.noData')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Section>
      ) : null}

      {data.publications.length > 1 ? (
        <Section title={t('country.history')} id="corrections">
          <ul>
            {data.publications.map((publication) => (
              <li key={publication.publicationNumber}>
                {t('country.publication', { number: publication.publicationNumber, date: translator.formatDate(publication.publishedAt) })}: <CategoryBadge cls={classifyResult(publication, OVERALL)} bandLabels={bandLabels} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </article>
  );
}
