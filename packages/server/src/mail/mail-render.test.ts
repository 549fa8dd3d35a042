import { describe, expect, it } from 'vitest';
import { renderMail, renderSubject } from './mail-render.ts';
import { FSI, isolate, MAIL_TEXTS, PDI } from './mail-texts.ts';

describe('renderMail', () => {
  const blocks = (language: 'ar' | 'fr') => [
    { text: MAIL_TEXTS[language].dear(isolate('<b>Eve</b> & co')) },
    { quote: 'Please add <script>alert(1)</script>\nand the decree.' },
    { label: MAIL_TEXTS[language].openIt, link: 'http://migov.test/x?a=1&b=2' },
  ];

  it('writes Arabic right to left, keeping each value in its own direction, and escapes what users typed', () => {
    const { body, html } = renderMail('ar', 'موضوع', blocks('ar'), MAIL_TEXTS.ar.footer);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<body dir="rtl" style="text-align:right;');
    expect(html).toContain('<p>عزيزي/عزيزتي <bdi>&lt;b&gt;Eve&lt;/b&gt; &amp; co</bdi>،</p>');
    expect(html).toContain(
      '<blockquote dir="auto" style="white-space:pre-wrap">Please add &lt;script&gt;alert(1)&lt;/script&gt;\nand the decree.</blockquote>',
    );
    expect(html).toContain('<a href="http://migov.test/x?a=1&amp;b=2" dir="ltr">');
    expect(html).not.toContain('<script>');
    // The text part keeps the isolates; the link stands alone on its line.
    expect(body).toContain(`عزيزي/عزيزتي ${FSI}<b>Eve</b> & co${PDI}،`);
    expect(body).toContain('\nhttp://migov.test/x?a=1&b=2\n');
  });

  it('writes a left-to-right language without isolates in the text', () => {
    const { body, html } = renderMail('fr', 'Sujet', blocks('fr'), MAIL_TEXTS.fr.footer);
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(body.startsWith('Bonjour <b>Eve</b> & co,')).toBe(true);
    expect(body).not.toMatch(new RegExp(`[${FSI}${PDI}]`));
    expect(renderSubject('fr', `${isolate('Mexique (484)')} 2027 : évaluation soumise`)).toBe(
      'Mexique (484) 2027 : évaluation soumise',
    );
  });
});
