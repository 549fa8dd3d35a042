/* @jsxRuntime automatic */
/** Cooperation Framework briefs the reader may work on, and generating a new one for a country (and round). */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../../app/router-context.tsx';
import { useSession } from '../../app/session-context.tsx';
import { ErrorMessage, Loading } from '../../app/shared.tsx';
import { useLoad } from '../../app/use-load.ts';
import { getJson } from '../../api/api-client.ts';
import type { Brief, BriefSummary } from '@migov/server/api';

export function BriefsPage() {
  const { t, lang, formatDate } = useI18n();
  const { navigate } = useNavigation();
  const { api, session } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const state = useLoad(
    () => (session ? getJson<{ items: BriefSummary[] }>(api, '/briefs') : Promise.resolve({ items: [] })),
    session?.user.id ?? 'anonymous',
  );
  if (!session) {
    return (
      <>
        <h1>{t('briefs.title')}</h1>
        <p>
          <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
        </p>
      </>
    );
  }
  const generate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const round = String(form.get('round') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const { body } = await api.request<Brief>('/briefs', {
        method: 'POST',
        body: { area: String(form.get('area') ?? '').trim(), ...(round ? { round: Number(round) } : {}) },
      });
      navigate({ view: 'brief', lang, id: body.id });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('briefs.title')}</h1>
      <p>{t('briefs.intro')}</p>
      <form onSubmit={generate} data-testid="brief-generate">
        <fieldset>
          <legend>{t('briefs.generate')}</legend>
          <p>
            <label>
              {t('briefs.area')} <input name="area" required size={8} />
            </label>{' '}
            <label>
              {t('briefs.round')} <input name="round" inputMode="numeric" pattern="\d{4}" size={6} />
            </label>
          </p>
          <button type="submit" disabled={busy}>
            {t('briefs.generate')}
          </button>
        </fieldset>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={state.reload} /> : null}
      {state.status === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('briefs.none')}</p>
        ) : (
          <ul data-testid="brief-list">
            {state.data.items.map((brief) => (
              <li key={brief.id}>
                <Link to={{ view: 'brief', lang, id: brief.id }}>
                  {t('briefs.open', { area: brief.area, year: brief.year ?? '—', version: brief.latestVersion })}
                </Link>{' '}
                ({formatDate(brief.updatedAt)})
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}
