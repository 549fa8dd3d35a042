/**
 * No English leaks into the Arabic, Chinese and Russian pages. Chromium visits every public page and
 * the signed-in workspace (the administration pages included), against the real server started as
 * the product starts it with its demo data, and reads what a person sees or hears: visible text, the
 * options of menus, and the accessible names and hints (aria-label, title, alt, placeholder).
 *
 * It fails on:
 * - any message of the English catalogue whose translation differs, seen as written in English
 *   (text declared English with `lang="en"` included: a catalogue message is never source data);
 * - any other word in Latin letters outside the small allowlist of codes and proper names below,
 *   unless it sits in an element that declares itself English (`lang="en"`: a fact as the source
 *   writes it, such as a partnership's official name or a questionnaire text that has no official
 *   translation, which the page says).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES } from '../src/i18n/catalogues/index.ts';
import { en } from '../src/i18n/catalogues/en.ts';
import { failOnPageErrors, launchBrowser } from './browser-harness.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

/**
 * Words in Latin letters that are the same in every language: codes, acronyms and proper names.
 * Keep it small: a word belongs here only if the UN's Arabic, Chinese and Russian pages write it so.
 */
const ALLOWED_WORDS = new Set([
  // Codes, standards and file formats.
  'SDG',
  'SDGs',
  'M49',
  'ISO',
  'CSV',
  'JSON',
  'SDMX',
  'ML',
  'DDF',
  'PDF',
  'DOCX',
  'SVG',
  'PNG',
  'XLSX',
  'API',
  'REST',
  'OpenAPI',
  'URL',
  'HTTP',
  'HTTPS',
  'ICU',
  'SG_CPA_MIGRS',
  'SG_CPA_MIGRP',
  'LDC',
  'LLDC',
  'SIDS',
  'Open',
  'Excel',
  'YAML',
  'TXT',
  // File formats by their names.
  'Markdown',
  'Word',
  'ID',
  // Roman numerals: the tiers of the SDG indicators (Tier I, II, III).
  'II',
  'III',
  'MB',
  'kB',
  // The product and the organisations and frameworks it names by their acronyms.
  'migov',
  'IOM',
  'MiGOF',
  'MGI',
  'GCM',
  'UNDP',
  'UN',
  'DESA',
  'UNSD',
]);

/**
 * Tokens that are codes, not words: e-mail addresses, URLs and web addresses, file names, dotted
 * identifiers, upper-case codes with underscores or digits (series such as SG_CPA_MIGRS, DOMAIN1,
 * 484-DEMO), and identifiers with digits such as sdg-10-7-2.
 */
const CODE_TOKENS =
  /\S+@\S+|https?:\/\/\S+|\S*\w\.\w\S*\/\S*|\b[\w-]+\.(csv|json|xml|xlsx|pdf|docx|md|yaml|svg|png|txt)\b|\b\w+(\.\w+)+\b|\b[A-Z0-9]+(_[A-Z0-9]+)+\b|\b[\dA-Z]*\d[\dA-Z]*(-[\dA-Z]+)*\b|\b[a-z]+(-[a-z0-9]+)*-\d[\w-]*\b|\bYYYY(-MM(-DD)?)?\b/g;
/**
 * Data values that are facts in English as their source or their author wrote them, with no name of
 * their own in other languages:
 * - the name of the UN database the official figures come from;
 * - the names of the demo users, and of the first administrator as start-up creates it (people's names);
 * - what the demo data's users typed (evidence titles, a comment), as a user would, in English.
 * The registry's official partnership names are allowed too (read from the API below).
 */
const ALLOWED_PHRASES = [
  'UN SDG Global Database',
  'Demo Administrator',
  'Demo Focal Point',
  'Demo Reviewer',
  'Demo National Coordinator',
  'Demo Regional Analyst',
  'Demo Global Analyst',
  'Administrator',
  'Demo migration law (excerpt)',
  'Demo ministry page',
  'Demo note: see the attached demo evidence.',
];
const LATIN_WORD = /[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*(?:[-_][A-Za-zÀ-ÿ0-9]+)*/g;

/** The words in Latin letters of a text that are neither allowed phrases, codes nor allowed words. */
function englishWords(text: string, allowedPhrases: readonly string[]): string[] {
  const rest = allowedPhrases.reduce((remaining, phrase) => remaining.replaceAll(phrase, ' '), text);
  return (rest.replace(CODE_TOKENS, ' ').match(LATIN_WORD) ?? []).filter(
    (word) => word.length > 1 && !word.split('-').every((part) => ALLOWED_WORDS.has(part)),
  );
}

/** The literal runs of a message (the words between its placeholders), plural and select branches included. */
function literalRuns(elements: MessageFormatElement[], into: string[] = []): string[] {
  let run = '';
  const flush = () => {
    if (run.trim()) into.push(run.trim());
    run = '';
  };
  for (const element of elements) {
    if (element.type === TYPE.literal) run += element.value;
    else {
      flush();
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) literalRuns(option.value, into);
    }
  }
  flush();
  return into;
}

/** The English phrases (two words or more) of every message that the language translates differently. */
function englishPhrases(lang: 'ar' | 'zh' | 'ru'): Map<string, string> {
  const phrases = new Map<string, string>();
  const translated = CATALOGUES[lang] as Record<string, string>;
  for (const [key, message] of Object.entries(en as Record<string, string>)) {
    if (translated[key] === message) continue;
    for (const run of literalRuns(parse(message)))
      for (const part of run.split(/[:;()·—–]|\.\s/)) {
        const phrase = part.trim().replace(/[.,]$/, '');
        if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(phrase) && !phrases.has(phrase)) phrases.set(phrase, key);
      }
  }
  return phrases;
}

interface Seen {
  text: string;
  /** Inside an element that declares another language than the page's (lang="en" for a source fact in English). */
  foreign: boolean;
}

/** What a person sees or hears on the page. */
function collect(page: Page, lang: string): Promise<Seen[]> {
  return page.evaluate((pageLang) => {
    const seen: Seen[] = [];
    const isForeign = (element: Element | null) => {
      const declared = (element?.closest('[lang]')?.getAttribute('lang') ?? pageLang).toLowerCase().split('-')[0];
      return declared !== pageLang;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest('script, style, noscript, template')) continue;
      const inMenu = parent.closest('select');
      if (!inMenu && !parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      seen.push({ text, foreign: isForeign(parent) });
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]'))
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
        const value = element.getAttribute(name)?.trim();
        if (value) seen.push({ text: value, foreign: isForeign(element) });
      }
    if (document.title) seen.push({ text: document.title, foreign: false });
    return seen;
  }, lang);
}

describe('no English in the Arabic, Chinese and Russian pages (Chromium, real server with demo data)', () => {
  let demo: DemoServer;
  let browser: Browser;
  /** The registry's official names and acronyms of partnerships: proper names, in English as compiled. */
  let partnershipNames: string[];

  beforeAll(async () => {
    demo = await startDemoServer('migov-languages-');
    const registry = (await (await fetch(`${demo.url}/api/v1/partnerships`)).json()) as {
      items: { name: string; acronym?: string }[];
    };
    partnershipNames = registry.items.flatMap((item) => [item.name, item.acronym ?? '']).filter(Boolean);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('tells English words from codes and proper names', () => {
    expect(englishWords('Показатель ЦУР 8.8.1 (SL_EMP_INJUR), SDMX-CSV, DOMAIN1, sdg-10-7-2', [])).toEqual([]);
    expect(englishWords('الوحدة: per 100,000 employees', [])).toEqual(['per', 'employees']);
    expect(englishWords('Демо: Demo Reviewer saved', ['Demo Reviewer'])).toEqual(['saved']);
    expect(englishPhrases('ru').get('Skip to content')).toBe('nav.skip');
  });

  it.each(['ar', 'zh', 'ru'] as const)(
    'every public and workspace page speaks %s only',
    async (lang) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      failOnPageErrors(page);
      try {
        const phrases = englishPhrases(lang);
        const allowedPhrases = [...ALLOWED_PHRASES, ...partnershipNames].sort(
          (left, right) => right.length - left.length,
        );
        const messages = new Map(
          [...phrases]
            .filter(([phrase, key]) => (en as Record<string, string>)[key] === phrase)
            .map(([phrase, key]) => [phrase, key]),
        );
        // One line per text found, with the first page that shows it and how many do.
        const found = new Map<string, { path: string; pages: number }>();
        const note = (line: string, path: string) => {
          const seen = found.get(line);
          if (seen) seen.pages += 1;
          else found.set(line, { path, pages: 1 });
        };
        /** Open a page and note what it shows in English. */
        const visit = async (path: string) => {
          await page.goto(`${demo.url}${path}`);
          await page.locator('main h1').first().waitFor({ timeout: 15_000 });
          await page.waitForLoadState('networkidle');
          expect(await page.evaluate(() => document.documentElement.lang), path).toBe(lang);
          const onPage = new Set<string>();
          for (const { text, foreign } of await collect(page, lang)) {
            // Text declared English is a source's fact: it fails only when it is a whole message of the interface.
            if (foreign) {
              if (messages.has(text)) onPage.add(`catalogue ${messages.get(text)}: "${text}" marked as English`);
              continue;
            }
            for (const [phrase, key] of phrases)
              if (text.includes(phrase)) onPage.add(`catalogue ${key}: "${phrase}" in "${text}"`);
            const words = englishWords(text, allowedPhrases);
            if (words.length > 0) onPage.add(`"${text}" (${[...new Set(words)].join(' ')})`);
          }
          for (const line of onPage) note(line, path);
        };
        // Signed out first: the sign-in and password reset pages.
        await visit(`/${lang}/sign-in/`);
        await visit(`/${lang}/password-reset/`);
        const signIn = await page.request.post(`${demo.url}/api/v1/session`, {
          data: { email: 'demo-administrator@demo.migov.invalid', password: demo.password },
        });
        expect(signIn.status()).toBe(200);
        const assessments = (await (await page.request.get(`${demo.url}/api/v1/assessments`)).json()) as {
          items: { id: string }[];
        };
        const assessment = assessments.items[0]!.id;
        const paths = [
          `/${lang}/`,
          `/${lang}/country/484/`,
          `/${lang}/compare/?areas=484,76,36,250`,
          `/${lang}/data/`,
          `/${lang}/methodology/`,
          `/${lang}/partnerships/`,
          `/${lang}/partnerships/${demo.partnership}/`,
          `/${lang}/indicators/`,
          `/${lang}/indicators/10.7.2/`,
          `/${lang}/governance/`,
          `/${lang}/governance/crosswalk/`,
          `/${lang}/workspace/`,
          `/${lang}/workspace/assessment/${assessment}/`,
          `/${lang}/workspace/review/${assessment}/`,
          `/${lang}/workspace/admin/`,
          `/${lang}/workspace/partnerships/${demo.partnership}/`,
          `/${lang}/workspace/mgi/`,
          `/${lang}/workspace/briefs/`,
        ];
        for (const path of paths) await visit(path);
        const report = [...found].map(
          ([line, { path, pages }]) => `${path}${pages > 1 ? ` (+${pages - 1})` : ''} ${line}`,
        );
        expect(report).toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
