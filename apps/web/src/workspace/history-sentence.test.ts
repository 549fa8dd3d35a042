import { describe, expect, it } from 'vitest';
import '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import type { Revision } from '@migov/server/api';
import { historySentence } from './history-sentence.ts';

const save = (answers: number): Revision => ({
  revision: 2,
  at: '2026-03-01T10:00:00Z',
  actorName: 'Amina',
  action: 'save',
  before: { responses: {} },
  after: {
    responses: Object.fromEntries(
      Array.from({ length: answers }, (_, index) => [`${index + 1}a`, { optionId: 'yes' }]),
    ),
  },
});
const returned: Revision = {
  revision: 5,
  at: '2026-03-02T10:00:00Z',
  actorName: 'Amina',
  action: 'return',
  reason: 'Item 2b needs a source',
};

describe('a history entry as a sentence', () => {
  it('says who did what, with the plural of each language', () => {
    expect(historySentence(getTranslator('en'), save(3))).toBe('Amina saved 3 answers');
    expect(historySentence(getTranslator('en'), save(1))).toBe('Amina saved 1 answer');
    expect(historySentence(getTranslator('fr'), save(1))).toBe('Amina a enregistré 1 réponse');
    expect(historySentence(getTranslator('ru'), save(3))).toBe('Amina: сохранено 3 ответа');
    expect(historySentence(getTranslator('ru'), save(5))).toBe('Amina: сохранено 5 ответов');
    expect(historySentence(getTranslator('ru'), save(21))).toBe('Amina: сохранён 21 ответ');
    expect(historySentence(getTranslator('ar'), save(2))).toBe('Amina: حُفظت إجابتان');
    expect(historySentence(getTranslator('ar'), save(3))).toBe('Amina: حُفظت 3 إجابات');
    expect(historySentence(getTranslator('zh'), save(3))).toBe('Amina 保存了 3 个回答');
  });

  it('gives the reason of a return, the title of evidence and the body of a comment', () => {
    expect(historySentence(getTranslator('en'), returned)).toBe(
      'Amina returned the assessment to the focal point: Item 2b needs a source',
    );
    expect(historySentence(getTranslator('en'), { ...returned, action: 'transition:return' })).toBe(
      'Amina returned the assessment to the focal point: Item 2b needs a source',
    );
    expect(historySentence(getTranslator('es'), returned)).toBe(
      'Amina devolvió la evaluación al punto focal: Item 2b needs a source',
    );
    expect(
      historySentence(getTranslator('en'), {
        revision: 3,
        at: '2026-03-01T11:00:00Z',
        actorName: 'Amina',
        action: 'evidence.withdraw',
        before: { evidence: { id: 'e1', title: 'Migration law' } },
        after: { evidence: { id: 'e1', title: 'Migration law', withdrawn: true } },
      }),
    ).toBe('Amina withdrew evidence: Migration law');
    expect(
      historySentence(getTranslator('zh'), {
        revision: 4,
        at: '2026-03-01T12:00:00Z',
        actorName: 'Amina',
        action: 'comment',
        after: { comment: { id: 'c1', body: '请补充来源' } },
      }),
    ).toBe('Amina 评论：请补充来源');
  });

  it('names nobody it does not know, and never shows a bare action code', () => {
    const sentence = historySentence(getTranslator('en'), {
      revision: 1,
      at: '2026-03-01T09:00:00Z',
      action: 'create',
    });
    expect(sentence).toBe('someone created the assessment');
    for (const lang of ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const)
      for (const action of [
        'create',
        'save',
        'submit',
        'return',
        'resubmit',
        'validate',
        'publish',
        'reopen',
        'comment',
      ])
        expect(
          historySentence(getTranslator(lang), { revision: 1, at: '2026-03-01T09:00:00Z', actorName: 'A', action }),
        ).not.toMatch(new RegExp(`(?<!\\p{L})${action}(?!\\p{L})`, 'u'));
  });
});
