/* @jsxRuntime automatic */
/**
 * Texts that may be shown in English on a page of another language: an instrument text with no
 * official translation, a fact as its source writes it. They are marked `lang="en"`, so that screen
 * readers speak them as English and nobody takes them for a missing translation of the interface.
 */
import { Fragment, type ReactNode } from 'react';
import type { LocalizedText } from '@migov/server/api';
import type { MessageKey } from '../i18n/catalogues/load.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** An instrument text in the page's language, or in English marked as such. */
export function Localized({ text }: { text: LocalizedText | undefined }) {
  const { lang } = useI18n();
  if (!text) return null;
  const own = text[lang];
  if (own !== undefined || lang === 'en') return <>{own ?? text.en}</>;
  return <span lang="en">{text.en}</span>;
}

/** A fact in English as its source writes it (an official name, a source's note), marked as English on other pages. */
export function English({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return lang === 'en' ? <>{children}</> : <span lang="en">{children}</span>;
}

/** A message whose values are elements. */
export function Message({ id, values }: { id: MessageKey; values: Record<string, string | number | ReactNode> }) {
  const { parts } = useI18n();
  return (
    <>
      {parts<ReactNode>(id, values).map((part, index) => (
        <Fragment key={index}>{part}</Fragment>
      ))}
    </>
  );
}

/** A series' description: the catalogue's translation of a known UN series, else the source's English text marked as such. */
export function SeriesDescription({ series, text }: { series: string; text: string }) {
  const { t, lang } = useI18n();
  const translated = lang === 'en' ? '' : t('series.description', { series });
  return translated ? <>{translated}</> : <English>{text}</English>;
}
