/* @jsxRuntime automatic */
/** Loads one assessment with everything its pages show, asking the visitor to sign in first; the form and the review page both stand on it. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../app/router-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { ErrorMessage, Loading } from '../app/shared.tsx';
import { useLoad } from '../app/use-load.ts';
import { loadAssessmentBundle, type AssessmentBundle } from './assessment-data.ts';

export function AssessmentBundleLoader({ id, children }: { id: string; children: (bundle: AssessmentBundle, reload: () => void) => ReactNode }) {
  const { api, session } = useSession();
  const { t, lang } = useI18n();
  const state = useLoad(() => loadAssessmentBundle(api, id), `${id}:${session?.user.id ?? ''}`);
  if (!session)
    return (
      <p>
        <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
      </p>
    );
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <>{children(state.data, state.reload)}</>;
}
