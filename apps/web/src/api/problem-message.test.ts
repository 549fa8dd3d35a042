import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_ERRORS } from '../../../../packages/server/src/errors/api-error.ts';
import { CATALOGUES } from '../i18n/catalogues/index.ts';
import { en } from '../i18n/catalogues/en.ts';
import { UI_LANGUAGES } from '../i18n/languages.ts';
import { getTranslator } from '../i18n/translator.ts';
import { ApiProblem } from './api-client.ts';
import { failureMessage, problemDetail, problemMessage, roundClosingDay } from './problem-message.tsx';

/** Languages whose pages must carry no English: their messages must differ from the English ones. */
const NON_LATIN = ['ar', 'zh', 'ru'] as const;

describe('the message of an API problem', () => {
  it.each(UI_LANGUAGES)('%s has a message for every code of the server’s catalogue', (lang) => {
    const translator = getTranslator(lang);
    const english = getTranslator('en');
    const missing: string[] = [];
    for (const code of API_ERROR_CODES) {
      const message = problemMessage(translator, { status: API_ERRORS[code].status, code });
      if (message.trim() === '') missing.push(`${code}: empty`);
      if ((NON_LATIN as readonly string[]).includes(lang) && message === problemMessage(english, { status: 0, code }))
        missing.push(`${code}: the English message`);
      // Never the server's English title.
      if (lang !== 'en' && message === API_ERRORS[code].title) missing.push(`${code}: the server's title`);
    }
    expect(missing).toEqual([]);
  });

  it.each(NON_LATIN)('%s has its own words for every reason of a refused workbook', (lang) => {
    const reasons = Object.keys(en).filter((key) => key.startsWith('workbook.reason.')) as (keyof typeof en)[];
    expect(reasons.length).toBeGreaterThan(10);
    const untranslated = reasons.filter((key) => !CATALOGUES[lang][key].trim() || CATALOGUES[lang][key] === en[key]);
    expect(untranslated).toEqual([]);
  });

  it('names a closed round and its closing day in the reader’s format', () => {
    const problem = {
      status: 409,
      code: 'round-closed',
      detail: 'the 2023 SDG-10.7.2 round closed on 2023-10-01T00:00:00.000Z',
      round: { id: 'r1', year: 2023, instrument: 'SDG-10.7.2', closesOn: '2023-09-30' },
      closedAt: '2023-10-01T00:00:00.000Z',
    };
    expect(problemMessage(getTranslator('en'), problem)).toBe(
      'The 2023 round closed on Sep 30, 2023. An administrator can reopen it.',
    );
    expect(problemMessage(getTranslator('fr'), problem)).toBe(
      'Le cycle 2023 a été clos le 30 sept. 2023. Un administrateur peut le rouvrir.',
    );
    const arabic = problemMessage(getTranslator('ar'), problem);
    expect(arabic).toContain(getTranslator('ar').formatDate('2023-09-30'));
    expect(arabic).not.toMatch(/[A-Za-z]/);
  });

  it('takes the day an administrator closed a round early, and the closing day otherwise', () => {
    expect(roundClosingDay('2023-09-30', '2023-10-01T00:00:00.000Z')).toBe('2023-09-30');
    expect(roundClosingDay('2023-09-30', '2023-08-14T09:12:00.000Z')).toBe('2023-08-14T09:12:00.000Z');
    expect(roundClosingDay('2023-09-30', undefined)).toBe('2023-09-30');
  });

  it('names an upload limit and its setting', () => {
    const message = problemMessage(getTranslator('es'), {
      status: 413,
      code: 'upload-limit-exceeded',
      limit: 'cells',
      max: 1_000_000,
      setting: 'MIGOV_MAX_WORKBOOK_CELLS',
    });
    expect(message).toContain('MIGOV_MAX_WORKBOOK_CELLS');
    expect(message).toContain(getTranslator('es').formatNumber(1_000_000));
  });

  it('says an unknown code, or an answer without one, with its HTTP status', () => {
    const zh = getTranslator('zh');
    expect(problemMessage(zh, { status: 502 })).toBe('服务器拒绝了请求（HTTP 502）。');
    expect(problemMessage(zh, { status: 418, code: 'teapot' })).toBe('服务器拒绝了请求（HTTP 418）。');
  });

  it('says a failure without an answer as the server not reached, and keeps the English detail apart', () => {
    const ru = getTranslator('ru');
    expect(failureMessage(ru, new TypeError('Failed to fetch'))).toBe(CATALOGUES.ru['problem.unreachable']);
    const refused = new ApiProblem({
      status: 422,
      code: 'invalid-input',
      title: API_ERRORS['invalid-input'].title,
      detail: 'responses.q1: unknown option x',
    });
    expect(failureMessage(ru, refused)).toBe(CATALOGUES.ru['problem.invalid-input']);
    expect(problemDetail(refused)).toBe('responses.q1: unknown option x');
    expect(problemDetail(new ApiProblem({ status: 404, code: 'not-found', title: 'x', detail: 'x' }))).toBeUndefined();
  });

  it.each(UI_LANGUAGES)('%s never shows a program error’s English message, and keeps a page’s own words', (lang) => {
    const translator = getTranslator(lang);
    const message = failureMessage(translator, new SyntaxError('Unexpected token < in JSON at position 0'));
    expect(message).toBe(CATALOGUES[lang]['problem.unexpected']);
    if (lang !== 'en') expect(message).not.toBe(en['problem.unexpected']);
    const own = translator.t('mgiWork.notAnEmail', { line: 2, email: 'nobody' });
    expect(failureMessage(translator, own)).toBe(own);
    if ((NON_LATIN as readonly string[]).includes(lang)) expect(own.replace('nobody', '')).not.toMatch(/[A-Za-z]/);
  });
});
