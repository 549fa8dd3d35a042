/* @jsxRuntime automatic */
/** My assessments: the ones my roles let me see, with a link to fill or review each; coordinators can start one for an open round. */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { areasWith, holds } from '../app/permissions.ts';
import { ErrorMessage, Loading } from '../app/shared.tsx';
import { useLoad } from '../app/use-load.ts';
import { getJson } from '../api/api-client.ts';
import { areaName } from '../app/localized.ts';
import type { AreaSummary, AssessmentSummary, AssessmentView, Page, Round } from '@migov/server/api';
import { normalizeAreaCode } from '../charts/category-scale.ts';
import { ScrollBox } from '../app/ScrollBox.tsx';
import { AccountSettings } from './AccountSettings.tsx';

export function AssessmentsPage() {
  const { t, lang } = useI18n();
  const { navigate } = useNavigation();
  const { api, session } = useSession();
  const [error, setError] = useState<unknown>();
  const state = useLoad(async () => {
    const [assessments, rounds, areas, offers] = await Promise.all([
      getJson<Page<AssessmentSummary>>(api, '/assessments?limit=200'),
      getJson<{ items: Round[] }>(api, '/rounds'),
      getJson<Page<AreaSummary>>(api, '/areas?kind=country&limit=500'),
      // Whoever may invite (the server says so) gets a way to the onboarding page.
      getJson<{ items: unknown[] }>(api, '/invitations/offers').catch(() => ({ items: [] })),
    ]);
    return {
      assessments: assessments.items,
      rounds: rounds.items,
      areas: new Map(areas.items.map((area) => [normalizeAreaCode(area.code), area])),
      mayInvite: offers.items.length > 0,
    };
  }, session?.user.id ?? 'anonymous');
  if (!session) {
    return (
      <>
        <h1>{t('workspace.title')}</h1>
        <p>
          <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
        </p>
      </>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  const { assessments, rounds, areas, mayInvite } = state.data;
  const name = (code: string) => {
    const area = areas.get(normalizeAreaCode(code));
    return area ? areaName(area, lang) : code;
  };
  // Assessments start in the single countries where the user may create them, in rounds still open.
  const startable = areasWith(session, 'assessment:create').flatMap((area) =>
    rounds
      .filter(
        (round) =>
          round.status !== 'closed' &&
          !assessments.some(
            (entry) => entry.roundId === round.id && normalizeAreaCode(entry.jurisdiction) === normalizeAreaCode(area),
          ),
      )
      .map((round) => ({ area, round })),
  );
  const reviews = holds(session, 'assessment:validate');
  const start = async (area: string, round: Round) => {
    try {
      const { body } = await api.request<AssessmentView>('/assessments', {
        method: 'POST',
        body: { jurisdiction: area, roundId: round.id },
      });
      navigate({ view: 'assessment', lang, id: body.assessment.id });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <h1>{t('workspace.title')}</h1>
      {mayInvite ? (
        <p>
          <Link to={{ view: 'admin', lang }}>{t('onboard.invite')}</Link>
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {assessments.length === 0 ? <p>{t('workspace.none')}</p> : null}
      {assessments.length > 0 ? (
        <ScrollBox label={t('workspace.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.country')}</th>
                <th scope="col">{t('common.round')}</th>
                <th scope="col">{t('workspace.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('workspace.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((assessment) => (
                <tr key={assessment.id} data-assessment={assessment.id}>
                  <th scope="row">{name(assessment.jurisdiction)}</th>
                  <td>{assessment.year}</td>
                  <td>{t('state.name', { state: assessment.state })}</td>
                  <td className="actions">
                    <Link to={{ view: 'assessment', lang, id: assessment.id }}>
                      {t('workspace.open')}
                      <span className="visually-hidden">
                        {' '}
                        {name(assessment.jurisdiction)} {assessment.year}
                      </span>
                    </Link>
                    {reviews ? (
                      <>
                        {' · '}
                        <Link to={{ view: 'review', lang, id: assessment.id }}>
                          {t('workspace.review')}
                          <span className="visually-hidden">
                            {' '}
                            {name(assessment.jurisdiction)} {assessment.year}
                          </span>
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ) : null}
      {startable.map(({ area, round }) => (
        <p key={`${area}-${round.id}`}>
          <button type="button" onClick={() => void start(area, round)}>
            {t('workspace.start', { year: round.year, country: name(area) })}
          </button>
        </p>
      ))}
      <AccountSettings />
    </>
  );
}
