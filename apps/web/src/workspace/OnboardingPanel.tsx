/* @jsxRuntime automatic */
/**
 * Onboarding in the administration page: invite someone to a role (the roles and scopes offered come
 * from the server's `GET /invitations/offers`), the invitations with resend and withdraw, and, for
 * administrators, the e-mail outbox with each message's state. Without e-mail the acceptance link is
 * shown to copy and pass on.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LanguageOptions } from './LanguageOptions.tsx';
import { useSession } from '../app/session-context.tsx';
import { ErrorMessage } from '../app/shared.tsx';
import { useLoad } from '../app/use-load.ts';
import { getJson } from '../api/api-client.ts';
import type { Page, Role, RoleScope } from '@migov/server/api';
import { roleName, scopeName } from './onboarding-labels.ts';
import { ScrollBox } from '../app/ScrollBox.tsx';

/** GET /invitations/offers. */
export interface OnboardingOffers {
  items: { role: Role; scopes: RoleScope[]; anyScope: boolean }[];
  manageUsers: boolean;
  mailDelivery: boolean;
}

interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  scope: RoleScope;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expiresAt: string;
}

interface Invited {
  id: string;
  email: string;
  delivery: 'email' | 'link';
  acceptUrl?: string;
}

interface TeamMember {
  grantId: string;
  email: string;
  name: string;
  role: Role;
  scope: RoleScope;
}

interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  lastError?: string;
}

const scopeKey = (scope: RoleScope) => JSON.stringify(scope);

/** A typed scope: global, a code starting with a digit (an area, e.g. 484 or 484-CMX), else a group. */
function parseScope(text: string): RoleScope {
  const where = text.trim();
  if (where === '' || where.toLowerCase() === 'global') return { kind: 'global' };
  return /^[0-9]/.test(where) ? { kind: 'area', area: where } : { kind: 'group', group: where };
}

export function OnboardingPanel({ offers }: { offers: OnboardingOffers }) {
  const { t, lang, formatDate } = useI18n();
  const { api } = useSession();
  const [role, setRole] = useState<Role | undefined>(offers.items[0]?.role);
  const [invited, setInvited] = useState<Invited | undefined>();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>();
  const invitations = useLoad(() => getJson<Page<InvitationRow>>(api, '/invitations?limit=100'), 'invitations');
  const team = useLoad(() => getJson<{ items: TeamMember[] }>(api, '/role-grants'), 'team');
  const outbox = useLoad(
    async () =>
      offers.manageUsers
        ? getJson<Page<OutboxRow> & { counts: Record<OutboxRow['status'], number>; delivery: boolean }>(
            api,
            '/outbox?limit=50',
          )
        : undefined,
    'outbox',
  );
  const offer = offers.items.find((item) => item.role === role);
  if (offers.items.length === 0) return null;

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      invitations.reload();
      outbox.reload();
      team.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const invite = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scopeText = String(form.get('scope') ?? '');
    const scope = offer?.anyScope ? parseScope(scopeText) : (JSON.parse(scopeText) as RoleScope);
    const formElement = event.currentTarget;
    void act(async () => {
      const { body } = await api.request<Invited>('/invitations', {
        method: 'POST',
        body: { email: String(form.get('email') ?? '').trim(), role, scope, language: form.get('language') },
      });
      setInvited(body);
      setCopied(false);
      formElement.reset();
    });
  };
  const resend = (id: string) =>
    act(async () => {
      const { body } = await api.request<Invited>(`/invitations/${encodeURIComponent(id)}/resend`, { method: 'POST' });
      setInvited(body);
      setCopied(false);
    });
  const withdraw = (id: string) =>
    act(() => api.request(`/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }));
  const endRole = (grantId: string) =>
    act(() => api.request(`/role-grants/${encodeURIComponent(grantId)}`, { method: 'DELETE' }));
  const retry = (id: string) => act(() => api.request(`/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST' }));
  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <>
      <section className="section" aria-labelledby="onboard-invite">
        <h2 id="onboard-invite">{t('onboard.invite')}</h2>
        {error ? <ErrorMessage error={error} /> : null}
        {invited ? (
          invited.delivery === 'email' ? (
            <p role="status">{t('onboard.sentByEmail', { email: invited.email })}</p>
          ) : (
            <div role="status">
              <p>{t('onboard.copyLink', { email: invited.email })}</p>
              <p>
                <input
                  aria-label={t('onboard.copy')}
                  readOnly
                  value={invited.acceptUrl ?? ''}
                  size={60}
                  className="invitation-link"
                />{' '}
                <button type="button" className="secondary" onClick={() => copy(invited.acceptUrl ?? '')}>
                  {t('onboard.copy')}
                </button>{' '}
                {copied ? <span>{t('onboard.copied')}</span> : null}
              </p>
            </div>
          )
        ) : null}
        <form className="inline-form" onSubmit={invite}>
          <label>
            {t('signIn.email')} <input name="email" type="email" autoComplete="off" maxLength={254} required />
          </label>
          <label>
            {t('onboard.role')}{' '}
            <select name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {offers.items.map((item) => (
                <option key={item.role} value={item.role}>
                  {roleName(t, item.role)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('onboard.scope')}{' '}
            {offer?.anyScope ? (
              <input name="scope" placeholder={t('onboard.scopeHint')} size={16} />
            ) : (
              <select name="scope">
                {(offer?.scopes ?? []).map((scope) => (
                  <option key={scopeKey(scope)} value={scopeKey(scope)}>
                    {scopeName(t, scope)}
                  </option>
                ))}
              </select>
            )}
          </label>
          <label>
            {t('onboard.language')}{' '}
            <select name="language" defaultValue={lang}>
              <LanguageOptions />
            </select>
          </label>
          <button type="submit">{t('onboard.send')}</button>
        </form>
      </section>
      <section className="section" aria-labelledby="onboard-invitations">
        <h2 id="onboard-invitations">{t('onboard.invitations')}</h2>
        {invitations.status === 'error' ? (
          <ErrorMessage error={invitations.error} onRetry={invitations.reload} />
        ) : null}
        {invitations.status === 'ready' && invitations.data!.items.length === 0 ? <p>{t('onboard.none')}</p> : null}
        {invitations.status === 'ready' && invitations.data!.items.length > 0 ? (
          <ScrollBox label={t('onboard.invitations')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('signIn.email')}</th>
                  <th scope="col">{t('onboard.role')}</th>
                  <th scope="col">{t('onboard.scope')}</th>
                  <th scope="col">{t('admin.status')}</th>
                  <th scope="col">{t('onboard.expires')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {invitations.data!.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{item.email}</th>
                    <td>{roleName(t, item.role)}</td>
                    <td>{scopeName(t, item.scope)}</td>
                    <td>{t(`onboard.status.${item.status}`)}</td>
                    <td>{formatDate(item.expiresAt)}</td>
                    <td>
                      {item.status === 'pending' || item.status === 'expired' ? (
                        <RowAction
                          label={t('onboard.resend')}
                          about={item.email}
                          onClick={() => void resend(item.id)}
                        />
                      ) : null}{' '}
                      {item.status === 'pending' ? (
                        <RowAction
                          label={t('onboard.withdraw')}
                          about={item.email}
                          onClick={() => void withdraw(item.id)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : null}
      </section>
      {!offers.manageUsers && team.status === 'ready' ? (
        <section className="section" aria-labelledby="onboard-team">
          <h2 id="onboard-team">{t('onboard.team')}</h2>
          {team.data.items.length === 0 ? <p>{t('onboard.none')}</p> : null}
          <ul>
            {team.data.items.map((member) => (
              <li key={member.grantId}>
                {member.name} ({member.email}): {roleName(t, member.role)}, {scopeName(t, member.scope)}{' '}
                <RowAction
                  label={t('onboard.endRole')}
                  about={member.name}
                  onClick={() => void endRole(member.grantId)}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {offers.manageUsers && outbox.status === 'ready' && outbox.data ? (
        <section className="section" aria-labelledby="onboard-outbox">
          <h2 id="onboard-outbox">{t('onboard.outbox')}</h2>
          {outbox.data.delivery ? (
            <p>
              {t('onboard.outboxCounts', {
                pending: outbox.data.counts.pending + outbox.data.counts.sending,
                sent: outbox.data.counts.sent,
                failed: outbox.data.counts.failed,
              })}
            </p>
          ) : (
            <p>{t('onboard.outboxOff')}</p>
          )}
          {outbox.data.items.length > 0 ? (
            <ScrollBox label={t('onboard.outbox')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('onboard.recipient')}</th>
                    <th scope="col">{t('onboard.subject')}</th>
                    <th scope="col">{t('admin.status')}</th>
                    <th scope="col">{t('onboard.attempts')}</th>
                    <th scope="col">{t('onboard.lastError')}</th>
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {outbox.data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">{item.recipient}</th>
                      <td>{item.subject}</td>
                      <td>{t(`onboard.mail.${item.status}`)}</td>
                      <td>{item.attempts}</td>
                      <td>{item.lastError ?? ''}</td>
                      <td>
                        {item.status === 'failed' ? (
                          <RowAction
                            label={t('onboard.retry')}
                            about={item.subject}
                            onClick={() => void retry(item.id)}
                          />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/** A button acting on one row of a list, named for screen readers with what it acts on. */
function RowAction({ label, about, onClick }: { label: string; about: string; onClick: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      {label}
      <span className="visually-hidden"> — {about}</span>
    </button>
  );
}
