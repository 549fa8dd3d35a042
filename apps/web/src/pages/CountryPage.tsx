/* @jsxRuntime automatic */
/**
 * A country profile: the round shown (the latest with a value, or the one asked for) with every round
 * the country has, each value with its provenance (the UN's, a national publication in migov, demo);
 * domains over time; the answers and evidence of a national publication; next-category advice,
 * related commitments, the region.
 */
import { optionLabel } from '@migov/core/instruments';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { areaName, categoryLabel, domainLabel } from '../app/localized.ts';
import { Localized, Message } from '../app/Localized.tsx';
import { CategoryBadge, Section } from '../app/shared.tsx';
import { DemoBanner, ProvenanceLabel } from '../app/Provenance.tsx';
import { CategoryGridFigure } from '../charts/CategoryGrid.tsx';
import { cellKey } from '../charts/category-grid-state.ts';
import {
  changeBetween,
  classifyResult,
  classifyValue,
  meetingShare,
  OVERALL,
  type CategoryClass,
} from '../charts/category-scale.ts';
import type { AreaIndicators, LocalizedText } from '@migov/server/api';
import type { CountryData } from './public-data.ts';
import { adviceFor, itemStrengths, relatedCommitments, toResponses } from './country-profile-state.ts';
import { PublishedEvidenceList, type EvidenceHref } from './PublishedEvidenceList.tsx';
import { CountryIndicatorsContext, CountryIndicatorsPanel } from './indicators/CountryIndicatorsPanel.tsx';
import { ScrollBox } from '../app/ScrollBox.tsx';

/**
 * The profile with the country's indicators read with it, when they could be (the app's page: drawn
 * on the server with its indicators, and taken over in the browser with the same); without them the
 * panel reads them itself.
 */
export function CountryProfile({ data, indicators }: { data: CountryData; indicators: AreaIndicators | undefined }) {
  return indicators ? (
    <CountryIndicatorsContext.Provider value={indicators}>
      <CountryPage data={data} />
    </CountryIndicatorsContext.Provider>
  ) : (
    <CountryPage data={data} />
  );
}

export function CountryPage({ data, evidenceHref }: { data: CountryData; evidenceHref?: EvidenceHref }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { live } = useNavigation();
  const name = data.area ? areaName(data.area, lang) : data.code;
  const { instrument, shown, history } = data;
  if (!instrument || !shown) {
    return (
      <>
        <h1>{t('country.title', { country: name })}</h1>
        {data.containsDemo ? <DemoBanner /> : null}
        <p>
          {data.year !== undefined && history.length > 0
            ? t('country.noPublication', { country: name, year: data.year })
            : t('country.noResults', { country: name })}
        </p>
        {history.length > 0 ? <RoundLinks data={data} /> : null}
        <CountryIndicatorsPanel code={data.code} country={name} />
        <p>
          <Link to={{ view: 'dashboard', lang }}>{t('common.backHome')}</Link>
        </p>
      </>
    );
  }
  const latest = data.publications.at(-1);
  const bandLabels = new Map<number, LocalizedText>(
    (instrument.scoring?.bands ?? []).map((band) => [band.code, band.label]),
  );
  const responses = toResponses(latest?.responses ?? {});
  const advice = latest ? adviceFor(instrument, responses) : undefined;
  const strengths = itemStrengths(instrument, responses);
  const itemText = new Map(
    instrument.domains.flatMap((domain) => domain.items.map((item) => [item.id, item.text] as const)),
  );
  const optionText = (itemId: string, optionId: string | undefined) => {
    const label = optionLabel(instrument, itemId, optionId);
    return label ? <Localized text={label} /> : '–';
  };
  const overall = classifyValue(shown.value, OVERALL);
  const previous = history.filter((entry) => entry.year < shown.year).at(-1);
  // A national (or demo) publication beside the UN's value is shown apart, labelled; it never replaces it.
  const beside = shown.shown === 'official' && shown.national ? shown.national : undefined;
  const regionResults = data.region?.results ?? [];
  const regionName = data.region ? areaName(data.region.area, lang) : '';
  const domainNameOf = (code: string) =>
    code === OVERALL
      ? t('common.overall')
      : domainLabel(
          translator,
          instrument.domains.find((domain) => domain.code === code),
        ) || code;
  const gridRows = [OVERALL, ...instrument.domains.map((domain) => domain.code)];
  const gridClasses = new Map<string, CategoryClass>(
    history.flatMap((entry) =>
      gridRows.map((code) => [cellKey(code, String(entry.year)), classifyValue(entry.value, code)] as const),
    ),
  );

  return (
    <article className="profile">
      <h1>{t('country.title', { country: name })}</h1>
      {data.containsDemo ? <DemoBanner /> : null}
      <p className="meta">
        {t('common.round')} {shown.year}
        {latest ? (
          <>
            {' '}
            ·{' '}
            {t('country.publication', {
              number: latest.publicationNumber,
              date: translator.formatDate(latest.publishedAt),
            })}
          </>
        ) : null}
        {live ? (
          <>
            {' '}
            <button type="button" className="print-button" onClick={() => window.print()}>
              {t('common.print')}
            </button>
          </>
        ) : null}
      </p>
      <RoundLinks data={data} />
      <p className="overall" data-year={shown.year} data-testid="overall-category">
        {t('country.overall', { category: '' })}
        <CategoryBadge cls={overall} bandLabels={bandLabels} />
        <ProvenanceLabel provenance={shown.value.provenance} />
        {previous ? (
          <>
            {' '}
            ·{' '}
            {t('country.change', {
              year: previous.year,
              change: changeBetween(classifyValue(previous.value, OVERALL), overall),
            })}
          </>
        ) : null}
      </p>
      {beside ? (
        <p className="overall-beside" data-testid="national-beside">
          {t('country.beside', { year: shown.year })}{' '}
          <CategoryBadge cls={classifyValue(beside, OVERALL)} bandLabels={bandLabels} />
          <ProvenanceLabel provenance={beside.provenance} />
          {shown.differs ? <> {t('country.differs')}</> : null}
        </p>
      ) : null}

      <Section title={t('country.domains')} id="domains">
        <ScrollBox label={t('country.domains')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.domain')}</th>
                <th scope="col">{t('common.category')}</th>
                <th scope="col">{t('common.score')}</th>
                {beside ? <th scope="col">{t('country.besideColumn')}</th> : null}
                {previous ? <th scope="col">{t('country.changeSince', { year: previous.year })}</th> : null}
              </tr>
            </thead>
            <tbody>
              {instrument.domains.map((domain) => {
                const cls = classifyValue(shown.value, domain.code);
                const score = latest && shown.shown !== 'official' ? classifyResult(latest, domain.code) : undefined;
                return (
                  <tr key={domain.code} data-domain={domain.code}>
                    <th scope="row">
                      {latest ? (
                        <a href={`#domain-${domain.code}`}>{domainLabel(translator, domain)}</a>
                      ) : (
                        domainLabel(translator, domain)
                      )}
                    </th>
                    <td>
                      <CategoryBadge cls={cls} bandLabels={bandLabels} />
                    </td>
                    <td>{score?.kind === 'category' ? (score.score ?? '') : ''}</td>
                    {beside ? (
                      <td>
                        <CategoryBadge cls={classifyValue(beside, domain.code)} bandLabels={bandLabels} />
                      </td>
                    ) : null}
                    {previous ? (
                      <td>
                        {t('country.changeValue', {
                          change: changeBetween(classifyValue(previous.value, domain.code), cls),
                        })}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      </Section>

      <Section title={t('country.overTime')} id="over-time">
        <CategoryGridFigure
          title={t('country.overTimeTitle', { country: name })}
          filename={`migov-country-${data.code}-categories`}
          rows={gridRows.map((code) => ({ key: code, label: domainNameOf(code) }))}
          columns={history.map((entry) => ({ key: String(entry.year), label: String(entry.year) }))}
          classes={gridClasses}
          bandLabels={bandLabels}
        />
        <ScrollBox label={t('country.roundsTable')}>
          <table data-testid="rounds-table">
            <caption>{t('country.roundsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.round')}</th>
                <th scope="col">{t('common.overall')}</th>
                <th scope="col">{t('common.source')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.year} data-year={entry.year}>
                  <th scope="row">{entry.year}</th>
                  <td>
                    <CategoryBadge cls={classifyValue(entry.value, OVERALL)} bandLabels={bandLabels} />
                  </td>
                  <td>
                    <ProvenanceLabel provenance={entry.value.provenance} />
                    {entry.shown === 'official' && entry.national ? (
                      <>
                        {' '}
                        · {t('country.besideShort')}{' '}
                        <CategoryBadge cls={classifyValue(entry.national, OVERALL)} bandLabels={bandLabels} />
                        <ProvenanceLabel provenance={entry.national.provenance} />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </Section>

      <CountryIndicatorsPanel code={data.code} country={name} />

      {latest ? (
        <p className="meta" data-testid="answers-source">
          {t('country.answersOf', { number: latest.publicationNumber, year: shown.year })}
          <ProvenanceLabel provenance={shown.national?.provenance} />
        </p>
      ) : (
        <p className="meta">{t('country.noAnswers')}</p>
      )}

      {(latest ? instrument.domains : []).map((domain) => {
        const cls = classifyResult(latest, domain.code);
        const next = advice?.domains[domain.id] ?? advice?.domains[domain.code];
        const related = relatedCommitments(domain.code);
        const label = domainLabel(translator, domain);
        return (
          <section
            key={domain.code}
            id={`domain-${domain.code}`}
            className="domain"
            aria-labelledby={`domain-${domain.code}-heading`}
          >
            <h2 id={`domain-${domain.code}-heading`}>
              {label} {shown.shown === 'official' ? null : <CategoryBadge cls={cls} bandLabels={bandLabels} />}
            </h2>
            {domain.migof ? (
              <p className="migof">{t('country.migof', { element: t('migof.element', { element: domain.migof }) })}</p>
            ) : null}
            <ScrollBox label={t('country.items')}>
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
                      <th scope="row">
                        <Localized text={item.text} />
                      </th>
                      <td>{optionText(item.id, responses[item.id])}</td>
                      <td>
                        <PublishedEvidenceList entries={latest?.evidence?.[item.id]} href={evidenceHref} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
            <h3>{t('country.nextCategory')}</h3>
            {!next ||
            next.status === 'incomplete' ||
            next.status === 'not-applicable' ||
            next.status === 'unreachable' ? (
              <p>{t('country.nextUnavailable', { domain: label })}</p>
            ) : next.status === 'top' ? (
              <p>{t('country.nextTop', { domain: label })}</p>
            ) : (
              <>
                <p>
                  {t('country.nextChanges', {
                    count: next.changes.length,
                    domain: label,
                    category: categoryLabel(translator, next.next.code, next.next.label),
                  })}
                </p>
                <ul>
                  {next.changes.map((change) => (
                    <li key={change.itemId}>
                      <Message
                        id="country.changeTo"
                        values={{
                          item: itemText.has(change.itemId) ? (
                            <Localized text={itemText.get(change.itemId)} />
                          ) : (
                            change.itemId
                          ),
                          option: optionText(change.itemId, change.toOptionId),
                        }}
                      />
                    </li>
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

      {latest ? (
        <>
          <Section title={t('country.strengths')} id="strengths">
            {strengths.strong.length ? (
              <ul>
                {strengths.strong.map((itemId) => (
                  <li key={itemId}>
                    <Localized text={itemText.get(itemId)} />
                  </li>
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
                  <li key={itemId}>
                    <Localized text={itemText.get(itemId)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('country.none')}</p>
            )}
          </Section>
        </>
      ) : null}

      {data.region ? (
        <Section title={t('country.region', { region: regionName })} id="region">
          <ScrollBox label={t('country.region', { region: regionName })}>
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
                  const share = meetingShare(regionResults.map((result) => classifyValue(result.value, code)));
                  return (
                    <tr key={code}>
                      <th scope="row">{domainNameOf(code)}</th>
                      <td>
                        <CategoryBadge cls={classifyValue(shown.value, code)} bandLabels={bandLabels} />
                      </td>
                      <td>
                        {share.responding > 0
                          ? t('compare.groupShare', {
                              percent: translator.formatPercent((100 * share.meeting) / share.responding),
                              meeting: share.meeting,
                              responding: share.responding,
                            })
                          : t('common.noData')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
          <p className="meta chart-note">
            <ProvenanceLabel
              provenance={{
                kind: regionResults.some((result) => result.value.provenance.kind === 'demo') ? 'demo' : 'computed',
                label: '',
                responding: regionResults.filter((result) => classifyValue(result.value, OVERALL).kind === 'category')
                  .length,
                members: data.region.members.length,
              }}
            />
          </p>
        </Section>
      ) : null}

      {data.publications.length > 1 ? (
        <Section title={t('country.history')} id="corrections">
          <ul>
            {data.publications.map((publication) => (
              <li key={publication.publicationNumber}>
                {t('country.publication', {
                  number: publication.publicationNumber,
                  date: translator.formatDate(publication.publishedAt),
                })}
                : <CategoryBadge cls={classifyResult(publication, OVERALL)} bandLabels={bandLabels} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </article>
  );
}

/** Every round the country has a value for: links in the app, plain years in the static site (which shows the latest; the grid and the table show them all). */
function RoundLinks({ data }: { data: CountryData }) {
  const { t, lang } = useI18n();
  const { live } = useNavigation();
  if (data.history.length < 2 && data.history[0]?.year === data.year) return null;
  return (
    <nav aria-label={t('country.rounds')} data-testid="round-links">
      <ul className="round-links">
        <li className="meta">{t('country.rounds')}:</li>
        {data.history.map((entry) => (
          <li key={entry.year}>
            {entry.year === data.year ? (
              <strong aria-current="page">{entry.year}</strong>
            ) : live ? (
              <Link to={{ view: 'country', lang, code: data.code, year: entry.year }}>{entry.year}</Link>
            ) : (
              <span>{entry.year}</span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
