/* @jsxRuntime automatic */
/** The signed-in user's settings: the language of the e-mails they get (invitations, notices, reminders, password resets). */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { ErrorMessage } from '../app/shared.tsx';
import { useLoad } from '../app/use-load.ts';
import { getJson } from '../api/api-client.ts';
import { LANGUAGE_NAMES, type UiLanguage } from '../i18n/languages.ts';
import { LanguageOptions } from './LanguageOptions.tsx';

interface Preferences {
  preferredLanguage: UiLanguage;
}

export function AccountSettings() {
  const { t } = useI18n();
  const { api, session } = useSession();
  const [saved, setSaved] = useState<UiLanguage | undefined>();
  const [error, setError] = useState<unknown>();
  const state = useLoad(() => getJson<Preferences>(api, '/account/preferences'), session?.user.id ?? 'anonymous');
  if (!session || state.status !== 'ready') return null;

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    const preferredLanguage = String(new FormData(event.currentTarget).get('preferredLanguage')) as UiLanguage;
    try {
      const { body } = await api.request<Preferences>('/account/preferences', {
        method: 'PUT',
        body: { preferredLanguage },
      });
      setSaved(body.preferredLanguage);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="section" aria-labelledby="account-settings">
      <h2 id="account-settings">{t('account.title')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {saved ? <p role="status">{t('account.saved', { language: LANGUAGE_NAMES[saved] })}</p> : null}
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <label>
          {t('account.emailLanguage')}{' '}
          <select name="preferredLanguage" defaultValue={state.data.preferredLanguage}>
            <LanguageOptions />
          </select>
        </label>
        <button type="submit">{t('account.save')}</button>
      </form>
    </section>
  );
}
