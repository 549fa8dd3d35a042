/* @jsxRuntime automatic */
/**
 * One MGI-style assessment at work: answers (in place / partial / absent / not applicable with
 * evidence) saved with If-Match, the process actions the reader's roles permit, the consultation with
 * the ministries' comments, and the draft profile per dimension.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../app/router-context.tsx';
import { useLockedSave } from '../../app/use-locked-save.ts';
import { ErrorMessage } from '../../app/shared.tsx';
import { pickText } from '../../app/localized.ts';
import { SaveFooter, SignedInRead } from './governance-parts.tsx';
import type { MgiWorkingView } from '@migov/server/api';
import { levelKey, profileDimensions } from './governance-data.ts';
import { MGI_LEVELS, parseConsultation, stateKey } from './mgi-work-state.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

type Answers = MgiWorkingView['responses'];

function Answering({ view, onSaved }: { view: MgiWorkingView; onSaved: (view: MgiWorkingView) => void }) {
  const { t, lang } = useI18n();
  const { save: lockedSave } = useLockedSave();
  const [draft, setDraft] = useState<Answers>(view.responses);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const set = (itemId: string, change: { optionId?: string; comment?: string }) =>
    setDraft({ ...draft, [itemId]: { ...draft[itemId], ...change } });
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    const changed = Object.fromEntries(
      Object.entries(draft).filter(
        ([itemId, answer]) => JSON.stringify(answer) !== JSON.stringify(view.responses[itemId] ?? {}),
      ),
    );
    const result = await lockedSave<MgiWorkingView>(
      `/mgi/assessments/${encodeURIComponent(view.id)}/answers`,
      view.lockVersion,
      { method: 'PUT', body: { answers: changed } },
    );
    if (result.outcome === 'saved') {
      setStatus(t('mgiWork.saved'));
      onSaved(result.body);
    } else if (result.outcome === 'conflict') {
      // Someone saved first: take their version as the base and keep the answers typed here.
      onSaved(result.current);
      setStatus(t('mgiWork.conflict'));
    } else setError(result.error);
  };
  return (
    <form onSubmit={save} data-testid="mgi-answers">
      {profileDimensions(view.profile).map((dimension) => (
        <fieldset key={dimension.dimensionId}>
          <legend lang="en">{dimension.label}</legend>
          {dimension.areas.flatMap((area) =>
            area.items.map((item) => (
              <fieldset key={item.itemId} className="item">
                <legend lang="en">
                  {item.itemId} {item.text}
                </legend>
                {(
                  view.answerOptions?.[item.itemId] ??
                  MGI_LEVELS.map((level) => ({ id: level, level, label: undefined }))
                ).map((option) => (
                  <label key={option.id} style={{ marginInlineEnd: '1em' }}>
                    <input
                      type="radio"
                      name={`mgi-${item.itemId}`}
                      value={option.id}
                      checked={draft[item.itemId]?.optionId === option.id}
                      onChange={() => set(item.itemId, { optionId: option.id })}
                    />{' '}
                    {option.id === option.level || !option.label ? (
                      t('mgi.level', { level: levelKey(option.level) })
                    ) : (
                      <>
                        <span lang={option.label[lang] ? lang : 'en'}>{pickText(option.label, lang)}</span> (
                        {t('mgi.level', { level: levelKey(option.level) })})
                      </>
                    )}
                  </label>
                ))}
                <br />
                <label>
                  {t('mgi.evidence')}{' '}
                  <input
                    name={`evidence-${item.itemId}`}
                    value={draft[item.itemId]?.comment ?? ''}
                    onChange={(event) => set(item.itemId, { comment: event.target.value })}
                    size={60}
                  />
                </label>
              </fieldset>
            )),
          )}
        </fieldset>
      ))}
      <SaveFooter label={t('mgiWork.saveAnswers')} status={status} error={error} />
    </form>
  );
}

function Actions({ view, onDone }: { view: MgiWorkingView; onDone: (view: MgiWorkingView) => void }) {
  const { t } = useI18n();
  const { save: lockedSave } = useLockedSave();
  const [error, setError] = useState<unknown>();
  // Comments have their own form, for the ministries the reader comments for.
  const actions = view.you.availableActions.filter((action) => action !== 'comment');
  const ministries = view.you.commentFor;
  const post = async (body: Record<string, unknown>) => {
    setError(undefined);
    const result = await lockedSave<MgiWorkingView>(
      `/mgi/assessments/${encodeURIComponent(view.id)}/actions`,
      view.lockVersion,
      { body },
    );
    if (result.outcome === 'saved') onDone(result.body);
    else setError(result.outcome === 'conflict' ? result.problem : result.error);
  };
  const submit = (type: string) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    if (type === 'open-consultation') {
      const parsed = parseConsultation(String(form.get('ministries') ?? ''), String(form.get('invite') ?? ''));
      if (parsed.problems.length > 0)
        return setError(
          parsed.problems
            .map((problem) =>
              problem.ministry === undefined
                ? t('mgiWork.notAnEmail', { line: problem.line, email: problem.email })
                : t('mgiWork.notAMinistry', { line: problem.line, ministry: problem.ministry }),
            )
            .join(' '),
        );
      return void post({
        type,
        ministries: parsed.ministries,
        ...(parsed.invite.length > 0 ? { invite: parsed.invite } : {}),
      });
    }
    if (type === 'comment') return void post({ type, ministry: text('ministry'), body: text('body') });
    if (type === 'approve')
      return void post({
        type,
        authority: text('authority'),
        ...(text('reference') ? { reference: text('reference') } : {}),
      });
    if (type === 'revise-draft') return void post({ type, reason: text('reason') });
    return void post({ type });
  };
  if (actions.length === 0 && ministries.length === 0) return null;
  return (
    <section aria-labelledby="mgi-actions" data-testid="mgi-actions">
      <h2 id="mgi-actions">{t('mgiWork.actions')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {ministries.length > 0 ? (
        <form onSubmit={submit('comment')} data-testid="mgi-comment">
          <fieldset>
            <legend>{t('mgiWork.comment')}</legend>
            <label>
              {t('mgiWork.ministry')}{' '}
              <select name="ministry">
                {ministries.map((ministry) => (
                  <option key={ministry}>{ministry}</option>
                ))}
              </select>
            </label>
            <br />
            <label>
              {t('mgiWork.commentBody')}
              <br />
              <textarea name="body" required rows={3} cols={70} />
            </label>
            <br />
            <button type="submit">{t('mgiWork.sendComment')}</button>
          </fieldset>
        </form>
      ) : null}
      {actions.map((type) => (
        <form key={type} onSubmit={submit(type)} data-action={type}>
          {type === 'open-consultation' ? (
            <>
              <label>
                {t('mgiWork.ministries')}
                <br />
                <textarea name="ministries" required rows={3} cols={50} />
              </label>
              <br />
              <label>
                {t('mgiWork.invite')}
                <br />
                <textarea name="invite" rows={3} cols={50} />
              </label>
              <br />
            </>
          ) : null}
          {type === 'approve' ? (
            <>
              <label>
                {t('mgiWork.authority')} <input name="authority" required size={30} />
              </label>{' '}
              <label>
                {t('mgiWork.reference')} <input name="reference" size={20} />
              </label>{' '}
            </>
          ) : null}
          {type === 'revise-draft' ? (
            <>
              <label>
                {t('crosswalk.reason')} <input name="reason" required size={40} />
              </label>{' '}
            </>
          ) : null}
          <button type="submit">{t('mgiWork.action', { action: stateKey(type) })}</button>
        </form>
      ))}
    </section>
  );
}

export function MgiWorkPage({ id }: { id: string }) {
  return (
    <SignedInRead<MgiWorkingView> path={`/mgi/assessments/${encodeURIComponent(id)}`}>
      {(data) => <MgiWork initial={data} />}
    </SignedInRead>
  );
}

function MgiWork({ initial }: { initial: MgiWorkingView }) {
  const { t, lang, formatDate } = useI18n();
  const [updated, setUpdated] = useState<MgiWorkingView>();
  const view = updated && updated.id === initial.id ? updated : initial;
  return (
    <>
      <p>
        <Link to={{ view: 'mgi-assessments', lang }}>{t('mgiWork.title')}</Link>
      </p>
      <h1>{t('mgi.title', { name: view.jurisdictionName, year: view.year })}</h1>
      <p data-testid="mgi-state">
        {t('governance.roundKind', { kind: view.roundKind })} ·{' '}
        {t('mgiWork.stateName', { state: stateKey(view.state) })}
      </p>
      {view.state === 'published' ? (
        <p>
          <Link to={{ view: 'mgi-profile', lang, jurisdiction: view.jurisdiction, round: view.year }}>
            {t('mgiWork.published')}
          </Link>
        </p>
      ) : null}
      {view.waitingFor.length > 0 ? <p>{t('mgiWork.waiting', { ministries: view.waitingFor.join('; ') })}</p> : null}
      <Actions view={view} onDone={setUpdated} />
      {view.you.editsAnswers ? <Answering key={view.id} view={view} onSaved={setUpdated} /> : null}
      {view.process.comments.length > 0 ? (
        <section aria-labelledby="mgi-comments">
          <h2 id="mgi-comments">{t('mgiWork.comments')}</h2>
          <ul data-testid="mgi-comments">
            {view.process.comments.map((comment, index) => (
              <li key={index}>
                <strong>{comment.ministry}</strong> ({formatDate(comment.at)}): {comment.body}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="mgi-draft">
        <h2 id="mgi-draft">{t('mgiWork.draftProfile')}</h2>
        <ScrollBox label={t('mgiWork.draftProfile')}>
          <table>
            <caption>{t('mgiWork.draftProfile')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mgi.dimension')}</th>
                <th scope="col">{t('mgi.wellDeveloped')}</th>
                <th scope="col">{t('mgi.furtherDevelopment')}</th>
              </tr>
            </thead>
            <tbody>
              {profileDimensions(view.profile).map((dimension) => (
                <tr key={dimension.dimensionId}>
                  <th scope="row" lang="en">
                    {dimension.label}
                  </th>
                  <td lang="en">{dimension.wellDeveloped.join('; ') || '—'}</td>
                  <td lang="en">{dimension.furtherDevelopment.join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </section>
    </>
  );
}
