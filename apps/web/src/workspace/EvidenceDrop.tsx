/* @jsxRuntime automatic */
/**
 * Evidence of one item: the list (files and links, each removable while the assessment can be
 * edited, with a reason), a drop zone that also works as a file picker (keyboard and screen readers
 * use the button), and a form to add a link.
 */
import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Evidence } from '@migov/server/api';
import { failureMessage } from '../api/problem-message.tsx';

export function EvidenceDrop({
  itemId,
  assessmentId,
  evidence,
  disabled,
  upload,
  addLink,
  withdraw,
}: {
  itemId: string;
  assessmentId: string;
  evidence: Evidence[];
  disabled: boolean;
  upload: (file: File) => Promise<void>;
  addLink: (link: { title: string; url: string }) => Promise<void>;
  withdraw: (evidenceId: string, reason: string) => Promise<void>;
}) {
  const translator = useI18n();
  const { t } = translator;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [status, setStatus] = useState<string | undefined>();
  const send = async (file: File | undefined) => {
    if (!file) return;
    setStatus(t('form.uploading', { name: file.name }));
    try {
      await upload(file);
      setStatus(undefined);
    } catch (failure) {
      setStatus(t('form.uploadFailed', { message: failureMessage(translator, failure) }));
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) void send(event.dataTransfer.files[0]);
  };
  const visible = evidence.filter((entry) => entry.itemId === itemId && !entry.withdrawnAt);
  return (
    <div className="evidence">
      <p className="evidence-title" id={`${id}-title`}>
        {t('form.evidence')}: {t('form.uploaded', { count: visible.length })}
      </p>
      {visible.length > 0 ? (
        <ul>
          {visible.map((entry) => (
            <li key={entry.id} data-evidence={entry.id}>
              {entry.kind === 'file' ? (
                <a
                  href={`/api/v1/assessments/${encodeURIComponent(assessmentId)}/evidence/${encodeURIComponent(entry.id)}/file`}
                >
                  {entry.title}
                </a>
              ) : (
                <>
                  <a href={entry.url} rel="noopener noreferrer" target="_blank">
                    {entry.title}
                  </a>{' '}
                  <span className="meta">({t('evidence.link')})</span>
                </>
              )}
              {disabled ? null : (
                <WithdrawEvidence title={entry.title} withdraw={(reason) => withdraw(entry.id, reason)} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {disabled ? null : (
        <div
          className={`drop-zone${over ? ' over' : ''}`}
          data-item={itemId}
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <button
            type="button"
            className="secondary"
            onClick={() => input.current?.click()}
            aria-describedby={`${id}-title`}
          >
            {t('form.dropHere')}
          </button>
          <input
            ref={input}
            type="file"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            data-item-file={itemId}
            onChange={(event) => void send(event.target.files?.[0])}
          />
        </div>
      )}
      {disabled ? null : <AddLink addLink={addLink} />}
      <p role="status" className="upload-status">
        {status ?? ''}
      </p>
    </div>
  );
}

/** Remove one piece of evidence: it is kept in the history, marked withdrawn with the reason. */
function WithdrawEvidence({ title, withdraw }: { title: string; withdraw: (reason: string) => Promise<void> }) {
  const translator = useI18n();
  const { t } = translator;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (!open)
    return (
      <>
        {' '}
        <button
          type="button"
          className="secondary small"
          onClick={() => setOpen(true)}
          aria-label={t('evidence.remove', { title })}
        >
          {t('evidence.removeShort')}
        </button>
      </>
    );
  const confirm = async () => {
    if (!reason.trim()) {
      setError(t('evidence.reasonRequired'));
      return;
    }
    try {
      await withdraw(reason.trim());
    } catch (failure) {
      setError(failureMessage(translator, failure));
    }
  };
  return (
    <div className="evidence-withdraw" role="group" aria-label={t('evidence.remove', { title })}>
      <label>
        {t('evidence.reason')}
        <input
          type="text"
          value={reason}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void confirm();
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </label>
      <button type="button" onClick={() => void confirm()}>
        {t('evidence.confirmRemove')}
      </button>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Add a link (a law, a policy page) as evidence: its address and a title. */
function AddLink({ addLink }: { addLink: (link: { title: string; url: string }) => Promise<void> }) {
  const translator = useI18n();
  const { t } = translator;
  const id = useId();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // The fields sit inside the questionnaire's form: Enter adds the link instead of submitting the questionnaire.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void submit();
  };
  const submit = async () => {
    setError(undefined);
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      setError(t('evidence.badUrl'));
      return;
    }
    if (!title.trim()) {
      setError(t('evidence.titleRequired'));
      return;
    }
    setBusy(true);
    try {
      await addLink({ url: url.trim(), title: title.trim() });
      setUrl('');
      setTitle('');
    } catch (failure) {
      setError(failureMessage(translator, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="add-link">
      <summary>{t('evidence.addLink')}</summary>
      <div className="inline-form" role="group" aria-label={t('evidence.addLink')}>
        <label>
          {t('evidence.url')}
          <input
            type="url"
            inputMode="url"
            value={url}
            placeholder="https://"
            onChange={(event) => setUrl(event.target.value)}
            onKeyDown={onEnter}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </label>
        <label>
          {t('evidence.linkTitle')}
          <input
            type="text"
            value={title}
            maxLength={300}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={onEnter}
          />
        </label>
        <button type="button" disabled={busy} onClick={() => void submit()}>
          {t('evidence.add')}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </details>
  );
}
