/* @jsxRuntime automatic */
/**
 * What someone who may read an assessment but not change it sees above the form: that it is read
 * only, its status, and who is working on it (the last person who saved its answers or evidence, and when).
 */
import { useI18n } from '../i18n/i18n-context.tsx';
import type { AssessmentState } from '@migov/server/api';
import type { LastSave } from './assessment-data.ts';

export function ReadOnlyNotice({ state, lastSave }: { state: AssessmentState; lastSave: LastSave | undefined }) {
  const { t } = useI18n();
  const status = t('state.name', { state });
  return (
    <section className="notice read-only" aria-labelledby="read-only-heading" data-testid="read-only">
      <h2 id="read-only-heading">{t('readOnly.title')}</h2>
      <p>{t('readOnly.text', { state: status })}</p>
      <p data-testid="last-save">
        {lastSave
          ? t('readOnly.lastSave', { name: lastSave.by ?? t('readOnly.someone'), at: new Date(lastSave.at) })
          : t('readOnly.noSave')}
      </p>
    </section>
  );
}
