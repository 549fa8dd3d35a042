/* @jsxRuntime automatic */
/** MGI-style assessments in the reader's scope (or that they are invited to comment on); coordinators launch a round for a country or city. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../../app/router-context.tsx';
import { useSession } from '../../app/session-context.tsx';
import { holds } from '../../app/permissions.ts';
import { ErrorMessage, Loading } from '../../app/shared.tsx';
import { useLoad } from '../../app/use-load.ts';
import { getJson } from '../../api/api-client.ts';
import type { InstrumentSummary, MgiAssessmentSummary, MgiWorkingView } from '@migov/server/api';
import { pickText } from '../../app/localized.ts';
import { stateKey } from './mgi-work-state.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

export function MgiAssessmentsPage() {
  const { t, lang } = useI18n();
  const { navigate } = useNavigation();
  const { api, session } = useSession();
  const [error, setError] = useState<unknown>();
  const state = useLoad(
    () =>
      session
        ? getJson<{ items: MgiAssessmentSummary[] }>(api, '/mgi/assessments?limit=200')
        : Promise.resolve({ items: [] }),
    session?.user.id ?? 'anonymous',
  );
  // Profile instruments an administrator loaded (e.g. the official one); the examples are the default.
  const instruments = useLoad(
    async () =>
      (await getJson<{ items: InstrumentSummary[] }>(api, '/instruments')).items.filter(
        (item) => item.kind === 'profile',
      ),
    'profile-instruments',
  );
  if (!session) {
    return (
      <>
        <h1>{t('mgiWork.title')}</h1>
        <p>
          <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
        </p>
      </>
    );
  }
  const launches = holds(session, 'mgi:steer');
  const launch = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const [instrument, instrumentVersion] = text('instrument') ? text('instrument').split('@') : [];
    setError(undefined);
    try {
      const { body } = await api.request<MgiWorkingView>('/mgi/assessments', {
        method: 'POST',
        body: {
          jurisdiction: text('jurisdiction'),
          year: Number(text('year')),
          ...(text('name') ? { jurisdictionName: text('name') } : {}),
          ...(form.get('previous') ? { startFromPrevious: true } : {}),
          ...(instrument && instrumentVersion ? { instrument, instrumentVersion } : {}),
        },
      });
      navigate({ view: 'mgi-assessment', lang, id: body.id });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <h1>{t('mgiWork.title')}</h1>
      {launches ? (
        <form onSubmit={launch} data-testid="mgi-launch">
          <fieldset>
            <legend>{t('mgiWork.launch')}</legend>
            <p>
              <label>
                {t('mgiWork.jurisdiction')}{' '}
                <input name="jurisdiction" required size={10} pattern="\d{1,3}(-[A-Za-z0-9]{1,10})?" />
              </label>{' '}
              <label>
                {t('mgiWork.cityName')} <input name="name" size={20} />
              </label>{' '}
              <label>
                {t('common.round')} <input name="year" required inputMode="numeric" pattern="\d{4}" size={6} />
              </label>
            </p>
            <p>
              <label>
                {t('mgiWork.instrument')}{' '}
                <select name="instrument" defaultValue="">
                  <option value="">{t('mgiWork.exampleInstrument')}</option>
                  {(instruments.status === 'ready' ? instruments.data : []).map((item) => (
                    <option key={`${item.instrument}@${item.version}`} value={`${item.instrument}@${item.version}`}>
                      {pickText(item.title, lang)} ({item.version})
                    </option>
                  ))}
                </select>
              </label>
            </p>
            <p>
              <label>
                <input type="checkbox" name="previous" /> {t('mgiWork.startFromPrevious')}
              </label>
            </p>
            <button type="submit">{t('mgiWork.launch')}</button>
          </fieldset>
        </form>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={state.reload} /> : null}
      {state.status === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('mgiWork.none')}</p>
        ) : (
          <ScrollBox label={t('mgiWork.title')}>
            <table data-testid="mgi-assessments">
              <caption>{t('mgiWork.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('governance.jurisdiction')}</th>
                  <th scope="col">{t('common.round')}</th>
                  <th scope="col">{t('mgiWork.state')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={{ view: 'mgi-assessment', lang, id: item.id }}>{item.jurisdictionName}</Link>
                    </th>
                    <td>
                      {item.year} ({t('governance.roundKind', { kind: item.roundKind })})
                    </td>
                    <td>{t('mgiWork.stateName', { state: stateKey(item.state) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )
      ) : null}
    </>
  );
}
