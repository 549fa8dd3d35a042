/* @jsxRuntime automatic */
/**
 * The confirmation before publishing: publishing makes the assessment public and is hard to undo, so
 * the dialog says what becomes public, for which country and round, and asks to confirm. It is a
 * modal `<dialog>`: focus moves into it and stays there, Escape or Cancel closes it and changes nothing.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

export function PublishDialog({
  open,
  country,
  year,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  country: string;
  year: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // The safe choice has focus first: Enter on a dialog opened by mistake publishes nothing.
      cancel.current?.focus();
    } else if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="publish-dialog-title"
      aria-describedby="publish-dialog-text"
      data-testid="publish-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="publish-dialog-title">{t('publish.title', { country, year })}</h2>
      <div id="publish-dialog-text">
        <p>{t('publish.what', { country, year })}</p>
        <ul>
          <li>{t('publish.answers')}</li>
          <li>{t('publish.scores')}</li>
          <li>{t('publish.evidence')}</li>
        </ul>
        <p>{t('publish.notPublic')}</p>
        <p>
          <strong>{t('publish.undo')}</strong>
        </p>
      </div>
      <div className="buttons">
        <button type="button" onClick={onConfirm} disabled={busy} data-action="confirm-publish">
          {t('publish.confirm', { country, year })}
        </button>
        <button ref={cancel} type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
