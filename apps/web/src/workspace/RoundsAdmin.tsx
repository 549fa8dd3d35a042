/* @jsxRuntime automatic */
/**
 * The rounds of the administration page: each round with its closing day and whether it is open (the
 * server's clock decides), reopening with a new closing day, closing now, and opening a new round
 * (docs/rounds.md). Every change is audited by the server.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { pickText } from '../app/localized.ts';
import { ScrollBox } from '../app/ScrollBox.tsx';
import { getJson } from '../api/api-client.ts';
import type { InstrumentSummary, Round } from '@migov/server/api';

export function RoundsAdmin({
  rounds: initial,
  instruments,
  onError,
}: {
  rounds: readonly Round[];
  instruments: readonly InstrumentSummary[];
  onError: (error: unknown) => void;
}) {
  const { t, lang, formatDate } = useI18n();
  const { api } = useSession();
  const [status, setStatus] = useState<string | undefined>();
  // The list is read again after each change, here only: the rest of the page keeps what was typed.
  const [rounds, setRounds] = useState<readonly Round[]>(initial);

  const act = async (work: () => Promise<unknown>, done: string) => {
    onError(undefined);
    setStatus(undefined);
    try {
      await work();
      setRounds((await getJson<{ items: Round[] }>(api, '/rounds')).items);
      setStatus(done);
    } catch (failure) {
      onError(failure);
    }
  };
  const reopen = (event: FormEvent<HTMLFormElement>, round: Round) => {
    event.preventDefault();
    const closesOn = String(new FormData(event.currentTarget).get('closesOn') ?? '');
    void act(
      () => api.request(`/rounds/${encodeURIComponent(round.id)}/reopen`, { method: 'POST', body: { closesOn } }),
      t('admin.roundReopened', { year: round.year, day: formatDate(closesOn) }),
    );
  };
  const close = (round: Round) =>
    void act(
      () => api.request(`/rounds/${encodeURIComponent(round.id)}/close`, { method: 'POST' }),
      t('admin.roundClosedNow', { year: round.year }),
    );
  const addRound = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [instrument, version] = String(form.get('instrument')).split('@');
    void act(
      () =>
        api.request('/rounds', {
          method: 'POST',
          body: {
            year: Number(form.get('year')),
            instrument,
            version,
            opensOn: form.get('opensOn'),
            closesOn: form.get('closesOn'),
          },
        }),
      t('admin.roundAdded', { year: Number(form.get('year')) }),
    );
  };

  return (
    <section className="section" aria-labelledby="admin-rounds">
      <h2 id="admin-rounds">{t('admin.rounds')}</h2>
      {status ? <p role="status">{status}</p> : null}
      <ScrollBox label={t('admin.rounds')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.year')}</th>
              <th scope="col">{t('admin.instruments')}</th>
              <th scope="col">{t('admin.opens')}</th>
              <th scope="col">{t('admin.closes')}</th>
              <th scope="col">{t('admin.status')}</th>
              <th scope="col">{t('admin.roundActions')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((round) => (
              <tr key={round.id} data-testid={`round-${round.year}-${round.instrument}`}>
                <th scope="row">{round.year}</th>
                <td>
                  {round.instrument}@{round.version}
                </td>
                <td>{formatDate(round.opensOn)}</td>
                <td>{formatDate(round.closesOn)}</td>
                <td data-testid="round-status">
                  {round.status === 'closed'
                    ? t('admin.roundClosedSince', { date: formatDate(round.closedAt) })
                    : t('admin.roundOpen')}
                </td>
                <td>
                  <form className="inline-form" onSubmit={(event) => reopen(event, round)}>
                    <label>
                      {t('admin.newClosingDay')}{' '}
                      <input
                        name="closesOn"
                        type="date"
                        required
                        aria-label={t('admin.newClosingDayOf', { year: round.year })}
                      />
                    </label>
                    <button
                      type="submit"
                      aria-label={t(round.status === 'closed' ? 'admin.reopenRound' : 'admin.moveClosingDayOf', {
                        year: round.year,
                      })}
                    >
                      {round.status === 'closed' ? t('admin.reopen') : t('admin.moveClosingDay')}
                    </button>
                  </form>
                  {round.status === 'open' ? (
                    <button
                      type="button"
                      onClick={() => close(round)}
                      aria-label={t('admin.closeRound', { year: round.year })}
                    >
                      {t('admin.closeNow')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <form className="inline-form" onSubmit={addRound}>
        <label>
          {t('admin.year')} <input name="year" type="number" min={2000} max={2100} required />
        </label>
        <label>
          {t('admin.instruments')}{' '}
          <select name="instrument">
            {instruments.map((instrument) => (
              <option
                key={`${instrument.instrument}@${instrument.version}`}
                value={`${instrument.instrument}@${instrument.version}`}
                lang={instrument.title[lang] === undefined ? 'en' : undefined}
              >
                {pickText(instrument.title, lang)} ({instrument.version})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.opens')} <input name="opensOn" type="date" required />
        </label>
        <label>
          {t('admin.closes')} <input name="closesOn" type="date" required />
        </label>
        <button type="submit">{t('admin.addRound')}</button>
      </form>
    </section>
  );
}
