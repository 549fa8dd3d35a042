/**
 * One message, two parts: plain text and HTML, from the same paragraphs. The HTML part states the
 * language and its direction (`<html lang="ar" dir="rtl">`), keeps each isolated value in a `<bdi>`,
 * and shows links left to right whatever the language. The text part keeps the Unicode isolates in a
 * right-to-left language and drops them in the others.
 */
import type { Language } from '@migov/core';
import { FSI, PDI, RIGHT_TO_LEFT } from './mail-texts.ts';

/** A part of a message: a paragraph, a link on its own line, or text quoted as written (a reason). */
export type MailBlock = { text: string } | { link: string; label?: string } | { quote: string };

/** The rendered message. */
export interface RenderedMail {
  body: string;
  html: string;
}

const ISOLATED = new RegExp(`${FSI}([^${FSI}${PDI}]*)${PDI}`, 'g');

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}

/** Text with isolates as HTML: each isolated value in a <bdi>. */
function inlineHtml(text: string): string {
  return escapeHtml(text).replace(ISOLATED, (_match, value: string) => `<bdi>${value}</bdi>`);
}

/** Render the blocks (and the footer, after a signature separator) in a language. */
export function renderMail(
  language: Language,
  subject: string,
  blocks: readonly MailBlock[],
  footer: string,
): RenderedMail {
  const rtl = RIGHT_TO_LEFT.has(language);
  const plain = (text: string) => (rtl ? text : text.replaceAll(FSI, '').replaceAll(PDI, ''));
  const textParts = blocks.map((block) => {
    if ('text' in block) return plain(block.text);
    if ('link' in block) return block.label ? `${plain(block.label)}\n${block.link}` : block.link;
    return block.quote;
  });
  const body = `${textParts.join('\n\n')}\n\n-- \n${plain(footer)}`;
  const dir = rtl ? 'rtl' : 'ltr';
  const align = rtl ? 'right' : 'left';
  const htmlParts = blocks.map((block) => {
    if ('text' in block) return `<p>${inlineHtml(block.text)}</p>`;
    if ('link' in block) {
      const anchor = `<a href="${escapeHtml(block.link)}" dir="ltr">${escapeHtml(block.link)}</a>`;
      return block.label ? `<p>${inlineHtml(block.label)}<br>${anchor}</p>` : `<p>${anchor}</p>`;
    }
    // A reason is shown as its author wrote it, in its own direction.
    return `<blockquote dir="auto" style="white-space:pre-wrap">${escapeHtml(block.quote)}</blockquote>`;
  });
  const html =
    `<!doctype html>\n<html lang="${language}" dir="${dir}">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
    `<body dir="${dir}" style="text-align:${align};font-family:sans-serif;line-height:1.5">\n${htmlParts.join('\n')}\n` +
    `<hr><p style="color:#555;font-size:smaller">${inlineHtml(footer)}</p>\n</body>\n</html>\n`;
  return { body, html };
}

/** A subject line: one line, isolates kept only in a right-to-left language. */
export function renderSubject(language: Language, subject: string): string {
  const line = subject.replace(/[\r\n]+/g, ' ');
  return RIGHT_TO_LEFT.has(language) ? line : line.replaceAll(FSI, '').replaceAll(PDI, '');
}
