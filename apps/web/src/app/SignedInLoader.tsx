/* @jsxRuntime automatic */
/** Load data for the signed-in reader, with the loading and error states; a sign-in link for anyone else. */
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from './router-context.tsx';
import { useSession } from './session-context.tsx';
import { ErrorMessage, Loading } from './shared.tsx';
import { useLoad } from './use-load.ts';

/** `loadKey` names what is loaded: a new key (or another reader) loads again. */
export function SignedInLoader<T>({
  load,
  loadKey,
  children,
}: {
  load: (api: ApiClient) => Promise<T>;
  loadKey: string;
  children: (data: T, reload: () => void) => ReactNode;
}) {
  const { t, lang } = useI18n();
  const { api, session } = useSession();
  const state = useLoad(() => load(api), `${loadKey}:${session?.user.id ?? ''}`);
  if (!session) {
    return (
      <p>
        <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
      </p>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <>{children(state.data, state.reload)}</>;
}
