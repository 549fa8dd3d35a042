/* @jsxRuntime automatic */
/** Pieces the governance workspace pages share: a signed-in read of one API resource, and the end of a saving form. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../app/router-context.tsx';
import { useSession } from '../../app/session-context.tsx';
import { ErrorMessage, Loading } from '../../app/shared.tsx';
import { useLoad } from '../../app/use-load.ts';
import { getJson } from '../../api/api-client.ts';

/** Read `path` for the signed-in reader (a sign-in link otherwise), with the loading and error states. */
export function SignedInRead<T>({ path, children }: { path: string; children: (data: T) => ReactNode }) {
  const { t, lang } = useI18n();
  const { api, session } = useSession();
  const state = useLoad(() => getJson<T>(api, path), `${path}:${session?.user.id ?? ''}`);
  if (!session) {
    return (
      <p>
        <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
      </p>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <>{children(state.data)}</>;
}

/** The submit button of a saving form, its announced status and its error. */
export function SaveFooter({ label, status, error }: { label: string; status: string; error: unknown }) {
  return (
    <>
      <button type="submit">{label}</button>
      <p role="status">{status}</p>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}
