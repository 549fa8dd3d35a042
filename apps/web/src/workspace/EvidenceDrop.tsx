/* @jsxRuntime automatic */
/** Evidence of one item: the list, and a drop zone that also works as a file picker (keyboard and screen readers use the button). */
import { useId, useRef, useState, type DragEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Evidence } from '../api/api-types.ts';

export function EvidenceDrop({
  itemId,
  assessmentId,
  evidence,
  disabled,
  upload,
}: {
  itemId: string;
  assessmentId: string;
  evidence: Evidence[];
  disabled: boolean;
  upload: (file: File) => Promise<void>;
}) {
  const { t } = useI18n();
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
      setStatus(t('form.uploadFailed', { message: failure instanceof Error ? failure.message : String(failure) }));
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
            <li key={entry.id}>
              {entry.kind === 'file' ? (
                <a
                  href={`/api/v1/assessments/${encodeURIComponent(assessmentId)}/evidence/${encodeURIComponent(entry.id)}/file`}
                >
                  {entry.title}
                </a>
              ) : (
                <a href={entry.url} rel="noopener noreferrer" target="_blank">
                  {entry.title}
                </a>
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
      <p role="status" className="upload-status">
        {status ?? ''}
      </p>
    </div>
  );
}
