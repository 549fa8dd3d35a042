/* @jsxRuntime automatic */
/** Review: answers with evidence, a comment per item, return with a reason, validate, publish; the history and a side-by-side diff of versions. */
import { useState } from 'react';
import { itemNumbers, optionLabel } from '@migov/core/instruments';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { ErrorMessage } from '../app/shared.tsx';
import { domainLabel } from '../app/localized.ts';
import { Localized } from '../app/Localized.tsx';
import { historySentence } from './history-sentence.ts';
import { getJson } from '../api/api-client.ts';
import { lockedSave } from '../app/use-locked-save.ts';
import type { AssessmentView, ResponseValue, ReviewComment } from '@migov/server/api';
import type { AssessmentBundle } from './assessment-data.ts';
import { AssessmentBundleLoader } from './AssessmentBundleLoader.tsx';
import { ReviewScore } from './ReviewScore.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { ScrollBox } from '../app/ScrollBox.tsx';

const DECISIONS = ['return', 'validate', 'publish', 'reopen'] as const;
const NEEDS_REASON = new Set(['return', 'reopen']);

export function ReviewPage({ id }: { id: string }) {
  return (
    <AssessmentBundleLoader id={id}>
      {(bundle, reload) => <Review bundle={bundle} reload={reload} />}
    </AssessmentBundleLoader>
  );
}

interface DiffResult {
  items: { itemId: string; before: ResponseValue; after: ResponseValue }[];
  state?: { before: string; after: string };
}

function Review({ bundle, reload }: { bundle: AssessmentBundle; reload: () => void }) {
  const translator = useI18n();
  const { t, formatDate } = translator;
  const { api } = useSession();
  const { instrument } = bundle;
  const [view, setView] = useState<AssessmentView>(bundle.view);
  const [comments, setComments] = useState<ReviewComment[]>(bundle.comments);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const latest = bundle.history.at(-1)?.revision ?? 0;
  const [from, setFrom] = useState(Math.max(0, latest - 1));
  const [to, setTo] = useState(latest);
  const [diff, setDiff] = useState<DiffResult | undefined>();
  // Publishing is public and hard to undo: the Publish button only opens the confirmation.
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const id = view.assessment.id;
  const items = instrument.domains.flatMap((domain) => domain.items);
  const numbers = itemNumbers(instrument);
  const optionText = (itemId: string, optionId: string | undefined) => {
    const label = optionLabel(instrument, itemId, optionId);
    return label ? <Localized text={label} /> : '–';
  };

  const decide = async (action: (typeof DECISIONS)[number]) => {
    setError(undefined);
    if (NEEDS_REASON.has(action) && !reason.trim()) {
      setReasonError(true);
      document.getElementById('review-reason')?.focus();
      return;
    }
    setDeciding(true);
    const result = await lockedSave<AssessmentView>(
      api,
      `/assessments/${encodeURIComponent(id)}/${action}`,
      view.assessment.lockVersion,
      { body: NEEDS_REASON.has(action) ? { reason: reason.trim() } : {} },
    );
    setDeciding(false);
    setConfirmingPublish(false);
    if (result.outcome !== 'saved') return setError(result.outcome === 'conflict' ? result.problem : result.error);
    setView(result.body);
    setReason('');
    setReasonError(false);
    setMessage(t('review.done', { state: t('state.name', { state: result.body.assessment.state }) }));
    reload();
  };

  const comment = async (itemId: string, body: string) => {
    const { body: created } = await api.request<ReviewComment>(`/assessments/${encodeURIComponent(id)}/comments`, {
      method: 'POST',
      body: { itemId, body },
    });
    setComments((list) => [...list, created]);
  };

  const showDiff = async () => {
    try {
      setDiff(await getJson<DiffResult>(api, `/assessments/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`));
    } catch (failure) {
      setError(failure);
    }
  };

  const decisions = DECISIONS.filter((action) => view.availableActions.includes(action));
  const canComment = view.availableActions.includes('comment');

  return (
    <>
      <h1>{t('review.title', { country: bundle.areaName(translator.lang), year: view.assessment.year })}</h1>
      <p className="meta">
        {t('workspace.state')}:{' '}
        <strong data-testid="assessment-state">{t('state.name', { state: view.assessment.state })}</strong>
      </p>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <ReviewScore view={view} instrument={instrument} />
      {decisions.length > 0 ? (
        <section className="decision" aria-label={t('workspace.review')}>
          {decisions.some((action) => NEEDS_REASON.has(action)) ? (
            <label>
              {t('review.reason')}
              <textarea
                id="review-reason"
                rows={3}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                aria-invalid={reasonError || undefined}
                aria-describedby={reasonError ? 'review-reason-error' : undefined}
              />
            </label>
          ) : null}
          {reasonError ? (
            <p id="review-reason-error" className="field-error">
              {t('review.reasonRequired')}
            </p>
          ) : null}
          <div className="buttons">
            {decisions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'return' || action === 'reopen' ? 'secondary' : ''}
                onClick={() => (action === 'publish' ? setConfirmingPublish(true) : void decide(action))}
                aria-haspopup={action === 'publish' ? 'dialog' : undefined}
                data-action={action}
              >
                {t(`review.${action}` as const)}
              </button>
            ))}
          </div>
          {decisions.includes('publish') ? (
            <PublishDialog
              open={confirmingPublish}
              country={bundle.areaName(translator.lang)}
              year={view.assessment.year}
              busy={deciding}
              onConfirm={() => void decide('publish')}
              onCancel={() => setConfirmingPublish(false)}
            />
          ) : null}
        </section>
      ) : null}

      {instrument.domains.map((domain) => (
        <section key={domain.id} className="domain" aria-labelledby={`r-${domain.id}`}>
          <h2 id={`r-${domain.id}`}>{domainLabel(translator, domain)}</h2>
          {domain.items.map((item) => {
            const value = view.assessment.responses[item.id] ?? {};
            const itemEvidence = bundle.evidence.filter((entry) => entry.itemId === item.id && !entry.withdrawnAt);
            const itemComments = comments.filter((entry) => entry.itemId === item.id);
            return (
              <div key={item.id} className="review-item">
                <h3>
                  <span className="item-number">{numbers.get(item.id)}.</span> <Localized text={item.text} />
                </h3>
                <p>
                  <strong>{t('country.answer')}:</strong> {optionText(item.id, value.optionId)}
                  {value.comment ? ` — ${value.comment}` : ''}
                </p>
                {itemEvidence.length > 0 ? (
                  <ul className="evidence-list" aria-label={t('form.evidence')}>
                    {itemEvidence.map((entry) => (
                      <li key={entry.id}>
                        {entry.kind === 'file' ? (
                          <a
                            href={`/api/v1/assessments/${encodeURIComponent(id)}/evidence/${encodeURIComponent(entry.id)}/file`}
                          >
                            {entry.title}
                          </a>
                        ) : (
                          <a href={entry.url}>{entry.title}</a>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {itemComments.length > 0 ? (
                  <ul className="review-comments">
                    {itemComments.map((entry) => (
                      <li key={entry.id}>
                        {entry.body} <span className="meta">({formatDate(entry.createdAt ?? '')})</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {canComment ? <CommentForm itemId={item.id} onAdd={comment} /> : null}
              </div>
            );
          })}
        </section>
      ))}

      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('review.history')}</h2>
        <ol className="timeline">
          {bundle.history.map((revision) => (
            <li key={revision.revision}>
              <span className="meta">
                #{revision.revision} · {formatDate(revision.at)}
              </span>{' '}
              {historySentence(translator, revision)}
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="diff-heading">
        <h2 id="diff-heading">{t('review.diff')}</h2>
        <div className="controls">
          <label>
            {t('review.from')}{' '}
            <select value={from} onChange={(event) => setFrom(Number(event.target.value))}>
              {[0, ...bundle.history.map((revision) => revision.revision)].map((revision) => (
                <option key={revision} value={revision}>
                  {revision}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('review.to')}{' '}
            <select value={to} onChange={(event) => setTo(Number(event.target.value))}>
              {bundle.history.map((revision) => (
                <option key={revision.revision} value={revision.revision}>
                  {revision.revision}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void showDiff()}>
            {t('review.diff')}
          </button>
        </div>
        {diff ? (
          diff.items.length === 0 ? (
            <p>{t('review.noChanges')}</p>
          ) : (
            <ScrollBox label={t('review.diff')}>
              <table className="diff">
                <thead>
                  <tr>
                    <th scope="col">{t('country.items')}</th>
                    <th scope="col">{t('review.before')}</th>
                    <th scope="col">{t('review.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.items.map((row) => (
                    <tr key={row.itemId}>
                      <th scope="row">
                        {items.some((item) => item.id === row.itemId) ? (
                          <Localized text={items.find((item) => item.id === row.itemId)?.text} />
                        ) : (
                          row.itemId
                        )}
                      </th>
                      <td className="before">
                        {optionText(row.itemId, row.before.optionId)}
                        {row.before.comment ? ` — ${row.before.comment}` : ''}
                      </td>
                      <td className="after">
                        {optionText(row.itemId, row.after.optionId)}
                        {row.after.comment ? ` — ${row.after.comment}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )
        ) : null}
      </section>
    </>
  );
}

function CommentForm({ itemId, onAdd }: { itemId: string; onAdd: (itemId: string, body: string) => Promise<void> }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  return (
    <form
      className="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (body.trim()) void onAdd(itemId, body.trim()).then(() => setBody(''));
      }}
    >
      <label>
        {t('review.comment')}
        <input type="text" value={body} onChange={(event) => setBody(event.target.value)} />
      </label>
      <button type="submit" className="secondary">
        {t('review.addComment')}
      </button>
    </form>
  );
}
