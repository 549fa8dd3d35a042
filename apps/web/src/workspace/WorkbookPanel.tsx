/* @jsxRuntime automatic */
/**
 * The Excel template of an assessment: download it (pre-filled with the saved answers), fill it
 * offline, upload it back. The server checks every cell and changes nothing unless all are valid;
 * its problems are listed here by file, sheet, row and field, with why: the reason's code in the
 * reader's language, and the server's English sentence with its specifics.
 */
import { useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../app/session-context.tsx';
import { ApiProblem } from '../api/api-client.ts';
import { ScrollBox } from '../app/ScrollBox.tsx';
import { workbookProblemRows, type WorkbookProblem } from './workbook-problems.ts';
import { failureMessage, isKnownReason, workbookReasonKey } from '../api/problem-message.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Outcome =
  | { kind: 'uploading'; file: string }
  | { kind: 'changed'; file: string; changed: number }
  | { kind: 'problems'; file: string; problems: WorkbookProblem[] }
  | { kind: 'conflict'; file: string }
  | { kind: 'failed'; file: string; message: string };

export function WorkbookPanel({
  assessmentId,
  editable,
  beforeUpload,
  onUploaded,
}: {
  assessmentId: string;
  editable: boolean;
  /** Saves what is typed in the form first, so the template does not overwrite it; false when that failed. */
  beforeUpload: () => Promise<boolean>;
  onUploaded: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const { api } = useSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // The template speaks the form's language.
  const href = `/api/v1/assessments/${encodeURIComponent(assessmentId)}/workbook?lang=${translator.lang}`;

  const upload = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      input.current?.focus();
      setOutcome({ kind: 'failed', file: '', message: t('workbook.chooseFirst') });
      return;
    }
    setOutcome({ kind: 'uploading', file: file.name });
    if (!(await beforeUpload())) {
      setOutcome({ kind: 'failed', file: file.name, message: t('workbook.saveFirst') });
      return;
    }
    try {
      const { body } = await api.request<{ changed: number; lockVersion: number }>(
        `/assessments/${encodeURIComponent(assessmentId)}/workbook`,
        { method: 'PUT', headers: { 'content-type': XLSX }, body: file },
      );
      setOutcome({ kind: 'changed', file: file.name, changed: body.changed });
      if (input.current) input.current.value = '';
      if (body.changed > 0) onUploaded();
    } catch (failure) {
      if (
        failure instanceof ApiProblem &&
        failure.problem.code === 'invalid-workbook' &&
        Array.isArray(failure.problem.problems)
      )
        setOutcome({ kind: 'problems', file: file.name, problems: failure.problem.problems as WorkbookProblem[] });
      else if (failure instanceof ApiProblem && failure.status === 409)
        setOutcome({ kind: 'conflict', file: file.name });
      else
        setOutcome({
          kind: 'failed',
          file: file.name,
          message: failureMessage(translator, failure),
        });
    }
  };

  return (
    <section className="workbook" aria-labelledby={`${id}-heading`} data-testid="workbook">
      <h2 id={`${id}-heading`}>{t('workbook.title')}</h2>
      <p>{editable ? t('workbook.intro') : t('workbook.introReadOnly')}</p>
      <p>
        <a href={href} download className="button-link">
          {t('workbook.download')}
        </a>
      </p>
      {editable ? (
        <form
          className="workbook-upload"
          onSubmit={(event) => {
            event.preventDefault();
            void upload();
          }}
        >
          <label>
            {t('workbook.fileLabel')}
            <input ref={input} type="file" accept={`.xlsx,${XLSX}`} name="workbook" />
          </label>
          <button type="submit" disabled={outcome?.kind === 'uploading'}>
            {t('workbook.upload')}
          </button>
        </form>
      ) : null}
      <div role="status" aria-live="polite" className="workbook-status">
        {outcome?.kind === 'uploading' ? t('form.uploading', { name: outcome.file }) : null}
        {outcome?.kind === 'changed' ? (
          <p data-testid="workbook-changed">{t('workbook.changed', { count: outcome.changed, file: outcome.file })}</p>
        ) : null}
      </div>
      {outcome?.kind === 'problems' ? <ProblemTable file={outcome.file} problems={outcome.problems} /> : null}
      {outcome?.kind === 'conflict' ? (
        <p role="alert" className="field-error">
          {t('workbook.conflict', { file: outcome.file })}
        </p>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <p role="alert" className="field-error">
          {outcome.file ? t('workbook.failed', { file: outcome.file, message: outcome.message }) : outcome.message}
        </p>
      ) : null}
    </section>
  );
}

function ProblemTable({ file, problems }: { file: string; problems: WorkbookProblem[] }) {
  const { t } = useI18n();
  const id = useId();
  const rows = workbookProblemRows(problems);
  return (
    <div role="alert" className="workbook-problems" data-testid="workbook-problems">
      <p id={`${id}-caption`} className="field-error">
        {t('workbook.problems', { count: problems.length, file })}
      </p>
      <ScrollBox label={t('workbook.problemsTable')}>
        <table aria-describedby={`${id}-caption`}>
          <thead>
            <tr>
              <th scope="col">{t('workbook.file')}</th>
              <th scope="col">{t('workbook.sheet')}</th>
              <th scope="col">{t('workbook.row')}</th>
              <th scope="col">{t('workbook.field')}</th>
              <th scope="col">{t('workbook.value')}</th>
              <th scope="col">{t('workbook.why')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>{file}</td>
                <td>{row.sheet || '–'}</td>
                <td>{row.row ?? '–'}</td>
                <td>
                  {row.field ? t('workbook.column', { column: row.field }) : '–'}
                  {row.cell ? ` (${row.cell})` : ''}
                </td>
                <td>{row.value || '–'}</td>
                <td>
                  {t(isKnownReason(row.reason) ? workbookReasonKey(row.reason) : 'problem.invalid-workbook')}{' '}
                  <span lang="en" className="problem-detail">
                    {row.message}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}
