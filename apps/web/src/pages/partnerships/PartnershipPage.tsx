/* @jsxRuntime automatic */
/** One consultation process: its member map, members with roles and as-of dates, meetings, the 10.7.2 results of its members as a group, and the processes it overlaps with. */
import { useContext, useId, useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../../app/router-context.tsx';
import { formatRoute } from '../../app/routes.ts';
import { areaName, domainLabel, mapShapeName } from '../../app/localized.ts';
import { Section } from '../../app/shared.tsx';
import { SessionContext } from '../../app/session-context.tsx';
import { holdsGlobally } from '../../app/permissions.ts';
import { ChartFrame } from '../../charts/ChartFrame.tsx';
import { ChoroplethMap } from '../../charts/ChoroplethMap.tsx';
import { fillOf, NO_DATA_COLOUR, normalizeAreaCode, type CategoryClass } from '../../charts/category-scale.ts';
import type { PartnershipData } from './partnerships-data.ts';
import { FoundingYears, MemberCount, MembershipRecordsTable, TypeName } from './partnership-parts.tsx';
import { DemoBanner, ProvenanceLabel } from '../../app/Provenance.tsx';
import {
  ALL_DOMAINS,
  categoryClasses,
  groupResultRows,
  memberClasses,
  overlapsOf,
  parseAsOfInput,
  sortMembers,
  type PartnershipMembership,
} from './partnership-state.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

export function PartnershipPage({ data, asOf }: { data: PartnershipData; asOf?: string }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { live, navigate, base } = useNavigation();
  const { process, areas } = data;
  const sessionState = useContext(SessionContext);
  const editor = live && holdsGlobally(sessionState?.session, 'governance:edit');
  const [colourBy, setColourBy] = useState<'membership' | 'category'>('membership');
  const categories = process.memberCategories ?? undefined;
  const byCategory = colourBy === 'category' && categories !== undefined;
  const classes = useMemo(
    () => (byCategory && categories ? categoryClasses(process.members, categories) : memberClasses(process.members)),
    [byCategory, categories, process.members],
  );
  const geometry = data.map;
  const nameOfCode = (code: string, fallback = code) => {
    const area = areas.get(normalizeAreaCode(code));
    return area ? areaName(area, lang) : fallback;
  };
  const memberName = (member: PartnershipMembership) =>
    member.area ? nameOfCode(member.area, member.name) : member.name;
  const members = sortMembers(process.members, lang, memberName);
  const statusOf = (cls: CategoryClass) => {
    if (byCategory)
      return cls.kind === 'category'
        ? t('category.name', { code: cls.code })
        : cls.kind === 'not-applicable'
          ? t('common.notApplicable')
          : t('partnership.noCategory');
    return t(
      cls.kind !== 'category' ? 'partnership.notMember' : cls.meets ? 'partnership.member' : 'partnership.observer',
    );
  };
  const domainName = (code: string) => {
    if (code === ALL_DOMAINS) return t('common.overall');
    const entry = data.instrument?.domains.find((domain) => domain.code === code);
    return entry ? domainLabel(translator, entry) : code;
  };
  const rows = groupResultRows(process.groupResults.rounds);
  const processName = new Map(data.processes.map((entry) => [entry.id, entry]));
  const overlaps = overlapsOf(process.id, data.overlaps);
  const mapTitle = t('partnership.mapTitle', { process: process.acronym || process.name });
  // The API's count (verified records only); a member list that is not compiled is said so, never counted as 0.
  // The map's description is one string: the reason, in English as compiled, is said only on the English page.
  const memberCount =
    process.memberCount ??
    (lang === 'en'
      ? t('partnership.notCompiled', { reason: process.memberCountNotCompiled ?? '' })
      : t('common.noData'));

  return (
    <>
      <p>
        <Link to={{ view: 'partnerships', lang }}>{t('partnership.backToList')}</Link>
      </p>
      {/* The registry's texts (names, regions, sources) are in English whatever the page's language. */}
      <h1 lang="en">
        {process.name}
        {process.acronym ? ` (${process.acronym})` : null}
      </h1>
      <dl className="facts">
        <dt>{t('partnerships.type')}</dt>
        <dd>
          <TypeName type={process.type} />
        </dd>
        <dt>{t('partnership.region')}</dt>
        <dd lang="en">{process.region}</dd>
        <dt>{t('partnerships.founded')}</dt>
        <dd>
          <FoundingYears founding={process.founding} />
        </dd>
        <dt>{t('partnership.secretariat')}</dt>
        <dd lang="en">
          {process.secretariat.text} <small>({process.secretariat.source})</small>
        </dd>
        <dt>{t('partnerships.members')}</dt>
        <dd data-testid="member-count">
          <MemberCount process={process} />
        </dd>
      </dl>
      {process.types.length > 1 ? (
        <details>
          <summary>{t('partnership.typeHistory')}</summary>
          <ul>
            {process.types.map((claim) => (
              <li key={`${claim.type}-${claim.asOf}-${claim.source}`}>
                <TypeName type={claim.type} /> — {claim.asOf}{' '}
                <small {...(lang === 'en' ? {} : { lang: 'en' })}>({claim.source})</small>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {editor ? (
        <p>
          <Link to={{ view: 'partnership-edit', lang, id: process.id }}>{t('partnershipEdit.link')}</Link>
        </p>
      ) : null}
      {live ? <AsOfForm id={process.id} asOf={asOf} /> : null}
      {asOf ? <p data-testid="as-of">{t('partnership.asOfShown', { date: asOf })}</p> : null}

      {live && categories ? (
        <fieldset className="colour-by" data-testid="colour-by">
          <legend>{t('partnership.colourBy')}</legend>
          <label>
            <input type="radio" name="colour-by" checked={!byCategory} onChange={() => setColourBy('membership')} />{' '}
            {t('partnership.colourMembership')}
          </label>{' '}
          <label>
            <input type="radio" name="colour-by" checked={byCategory} onChange={() => setColourBy('category')} />{' '}
            {t('partnership.colourCategory', { year: categories.year })}
          </label>
        </fieldset>
      ) : null}
      <ChartFrame
        title={mapTitle}
        description={t('partnership.mapDescription', { count: memberCount })}
        filename={`migov-partnership-${process.id}`}
        chart={({ titleId, descriptionId }) => (
          <ChoroplethMap
            geometry={geometry}
            classes={classes}
            title={mapTitle}
            titleId={titleId}
            descriptionId={descriptionId}
            describe={(code, atlasName, cls) =>
              t('partnership.mapLabel', {
                country: code ? nameOfCode(code, mapShapeName(atlasName, lang)) : mapShapeName(atlasName, lang),
                status: statusOf(cls),
              })
            }
            hrefFor={(code) => formatRoute({ view: 'country', lang, code }, base)}
            {...(live ? { onOpen: (code: string) => navigate({ view: 'country', lang, code }) } : {})}
          />
        )}
        legend={
          byCategory ? (
            <ul className="legend" aria-label={t('chart.legend')} data-testid="category-legend">
              {[4, 3, 2, 1].map((code) => (
                <li key={code}>
                  <span
                    className="swatch"
                    style={{ background: fillOf({ kind: 'category', code, meets: code >= 3 }) }}
                    aria-hidden="true"
                  />
                  {t('category.name', { code })}
                </li>
              ))}
              <li>
                <span
                  className="swatch"
                  style={{ background: fillOf({ kind: 'not-applicable' }) }}
                  aria-hidden="true"
                />
                {t('common.notApplicable')}
              </li>
              <li>
                <span className="swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
                {t('partnership.noCategory')}
              </li>
            </ul>
          ) : (
            <ul className="legend" aria-label={t('chart.legend')}>
              <li>
                <span
                  className="swatch"
                  style={{ background: fillOf({ kind: 'category', code: 4, meets: true }) }}
                  aria-hidden="true"
                />
                {t('partnership.member')}
              </li>
              {members.some((member) => member.kind === 'observer') ? (
                <li>
                  <span
                    className="swatch"
                    style={{ background: fillOf({ kind: 'category', code: 2, meets: false }) }}
                    aria-hidden="true"
                  />
                  {t('partnership.observer')}
                </li>
              ) : null}
              <li>
                <span className="swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
                {t('partnership.notMember')}
              </li>
            </ul>
          )
        }
        table={<MembersTable members={members} memberName={memberName} caption={mapTitle} />}
      />

      <Section title={t('partnership.membersTitle')} id="members">
        <MembersTable
          members={members}
          memberName={memberName}
          caption={t('partnership.membersTitle')}
          testId="members-table"
        />
        {process.membershipRecords.length > 0 ? (
          <details>
            <summary>{t('partnership.membershipHistory')}</summary>
            <MembershipRecordsTable records={process.membershipRecords} memberName={memberName} />
          </details>
        ) : null}
      </Section>

      <Section title={t('partnership.resultsTitle')} id="results">
        {process.groupResults.containsDemo ? <DemoBanner /> : null}
        <p>{t('partnership.resultsIntro')}</p>
        {rows.length === 0 ? (
          <p>{t('partnership.noResults')}</p>
        ) : (
          <ScrollBox label={t('partnership.resultsTitle')}>
            <table data-testid="group-results">
              <caption>{t('partnership.resultsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.round')}</th>
                  <th scope="col">{t('common.domain')}</th>
                  <th scope="col">{t('partnership.percentMeeting')}</th>
                  <th scope="col">{t('partnership.nOfN')}</th>
                  <th scope="col">{t('partnership.coverage')}</th>
                  <th scope="col">{t('common.source')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.year}-${row.domain}`}>
                    <th scope="row">{row.year}</th>
                    <td>{domainName(row.domain)}</td>
                    <td>{row.percent === undefined ? '–' : translator.formatPercent(row.percent)}</td>
                    <td>{t('partnership.nOfNValue', { numerator: row.numerator, denominator: row.denominator })}</td>
                    <td>{t('partnership.coverageValue', { responding: row.responding, members: row.members })}</td>
                    <td>
                      <ProvenanceLabel provenance={row.provenance} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </Section>

      <Section title={t('partnership.overlapsTitle')} id="overlaps">
        {overlaps.length === 0 ? (
          <p>{t('partnership.noOverlaps')}</p>
        ) : (
          <table data-testid="overlaps">
            <caption>{t('partnership.overlapsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partnerships.name')}</th>
                <th scope="col">{t('partnership.sharedCount')}</th>
                <th scope="col">{t('partnership.sharedMembers')}</th>
              </tr>
            </thead>
            <tbody>
              {overlaps.map((overlap) => {
                const other = processName.get(overlap.other);
                return (
                  <tr key={overlap.other}>
                    <th scope="row">
                      <Link to={{ view: 'partnership', lang, id: overlap.other }}>
                        {other ? `${other.name} (${other.acronym})` : overlap.other}
                      </Link>
                    </th>
                    <td>{translator.formatNumber(overlap.shared.length)}</td>
                    <td>{overlap.shared.map((code) => nameOfCode(code)).join(', ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t('partnership.meetingsTitle')} id="meetings">
        {process.meetings.length === 0 ? (
          <p>{t('partnership.noMeetings')}</p>
        ) : (
          <ul data-testid="meetings">
            {[...process.meetings]
              .sort((left, right) => (right.year ?? 0) - (left.year ?? 0))
              .map((meeting) => (
                <li key={meeting.id} lang="en">
                  <strong>{meeting.title}</strong> — {meeting.date}, {meeting.place}
                  {meeting.theme ? (
                    <>
                      . {t('partnership.theme')}: {meeting.theme}
                    </>
                  ) : null}
                  {meeting.outcomes.length > 0 ? (
                    <>
                      {' '}
                      · {t('partnership.outcomes')}:{' '}
                      <span lang="en">{meeting.outcomes.map((outcome) => outcome.title).join('; ')}</span>
                    </>
                  ) : null}{' '}
                  <small lang="en">({meeting.source})</small>
                </li>
              ))}
          </ul>
        )}
      </Section>
      <p>
        <small>
          {t('partnership.source')}: <span lang="en">{process.source}</span>
        </small>
      </p>
    </>
  );
}

function MembersTable({
  members,
  memberName,
  caption,
  testId,
}: {
  members: PartnershipMembership[];
  memberName: (member: PartnershipMembership) => string;
  caption: string;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  return (
    <table {...(testId ? { 'data-testid': testId } : {})}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('common.country')}</th>
          <th scope="col">{t('partnership.role')}</th>
          <th scope="col">{t('partnership.asOf')}</th>
          <th scope="col">{t('partnership.source')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.id}>
            <th scope="row">
              {member.area ? (
                <Link to={{ view: 'country', lang, code: normalizeAreaCode(member.area) }}>{memberName(member)}</Link>
              ) : (
                memberName(member)
              )}
            </th>
            <td>
              {t(member.kind === 'member' ? 'partnership.member' : 'partnership.observer')}
              {member.role && member.role.toLowerCase() !== member.kind ? <> ({member.role})</> : null}
            </td>
            <td>{member.asOf}</td>
            <td>
              <small lang="en">{member.source}</small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Choose the date the members are shown at (the live app only; the static site shows the current records). */
function AsOfForm({ id, asOf }: { id: string; asOf: string | undefined }) {
  const { t, lang } = useI18n();
  const { navigate } = useNavigation();
  const [text, setText] = useState(asOf ?? '');
  const [invalid, setInvalid] = useState(false);
  const fieldId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAsOfInput(text);
    setInvalid(!parsed.ok);
    if (parsed.ok) navigate({ view: 'partnership', lang, id, ...(parsed.asOf ? { asOf: parsed.asOf } : {}) });
  };
  return (
    <form className="controls" onSubmit={onSubmit} noValidate>
      <label htmlFor={fieldId}>{t('partnership.asOfLabel')}</label>{' '}
      <input
        id={fieldId}
        name="asOf"
        type="text"
        inputMode="numeric"
        size={10}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={invalid}
        {...(invalid ? { 'aria-describedby': `${fieldId}-error` } : {})}
      />{' '}
      <button type="submit">{t('partnership.asOfApply')}</button>
      {invalid ? (
        <p id={`${fieldId}-error`} role="alert" className="error">
          {t('partnership.asOfInvalid', { value: text })}
        </p>
      ) : null}
    </form>
  );
}
