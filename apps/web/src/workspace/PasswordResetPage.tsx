/* @jsxRuntime automatic */
/**
 * Password reset: without a token, ask for a link by e-mail (the answer is the same for every
 * address); with the token of the link (in the fragment), choose a new password, which signs the
 * account out everywhere.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { Link } from '../app/router-context.tsx';
import { ApiProblem } from '../api/api-client.ts';
import { takeFragmentToken } from './onboarding-token.ts';
import { failureMessage } from '../api/problem-message.tsx';

export function PasswordResetPage() {
  const translator = useI18n();
  const { t, lang } = translator;
  const { api, setSession } = useSession();
  const [token] = useState(takeFragmentToken);
  const [outcome, setOutcome] = useState<'requested' | 'done' | 'invalid' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const send = async (
    event: FormEvent<HTMLFormElement>,
    path: string,
    body: Record<string, string>,
    success: 'requested' | 'done',
  ) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.request(path, { method: 'POST', body });
      if (success === 'done') setSession(undefined);
      setOutcome(success);
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.problem.code === 'password-reset-invalid') setOutcome('invalid');
      else setError(failureMessage(translator, failure));
    } finally {
      setBusy(false);
    }
  };

  const fields = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? '');
  return (
    <>
      <h1>{t('reset.title')}</h1>
      {error ? (
        <p role="alert" className="error">
          {t('common.error', { message: error })}
        </p>
      ) : null}
      {outcome === 'requested' ? <p role="status">{t('reset.requested')}</p> : null}
      {outcome === 'invalid' ? <p role="alert">{t('reset.invalid')}</p> : null}
      {outcome === 'done' ? (
        <p role="status">
          {t('reset.done')} <Link to={{ view: 'sign-in', lang }}>{t('signIn.title')}</Link>
        </p>
      ) : null}
      {outcome === undefined && token ? (
        <form
          className="stack narrow"
          onSubmit={(event) =>
            void send(event, '/password-reset/confirm', { token, password: fields(event, 'password') }, 'done')
          }
        >
          <label>
            {t('reset.newPassword')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={12}
              maxLength={1024}
              required
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('reset.save')}
          </button>
        </form>
      ) : null}
      {outcome === undefined && !token ? (
        <form
          className="stack narrow"
          onSubmit={(event) => void send(event, '/password-reset', { email: fields(event, 'email') }, 'requested')}
        >
          <p>{t('reset.intro')}</p>
          <label>
            {t('signIn.email')}
            <input name="email" type="email" autoComplete="username" required />
          </label>
          <button type="submit" disabled={busy}>
            {t('reset.request')}
          </button>
        </form>
      ) : null}
    </>
  );
}
