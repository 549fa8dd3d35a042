/* @jsxRuntime automatic */
/** The governance entry page: published MGI-style profiles by jurisdiction and round, and the crosswalk; brief authors get a link to their briefs. */
import { useContext } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../app/router-context.tsx';
import { SessionContext } from '../../app/session-context.tsx';
import type { MgiProfileSummary } from '@migov/server/api';
import { holds } from '../../app/permissions.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

export function GovernancePage({ data }: { data: { profiles: MgiProfileSummary[] } }) {
  const { t, lang } = useI18n();
  const session = useContext(SessionContext)?.session;
  const profiles = [...data.profiles].sort(
    (left, right) => left.jurisdictionName.localeCompare(right.jurisdictionName, lang) || left.year - right.year,
  );
  return (
    <>
      <h1>{t('governance.title')}</h1>
      <p>{t('governance.intro')}</p>
      <p>
        <Link to={{ view: 'crosswalk', lang }}>{t('governance.crosswalkLink')}</Link>
      </p>
      {session ? (
        <p>
          <Link to={{ view: 'mgi-assessments', lang }}>{t('mgiWork.title')}</Link>
        </p>
      ) : null}
      {holds(session, 'brief:write') ? (
        <p>
          <Link to={{ view: 'briefs', lang }}>{t('briefs.title')}</Link>
        </p>
      ) : null}
      <h2>{t('governance.profiles')}</h2>
      {profiles.length === 0 ? (
        <p>{t('governance.noProfiles')}</p>
      ) : (
        <ScrollBox label={t('governance.profiles')}>
          <table data-testid="mgi-profiles">
            <caption>{t('governance.profiles')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('governance.jurisdiction')}</th>
                <th scope="col">{t('common.round')}</th>
                <th scope="col">{t('governance.roundKindHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {profiles.map((profile) => (
                <tr key={profile.id}>
                  <th scope="row">
                    <Link to={{ view: 'mgi-profile', lang, jurisdiction: profile.jurisdiction, round: profile.year }}>
                      {profile.jurisdictionName} ({t('governance.level', { level: profile.level })})
                    </Link>
                  </th>
                  <td>{profile.year}</td>
                  <td>{t('governance.roundKind', { kind: profile.roundKind })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
