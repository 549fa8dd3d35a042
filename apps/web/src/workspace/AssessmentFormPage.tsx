/* @jsxRuntime automatic */
/**
 * The questionnaire, generated from the instrument definition: progress per domain, autosave with a
 * visible status (If-Match on the lock version; a conflict view when someone saved first), inline
 * validation, evidence by drag and drop, a comment per item, a live score preview, submit.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { itemNumbers, optionLabel } from '@migov/core/instruments';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { CategoryBadge } from '../app/shared.tsx';
import { categoryLabel, domainLabel } from '../app/localized.ts';
import { Localized } from '../app/Localized.tsx';
import { getJson } from '../api/api-client.ts';
import { failureText, lockedSave } from '../app/use-locked-save.ts';
import { roundClosingDay } from '../api/problem-message.tsx';
import type { Assessment, AssessmentView, Evidence, LocalizedText } from '@migov/server/api';
import {
  applyChanges,
  conflictRows,
  domainProgress,
  mergePending,
  missingItems,
  settlePending,
  type ResponseChange,
} from './form-state.ts';
import { latestReturnReason, type AssessmentBundle } from './assessment-data.ts';
import { AssessmentBundleLoader } from './AssessmentBundleLoader.tsx';
import { EvidenceDrop } from './EvidenceDrop.tsx';
import { WorkbookPanel } from './WorkbookPanel.tsx';
import { ReadOnlyNotice } from './ReadOnlyNotice.tsx';
import { ScrollBox } from '../app/ScrollBox.tsx';

type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

export function AssessmentFormPage({ id }: { id: string }) {
  return (
    <AssessmentBundleLoader id={id}>
      {(bundle, reload) => <AssessmentForm bundle={bundle} reload={reload} />}
    </AssessmentBundleLoader>
  );
}

function AssessmentForm({ bundle, reload }: { bundle: AssessmentBundle; reload: () => void }) {
  const translator = useI18n();
  const { t, lang } = translator;
  const { api } = useSession();
  const { instrument } = bundle;
  const [view, setView] = useState<AssessmentView>(bundle.view);
  const [evidence, setEvidence] = useState<Evidence[]>(bundle.evidence);
  const [pending, setPendingState] = useState<Map<string, ResponseChange>>(new Map());
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState('');
  const [conflict, setConflict] = useState<Assessment | undefined>();
  const [showErrors, setShowErrors] = useState(false);
  const [submitError, setSubmitError] = useState<string | undefined>();
  const pendingRef = useRef(pending);
  const lockVersion = useRef(view.assessment.lockVersion);
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = view.assessment.id;
  const editable = view.availableActions.includes('edit') && !conflict;
  const responses = applyChanges(view.assessment.responses, pending.values());
  const missing = missingItems(instrument, responses);
  const progress = domainProgress(instrument, responses);
  const answered = progress.reduce((sum, entry) => sum + entry.answered, 0);
  const total = progress.reduce((sum, entry) => sum + entry.total, 0);
  const bandLabels = new Map<number, LocalizedText>(
    (instrument.scoring?.bands ?? []).map((band) => [band.code, band.label]),
  );

  const setPending = (next: Map<string, ResponseChange>) => {
    pendingRef.current = next;
    setPendingState(next);
  };

  const save = useCallback(async (): Promise<boolean> => {
    if (saving.current) return false;
    const batch = new Map(pendingRef.current);
    if (batch.size === 0) return true;
    saving.current = true;
    setStatus('saving');
    const result = await lockedSave<AssessmentView, Assessment>(
      api,
      `/assessments/${encodeURIComponent(id)}/responses`,
      lockVersion.current,
      { method: 'PATCH', body: { changes: [...batch.values()] } },
    );
    saving.current = false;
    if (result.outcome === 'conflict') {
      setConflict(result.current);
      setStatus('conflict');
      return false;
    }
    if (result.outcome === 'failed') {
      setSaveError(failureText(result, translator));
      setStatus('error');
      return false;
    }
    const body = result.body;
    lockVersion.current = body.assessment.lockVersion;
    setView(body);
    const rest = settlePending(pendingRef.current, batch);
    setPending(rest);
    setStatus(rest.size > 0 ? 'pending' : 'saved');
    return rest.size === 0;
  }, [api, id, translator]);

  const schedule = useCallback(
    (delay: number) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void save().then((done) => {
          if (!done && pendingRef.current.size > 0 && !saving.current)
            timer.current = setTimeout(() => void save(), 1500);
        });
      }, delay);
    },
    [save],
  );

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      // Leaving the page inside the autosave delay still saves what was typed.
      clearTimeout(timer.current);
      if (pendingRef.current.size > 0) void saveRef.current();
    },
    [],
  );
  useEffect(() => {
    // Never lose typed answers: warn before leaving with unsaved changes.
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (pendingRef.current.size > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, []);

  const change = (next: ResponseChange, delay = 600) => {
    setPending(mergePending(pendingRef.current, next));
    setStatus('pending');
    if (status !== 'conflict') schedule(delay);
  };

  const resolveConflict = () => {
    if (!conflict) return;
    lockVersion.current = conflict.lockVersion;
    setView({ ...view, assessment: conflict });
    setConflict(undefined);
    setStatus('pending');
    schedule(0);
  };

  const upload = async (itemId: string, file: File) => {
    const form = new FormData();
    form.set('itemId', itemId);
    form.set('title', file.name);
    form.set('file', file);
    const { body } = await api.request<Evidence>(`/assessments/${encodeURIComponent(id)}/evidence`, {
      method: 'POST',
      body: form,
    });
    setEvidence((list) => [...list, body]);
  };

  const addLink = async (itemId: string, link: { title: string; url: string }) => {
    const { body } = await api.request<Evidence>(`/assessments/${encodeURIComponent(id)}/evidence-links`, {
      method: 'POST',
      body: { itemId, ...link },
    });
    setEvidence((list) => [...list, body]);
  };

  const withdraw = async (evidenceId: string, reason: string) => {
    const { body } = await api.request<Evidence>(
      `/assessments/${encodeURIComponent(id)}/evidence/${encodeURIComponent(evidenceId)}/withdraw`,
      { method: 'POST', body: { reason } },
    );
    setEvidence((list) => list.map((entry) => (entry.id === body.id ? body : entry)));
  };

  /** Before a template is uploaded, what was typed here is saved, so that the template's answers come on top of it. */
  const flushBeforeUpload = async () => {
    clearTimeout(timer.current);
    return pendingRef.current.size === 0 || (await save());
  };

  /** After a template changed answers: the saved assessment as it is now, without leaving the page. */
  const refreshAfterUpload = async () => {
    const fresh = await getJson<AssessmentView>(api, `/assessments/${encodeURIComponent(id)}`);
    lockVersion.current = fresh.assessment.lockVersion;
    setView({
      assessment: fresh.assessment,
      availableActions: fresh.availableActions,
      ...(fresh.scores ? { scores: fresh.scores } : {}),
      ...(fresh.advice ? { advice: fresh.advice } : {}),
    });
  };

  const submit = async () => {
    setSubmitError(undefined);
    if (missing.length > 0) {
      setShowErrors(true);
      document.querySelector<HTMLInputElement>(`#item-${CSS.escape(missing[0]!)} input`)?.focus();
      return;
    }
    clearTimeout(timer.current);
    if (!(await save())) {
      setSubmitError(t('form.saveStatus', { status: 'error', message: saveError || 'retry' }));
      return;
    }
    const action = view.availableActions.includes('resubmit') ? 'resubmit' : 'submit';
    const result = await lockedSave<AssessmentView>(
      api,
      `/assessments/${encodeURIComponent(id)}/${action}`,
      lockVersion.current,
      { body: {} },
    );
    if (result.outcome !== 'saved') return setSubmitError(failureText(result, translator));
    lockVersion.current = result.body.assessment.lockVersion;
    setView(result.body);
    reload();
  };

  const returnReason = view.assessment.state === 'returned' ? latestReturnReason(bundle.history) : undefined;
  // Responses that do not fit the instrument have no scores to show.
  const scores = view.scores?.status === 'invalid' ? undefined : view.scores;
  const domainScore = (domainId: string) => scores?.domains?.find((entry) => entry.domainId === domainId);
  // A draft never submitted (its first cycle) cannot be submitted once its round is closed: the server
  // refuses it, so the form says so instead of offering Submit; saving stays possible, as the server
  // allows. A reopened assessment's correction (a later cycle) and a resubmission are still accepted.
  const closedRound =
    bundle.round?.status === 'closed' && view.assessment.cycle === 1 && view.availableActions.includes('submit')
      ? bundle.round
      : undefined;
  const canSubmit =
    !closedRound && (view.availableActions.includes('submit') || view.availableActions.includes('resubmit'));
  const numbers = itemNumbers(instrument);

  return (
    <div className="form-layout">
      <h1>{t('form.title', { country: bundle.areaName(lang), year: view.assessment.year })}</h1>
      {closedRound ? (
        <p className="notice" role="note" data-testid="round-closed">
          {t('form.roundClosed', {
            year: String(closedRound.year),
            date: translator.formatDate(roundClosingDay(closedRound.closesOn, closedRound.closedAt)),
          })}
        </p>
      ) : null}
      {/* Said rather than silently shown in English: the instrument has no text of its own in this language. */}
      {lang !== 'en' && instrument.title[lang] === undefined ? (
        <p className="notice" role="note" data-testid="untranslated">
          {t('form.untranslated')}
        </p>
      ) : null}
      {lang !== 'en' && instrument.translations?.[lang] ? (
        <p className="meta" data-testid="translation-source">
          {t('form.translationSource', {
            source: [
              instrument.translations[lang].source.publisher,
              instrument.translations[lang].source.title,
              instrument.translations[lang].source.date,
            ]
              .filter(Boolean)
              .join(', '),
          })}
        </p>
      ) : null}
      <p className="meta">
        {t('workspace.state')}:{' '}
        <strong data-testid="assessment-state">{t('state.name', { state: view.assessment.state })}</strong>
      </p>
      {returnReason ? (
        <p className="notice" role="note">
          {t('form.returnedReason', { reason: returnReason })}
        </p>
      ) : null}
      {!view.availableActions.includes('edit') ? (
        <ReadOnlyNotice state={view.assessment.state} lastSave={bundle.lastSave} />
      ) : null}
      <div className="save-status" role="status" aria-live="polite" data-status={status}>
        {t('form.saveStatus', { status, message: saveError })}
      </div>
      {conflict ? (
        <section className="conflict" aria-labelledby="conflict-heading" role="alert">
          <h2 id="conflict-heading">{t('conflict.title')}</h2>
          <p>{t('conflict.text')}</p>
          <ScrollBox label={t('conflict.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('country.items')}</th>
                  <th scope="col">{t('conflict.yours')}</th>
                  <th scope="col">{t('conflict.theirs')}</th>
                </tr>
              </thead>
              <tbody>
                {conflictRows(pending, conflict.responses).map((row) => {
                  const item = instrument.domains
                    .flatMap((domain) => domain.items)
                    .find((entry) => entry.id === row.itemId);
                  const label = (optionId: string | null | undefined) =>
                    item && optionId ? <Localized text={optionLabel(instrument, item.id, optionId)} /> : '–';
                  return (
                    <tr key={row.itemId}>
                      <th scope="row">{item ? <Localized text={item.text} /> : row.itemId}</th>
                      <td>
                        {label(row.mine.optionId)}
                        {row.mine.comment ? ` — ${row.mine.comment}` : ''}
                      </td>
                      <td>
                        {label(row.theirs.optionId)}
                        {row.theirs.comment ? ` — ${row.theirs.comment}` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
          <button type="button" onClick={resolveConflict}>
            {t('conflict.reload')}
          </button>
        </section>
      ) : null}

      <WorkbookPanel
        assessmentId={id}
        editable={editable}
        beforeUpload={flushBeforeUpload}
        onUploaded={() => void refreshAfterUpload()}
      />

      <aside className="form-aside" aria-label={t('form.preview')}>
        <label className="progress-label">
          {t('form.progress', { answered, total })}
          <progress max={total} value={answered} />
        </label>
        <ol className="domain-progress">
          {instrument.domains.map((domain, index) => (
            <li key={domain.id}>
              <a href={`#domain-${domain.id}`}>
                {t('form.domainProgress', {
                  domain: domainLabel(translator, domain),
                  answered: progress[index]!.answered,
                  total: progress[index]!.total,
                })}
              </a>
            </li>
          ))}
        </ol>
        {scores && scores.overall ? (
          <div className="preview" data-testid="score-preview">
            <h2>{t('form.preview')}</h2>
            <p>
              {t('common.overall')}:{' '}
              {scores.overall.status === 'scored' ? (
                <>
                  <CategoryBadge
                    cls={{ kind: 'category', code: scores.overall.band.code, meets: scores.overall.band.meets }}
                    bandLabels={bandLabels}
                  />{' '}
                  {scores.overall.score.decimal}
                </>
              ) : (
                t('form.incomplete')
              )}
            </p>
          </div>
        ) : null}
      </aside>

      <form
        className="questionnaire"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
      >
        {instrument.domains.map((domain) => {
          const score = domainScore(domain.id);
          return (
            <section
              key={domain.id}
              id={`domain-${domain.id}`}
              className="domain"
              aria-labelledby={`domain-${domain.id}-heading`}
            >
              <h2 id={`domain-${domain.id}-heading`}>
                {domainLabel(translator, domain)}{' '}
                {score?.status === 'scored' ? (
                  <span className="domain-score">
                    ({categoryLabel(translator, score.band.code, score.band.label)}, {score.score.decimal})
                  </span>
                ) : null}
              </h2>
              {domain.items.map((item) => {
                const value = responses[item.id] ?? {};
                const invalid = showErrors && !value.optionId;
                const comments = bundle.comments.filter((comment) => comment.itemId === item.id);
                return (
                  <fieldset
                    key={item.id}
                    id={`item-${item.id}`}
                    className={`item${invalid ? ' invalid' : ''}`}
                    aria-describedby={invalid ? `item-${item.id}-error` : undefined}
                    disabled={!editable}
                  >
                    <legend>
                      <span className="item-number">{numbers.get(item.id)}.</span> <Localized text={item.text} />
                    </legend>
                    <div className="options">
                      {(instrument.scales[item.scale] ?? []).map((option) => (
                        <label key={option.id} className="option">
                          <input
                            type="radio"
                            name={`item-${item.id}`}
                            value={option.id}
                            checked={value.optionId === option.id}
                            onChange={() => change({ itemId: item.id, optionId: option.id })}
                            aria-invalid={invalid || undefined}
                          />
                          <Localized text={option.label} />
                        </label>
                      ))}
                    </div>
                    {invalid ? (
                      <p id={`item-${item.id}-error`} className="field-error">
                        {t('form.required')}
                      </p>
                    ) : null}
                    <label className="comment">
                      {t('form.comment')}
                      <textarea
                        rows={2}
                        value={value.comment ?? ''}
                        onChange={(event) => change({ itemId: item.id, comment: event.target.value }, 1200)}
                      />
                    </label>
                    <EvidenceDrop
                      itemId={item.id}
                      assessmentId={id}
                      evidence={evidence}
                      disabled={!editable}
                      upload={(file) => upload(item.id, file)}
                      addLink={(link) => addLink(item.id, link)}
                      withdraw={withdraw}
                    />
                    {comments.length > 0 ? (
                      <div className="review-comments">
                        <p>{t('form.reviewComments')}</p>
                        <ul>
                          {comments.map((comment) => (
                            <li key={comment.id}>{comment.body}</li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </fieldset>
                );
              })}
            </section>
          );
        })}
        {canSubmit ? (
          <div className="submit-bar">
            {showErrors && missing.length > 0 ? (
              <p role="alert" className="field-error">
                {t('form.submitMissing', { count: missing.length })}
              </p>
            ) : null}
            {submitError ? (
              <p role="alert" className="field-error">
                {submitError}
              </p>
            ) : null}
            <button type="submit" disabled={!editable}>
              {view.availableActions.includes('resubmit') ? t('form.resubmit') : t('form.submit')}
            </button>
          </div>
        ) : null}
      </form>
    </div>
  );
}
