/* @jsxRuntime automatic */
/** The reviewer's summary of an assessment: the server's live overall score and category, and what would reach the next category. */
import { optionLabel } from '@migov/core/instruments';
import { useI18n } from '../i18n/i18n-context.tsx';
import { categoryLabel } from '../app/localized.ts';
import { Localized, Message } from '../app/Localized.tsx';
import { CategoryBadge } from '../app/shared.tsx';
import type { AssessmentView, InstrumentVersion } from '@migov/server/api';

export function ReviewScore({ view, instrument }: { view: AssessmentView; instrument: InstrumentVersion }) {
  const translator = useI18n();
  const { t } = translator;
  const overall = view.scores && view.scores.status !== 'invalid' ? view.scores.overall : undefined;
  const advice = view.advice?.overall;
  if (!overall) return null;
  const items = instrument.domains.flatMap((domain) => domain.items);
  const itemText = (itemId: string) => {
    const item = items.find((entry) => entry.id === itemId);
    return item ? <Localized text={item.text} /> : itemId;
  };
  const optionText = (itemId: string, optionId: string) => {
    const label = optionLabel(instrument, itemId, optionId);
    return label ? <Localized text={label} /> : optionId;
  };
  const what = t('common.overall');
  return (
    <section className="section" aria-labelledby="review-score" data-testid="review-score">
      <h2 id="review-score">{t('form.preview')}</h2>
      <p>
        {what}:{' '}
        {overall.status === 'scored' ? (
          <>
            <CategoryBadge cls={{ kind: 'category', code: overall.band.code, meets: overall.band.meets }} />{' '}
            {overall.score.decimal}
          </>
        ) : (
          t('form.incomplete')
        )}
      </p>
      <h3>{t('country.nextCategory')}</h3>
      {!advice ||
      advice.status === 'incomplete' ||
      advice.status === 'not-applicable' ||
      advice.status === 'unreachable' ? (
        <p>{t('country.nextUnavailable', { domain: what })}</p>
      ) : advice.status === 'top' ? (
        <p>{t('country.nextTop', { domain: what })}</p>
      ) : (
        <>
          <p>
            {t('country.nextChanges', {
              count: advice.changes.length,
              domain: what,
              category: categoryLabel(translator, advice.next.code, advice.next.label),
            })}
          </p>
          <ul>
            {advice.changes.map((change) => (
              <li key={change.itemId}>
                <Message
                  id="country.changeTo"
                  values={{ item: itemText(change.itemId), option: optionText(change.itemId, change.toOptionId) }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
