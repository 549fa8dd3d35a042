/* @jsxRuntime automatic */
/** Sign in with email and password. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link, useNavigation } from '../app/router-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { signInWithForm } from './sign-in-request.ts';
import { failureMessage } from '../api/problem-message.tsx';

export function SignInPage() {
  const translator = useI18n();
  const { t, lang } = translator;
  const { navigate } = useNavigation();
  const { api, setSession } = useSession();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      setSession(await signInWithForm(api, form));
      navigate({ view: 'assessments', lang });
    } catch (failure) {
      setError(failureMessage(translator, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <form
        className="stack narrow"
        onSubmit={(event) => void submit(event)}
        aria-describedby={error ? 'sign-in-error' : undefined}
      >
        <label>
          {t('signIn.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error ? (
          <p id="sign-in-error" role="alert" className="error">
            {t('signIn.failed', { message: error })}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to={{ view: 'password-reset', lang }}>{t('signIn.forgot')}</Link>
      </p>
    </>
  );
}
