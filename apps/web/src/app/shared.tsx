/* @jsxRuntime automatic */
/** Small pieces shared by pages: loading and error states, the category badge. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { CATEGORY_COLOURS, type CategoryClass } from '../charts/category-scale.ts';
import { categoryLabel } from './localized.ts';
import { failureMessage, ProblemDetail } from '../api/problem-message.tsx';
import type { LocalizedText } from '@migov/server/api';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  return (
    <div role="alert" className="error">
      <p>
        {t('common.error', { message: failureMessage(translator, error) })}
        <ProblemDetail failure={error} />
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A category as a coloured badge with its name (colour never carries meaning alone). Colours come from classes, not style attributes, so a strict Content-Security-Policy allows the static pages. */
export function CategoryBadge({
  cls,
  bandLabels,
}: {
  cls: CategoryClass;
  bandLabels?: ReadonlyMap<number, LocalizedText>;
}) {
  const translator = useI18n();
  let text: string;
  let tone: string;
  if (cls.kind === 'category') {
    tone = `badge-c${Math.min(Math.max(cls.code, 1), CATEGORY_COLOURS.length)}`;
    text = categoryLabel(translator, cls.code, bandLabels?.get(cls.code));
  } else {
    tone = cls.kind === 'no-data' ? 'badge-no-data' : 'badge-not-applicable';
    text = translator.t(cls.kind === 'no-data' ? 'common.noData' : 'common.notApplicable');
  }
  return <span className={`badge ${tone}`}>{text}</span>;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="section" aria-labelledby={id ? `${id}-heading` : undefined}>
      <h2 id={id ? `${id}-heading` : undefined}>{title}</h2>
      {children}
    </section>
  );
}
