/* @jsxRuntime automatic */
/**
 * Accepting an invitation from its link: shows what is offered (the server's preview), then either
 * creates the account of a new email (name and password) or, for an email that has an account,
 * asks to sign in with it and accepts for that account. The token comes from the link's fragment.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useNavigation } from '../app/router-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { Loading } from '../app/shared.tsx';
import { ApiProblem } from '../api/api-client.ts';
import type { Role, RoleScope, Session } from '@migov/server/api';
import { takeFragmentToken } from './onboarding-token.ts';
import { signInWithForm } from './sign-in-request.ts';
import { roleName, scopeName } from './onboarding-labels.ts';
import { failureMessage } from '../api/problem-message.tsx';

interface Preview {
  email: string;
  role: Role;
  scope: RoleScope;
  expiresAt: string;
}

type Stage =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'no-token' }
  | { kind: 'offer'; preview: Preview; signInRequired: boolean }
  | { kind: 'done' };

export function InvitationAcceptPage() {
  const translator = useI18n();
  const { t, lang, formatDate } = translator;
  const { navigate } = useNavigation();
  const { api, session, setSession } = useSession();
  const [token] = useState(takeFragmentToken);
  const [stage, setStage] = useState<Stage>(token ? { kind: 'loading' } : { kind: 'no-token' });
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!token) return;
    api.request<Preview>('/invitations/preview', { method: 'POST', body: { token } }).then(
      ({ body }) => setStage({ kind: 'offer', preview: body, signInRequired: false }),
      () => setStage({ kind: 'invalid' }),
    );
  }, [api, token]);

  const refusal = (failure: unknown) => {
    if (failure instanceof ApiProblem && failure.problem.code === 'invitation-invalid') setStage({ kind: 'invalid' });
    else setError(failureMessage(translator, failure));
  };

  const createAccount = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (stage.kind !== 'offer') return;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const { body } = await api.request<Session>('/invitations/accept', {
        method: 'POST',
        // The page's language becomes the new account's e-mail language.
        body: {
          token,
          name: String(form.get('name') ?? ''),
          password: String(form.get('password') ?? ''),
          language: lang,
        },
      });
      setSession(body);
      navigate({ view: 'assessments', lang });
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.problem.code === 'invitation-sign-in-required')
        setStage({ ...stage, signInRequired: true });
      else refusal(failure);
    } finally {
      setBusy(false);
    }
  };

  const signIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      setSession(await signInWithForm(api, form));
    } catch (failure) {
      setError(failureMessage(translator, failure));
    } finally {
      setBusy(false);
    }
  };

  const acceptSignedIn = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { body } = await api.request<Session>('/invitations/accept-signed-in', { method: 'POST', body: { token } });
      setSession({ ...body, csrfToken: body.csrfToken ?? session?.csrfToken });
      setStage({ kind: 'done' });
    } catch (failure) {
      refusal(failure);
    } finally {
      setBusy(false);
    }
  };

  if (stage.kind === 'loading') return <Loading />;
  return (
    <>
      <h1>{t('invite.title')}</h1>
      {stage.kind === 'no-token' ? <p role="alert">{t('invite.noToken')}</p> : null}
      {stage.kind === 'invalid' ? <p role="alert">{t('invite.invalid')}</p> : null}
      {stage.kind === 'done' ? <p role="status">{t('invite.done')}</p> : null}
      {stage.kind === 'offer' ? (
        <>
          <p>
            {t('invite.offer', {
              email: stage.preview.email,
              role: roleName(t, stage.preview.role),
              scope: scopeName(t, stage.preview.scope),
              expires: formatDate(stage.preview.expiresAt),
            })}
          </p>
          {error ? (
            <p role="alert" className="error">
              {t('common.error', { message: error })}
            </p>
          ) : null}
          {session ? (
            <>
              <p>{t('invite.signedInAs', { email: session.user.email })}</p>
              <button type="button" disabled={busy} onClick={() => void acceptSignedIn()}>
                {t('invite.acceptSignedIn')}
              </button>
            </>
          ) : stage.signInRequired ? (
            // Keys keep the two forms apart: otherwise React would reuse the fields, with what was typed in them.
            <form key="sign-in" className="stack narrow" onSubmit={(event) => void signIn(event)}>
              <p>{t('invite.signInFirst')}</p>
              <label>
                {t('signIn.email')}
                <input name="email" type="email" autoComplete="username" defaultValue={stage.preview.email} required />
              </label>
              <label>
                {t('signIn.password')}
                <input name="password" type="password" autoComplete="current-password" required />
              </label>
              <button type="submit" disabled={busy}>
                {t('signIn.submit')}
              </button>
            </form>
          ) : (
            <form key="new-account" className="stack narrow" onSubmit={(event) => void createAccount(event)}>
              <h2>{t('invite.newAccount')}</h2>
              <label>
                {t('invite.name')}
                <input name="name" autoComplete="name" maxLength={200} required />
              </label>
              <label>
                {t('invite.password')}
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
                {t('invite.accept')}
              </button>
            </form>
          )}
        </>
      ) : null}
    </>
  );
}
