/* @jsxRuntime automatic */
/** Administration: onboarding (invitations, the e-mail outbox), users and roles, rounds, instruments (upload and validate), groups. National coordinators see onboarding only. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { ErrorMessage, Loading } from '../app/shared.tsx';
import { useLoad } from '../app/use-load.ts';
import { getJson } from '../api/api-client.ts';
import { areaName } from '../app/localized.ts';
import { Localized } from '../app/Localized.tsx';
import type { Translator } from '../i18n/translator.ts';
import { INTL_LOCALES } from '../i18n/languages.ts';
import type { AreaSummary, InstrumentSummary, Page, Role, RoleGrant, Round, User } from '@migov/server/api';
import { OnboardingPanel, type OnboardingOffers } from './OnboardingPanel.tsx';
import { roleName } from './onboarding-labels.ts';
import { ScrollBox } from '../app/ScrollBox.tsx';
import { RoundsAdmin } from './RoundsAdmin.tsx';

export function AdminPage() {
  const { t, lang } = useI18n();
  const { api, session } = useSession();
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const state = useLoad(
    async () => {
      if (!session) return undefined;
      // What this reader may do comes from the server: the roles they may invite to, and whether they manage users.
      const offers = await getJson<OnboardingOffers>(api, '/invitations/offers');
      if (!offers.manageUsers) return { offers };
      const [users, rounds, instruments, areas] = await Promise.all([
        getJson<UsersPage>(api, usersPath(0)),
        getJson<{ items: Round[] }>(api, '/rounds'),
        getJson<{ items: InstrumentSummary[] }>(api, '/instruments'),
        getJson<Page<AreaSummary>>(api, '/areas?limit=500'),
      ]);
      return {
        offers,
        users,
        rounds: rounds.items,
        instruments: instruments.items,
        groups: areas.items.filter((area) => area.kind !== 'country'),
      };
    },
    `${session?.user.id ?? ''}`,
  );
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  const loaded = state.data;
  if (!loaded || (!loaded.users && loaded.offers.items.length === 0)) return <p>{t('admin.forbidden')}</p>;
  if (!loaded.users) {
    return (
      <>
        <h1>{t('admin.title')}</h1>
        <OnboardingPanel offers={loaded.offers} />
      </>
    );
  }
  const data = {
    ...loaded,
    users: loaded.users,
    rounds: loaded.rounds!,
    instruments: loaded.instruments!,
    groups: loaded.groups!,
  };
  const roles = data.offers.items.map((item) => item.role);
  // Groups sort by their names in the page's language.
  const groupCollator = new Intl.Collator(INTL_LOCALES[lang]);

  const uploadInstrument = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    try {
      // The server validates both forms; the type comes from the name, as browsers often give YAML files none.
      const { body } = await api.request<{ instrument: string; version: string }>('/instruments', {
        method: 'POST',
        body: file,
        headers: { 'content-type': instrumentFileType(file.name) },
      });
      setMessage(t('admin.uploaded', body));
      state.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <h1>{t('admin.title')}</h1>
      {message ? <p role="status">{message}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      <OnboardingPanel offers={data.offers} />
      <UsersSection firstPage={data.users} roles={roles} onError={setError} />
      <RoundsAdmin rounds={data.rounds} instruments={data.instruments} onError={setError} />
      <section className="section" aria-labelledby="admin-instruments">
        <h2 id="admin-instruments">{t('admin.instruments')}</h2>
        <ul>
          {data.instruments.map((instrument) => (
            <li key={`${instrument.instrument}@${instrument.version}`}>
              <Localized text={instrument.title} /> — {instrument.instrument}@{instrument.version} ({instrument.items})
            </li>
          ))}
        </ul>
        <label>
          {t('admin.upload')}{' '}
          <input
            type="file"
            accept={INSTRUMENT_FILE_ACCEPT}
            onChange={(event) => void uploadInstrument(event.target.files?.[0])}
          />
        </label>
      </section>
      <section className="section" aria-labelledby="admin-groups">
        <h2 id="admin-groups">{t('admin.groups')}</h2>
        <ul className="columns">
          {data.groups
            .map((group) => ({ group, name: areaName(group, lang) }))
            .sort((left, right) => groupCollator.compare(left.name, right.name))
            .map(({ group, name }) => (
              <li key={group.code}>
                {name} <span className="meta">({t('admin.areaKind', { kind: group.kind.replaceAll('-', '_') })})</span>
              </li>
            ))}
        </ul>
      </section>
    </>
  );
}

/** A page of users: `total` is exact when `totalExact`, else at least that many (the server stops counting). */
type UsersPage = Page<User> & { totalExact: boolean };

/** Users per page of the administration page. */
const USERS_PER_PAGE = 200;

function usersPath(offset: number): string {
  return `/users?limit=${USERS_PER_PAGE}&offset=${offset}`;
}

/**
 * Users and roles, a page at a time: which users are shown of how many ("more than 1,000" when the
 * server stopped counting), and the pages before and after. The page shown stays while the next
 * loads, so the pager keeps its place and focus.
 */
function UsersSection({
  firstPage,
  roles,
  onError,
}: {
  firstPage: UsersPage;
  roles: readonly Role[];
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => getJson<UsersPage>(api, usersPath(offset)), String(offset), firstPage);
  const shown = useRef(firstPage);
  if (state.status === 'ready') shown.current = state.data;
  const page = shown.current;
  const more = !page.totalExact || page.offset + page.limit < page.total;
  // A button that reached the first or last page is disabled: focus goes to the other, not to the page's top.
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const clicked = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (!clicked.current?.disabled) return;
    (clicked.current === next.current ? previous : next).current?.focus();
    clicked.current = null;
  }, [page]);
  const range = {
    from: page.items.length === 0 ? 0 : page.offset + 1,
    to: page.offset + page.items.length,
    total: page.total,
  };
  return (
    <section className="section" aria-labelledby="admin-users" aria-busy={state.status === 'loading'}>
      <h2 id="admin-users">{t('admin.users')}</h2>
      <p aria-live="polite" data-testid="users-range">
        {t(page.totalExact ? 'admin.usersRange' : 'admin.usersRangeAtLeast', range)}
      </p>
      {state.status === 'error' ? <ErrorMessage error={state.error} onRetry={state.reload} /> : null}
      <ScrollBox label={t('admin.users')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('signIn.email')}</th>
              <th scope="col">{t('admin.status')}</th>
              <th scope="col">{t('admin.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.name}</th>
                <td>{user.email}</td>
                <td>{t('admin.userStatus', { status: user.status })}</td>
                <td>
                  <UserRoles userId={user.id} name={user.name} roles={roles} onError={onError} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {page.offset > 0 || more ? (
        <nav className="buttons" aria-label={t('admin.usersPages')}>
          <button
            type="button"
            className="secondary"
            ref={previous}
            disabled={page.offset === 0}
            onClick={(event) => {
              clicked.current = event.currentTarget;
              setOffset(Math.max(0, page.offset - USERS_PER_PAGE));
            }}
          >
            {t('admin.previousPage')}
          </button>
          <button
            type="button"
            className="secondary"
            ref={next}
            disabled={!more}
            onClick={(event) => {
              clicked.current = event.currentTarget;
              setOffset(page.offset + USERS_PER_PAGE);
            }}
          >
            {t('admin.nextPage')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

/** Instrument files the picker offers: JSON or YAML. */
const INSTRUMENT_FILE_ACCEPT = '.json,.yaml,.yml,application/json,application/yaml,text/yaml';

/** The Content-Type of an instrument file by its name: JSON for .json, else YAML (which also reads JSON). */
function instrumentFileType(filename: string): string {
  return /\.json$/i.test(filename) ? 'application/json' : 'application/yaml';
}

function scopeText(t: Translator['t'], grant: RoleGrant): string {
  return grant.scope.kind === 'global'
    ? t('admin.scopeGlobal')
    : grant.scope.kind === 'area'
      ? grant.scope.area
      : grant.scope.group;
}

/** A user's role grants, read when opened; grant a role in an area (M49 or sub-national code), a group, or globally; revoke (kept in history). */
function UserRoles({
  userId,
  name,
  roles,
  onError,
}: {
  userId: string;
  name: string;
  roles: readonly Role[];
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [grants, setGrants] = useState<RoleGrant[] | undefined>();
  const load = async () => {
    try {
      setGrants((await getJson<User & { roles: RoleGrant[] }>(api, `/users/${encodeURIComponent(userId)}`)).roles);
    } catch (failure) {
      onError(failure);
    }
  };
  const grant = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const where = String(form.get('scope') ?? '').trim();
    const scope =
      where === '' || where === 'global' || where === t('admin.scopeGlobal')
        ? { kind: 'global' }
        : /^[0-9]/.test(where)
          ? { kind: 'area', area: where }
          : { kind: 'group', group: where };
    try {
      await api.request(`/users/${encodeURIComponent(userId)}/roles`, {
        method: 'POST',
        body: { role: form.get('role'), scope },
      });
      await load();
    } catch (failure) {
      onError(failure);
    }
  };
  const revoke = async (grantId: string) => {
    try {
      await api.request(`/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(grantId)}`, {
        method: 'DELETE',
      });
      await load();
    } catch (failure) {
      onError(failure);
    }
  };
  return (
    <details
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && !grants) void load();
      }}
    >
      <summary>
        {t('admin.roles')}
        <span className="visually-hidden"> — {name}</span>
      </summary>
      <ul>
        {(grants ?? []).map((entry) => (
          <li key={entry.id ?? `${entry.role}-${scopeText(t, entry)}`}>
            {roleName(t, entry.role)} ({scopeText(t, entry)}){' '}
            {entry.id ? (
              <button type="button" className="link-button" onClick={() => void revoke(entry.id!)}>
                ×
                <span className="visually-hidden">
                  {' '}
                  {roleName(t, entry.role)} {scopeText(t, entry)}
                </span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(event) => void grant(event)}>
        <label>
          {t('admin.roles')}
          <select name="role">
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleName(t, role)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.area')}
          <input name="scope" placeholder={t('admin.scopeHint')} size={10} />
        </label>
        <button type="submit" className="secondary">
          {t('common.save')}
        </button>
      </form>
    </details>
  );
}
