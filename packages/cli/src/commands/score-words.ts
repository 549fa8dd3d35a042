// The words of `migov score`'s explanation in the six UN languages. The instrument's own texts
// (title, domains, options, categories) come from the instrument in the language where it has them.
import type { Language } from '@migov/core';

export interface ScoreWords {
  nextCategory: string;
  notApplicable: string;
  top: string;
  incomplete(items: string): string;
  notComputed(items: string): string;
  changes(count: number, label: string, target: string, list: string): string;
  overall: string;
  noAnswer: string;
  of: string;
  status: Record<'answered' | 'missing' | 'not-applicable', string>;
  /** Said once when the instrument has no text of its own in the language. */
  untranslated: string;
}

export const SCORE_WORDS: Record<Language, ScoreWords> = {
  en: {
    nextCategory: 'next category',
    notApplicable: 'not applicable',
    top: 'already in the top category',
    incomplete: (items) => `incomplete (no answer for ${items})`,
    notComputed: (items) => `not computed: no answer for ${items}`,
    changes: (count, label, target, list) => `${count} change(s) to reach "${label}" (${target}): ${list}`,
    overall: 'Overall',
    noAnswer: '(no answer)',
    of: 'of',
    status: { answered: 'answered', missing: 'missing', 'not-applicable': 'not applicable' },
    untranslated: '',
  },
  fr: {
    nextCategory: 'catégorie suivante',
    notApplicable: 'sans objet',
    top: 'déjà dans la catégorie la plus élevée',
    incomplete: (items) => `incomplet (aucune réponse pour ${items})`,
    notComputed: (items) => `non calculé : aucune réponse pour ${items}`,
    changes: (count, label, target, list) => `${count} changement(s) pour atteindre « ${label} » (${target}) : ${list}`,
    overall: 'Ensemble',
    noAnswer: '(sans réponse)',
    of: 'sur',
    status: { answered: 'répondu', missing: 'manquant', 'not-applicable': 'sans objet' },
    untranslated: 'Textes du questionnaire affichés en anglais : pas de traduction officielle en français.',
  },
  es: {
    nextCategory: 'categoría siguiente',
    notApplicable: 'no aplicable',
    top: 'ya en la categoría más alta',
    incomplete: (items) => `incompleto (sin respuesta para ${items})`,
    notComputed: (items) => `no calculado: sin respuesta para ${items}`,
    changes: (count, label, target, list) => `${count} cambio(s) para alcanzar «${label}» (${target}): ${list}`,
    overall: 'Total',
    noAnswer: '(sin respuesta)',
    of: 'de',
    status: { answered: 'respondido', missing: 'falta', 'not-applicable': 'no aplicable' },
    untranslated: 'Textos del cuestionario mostrados en inglés: no hay traducción oficial al español.',
  },
  ar: {
    nextCategory: 'الفئة التالية',
    notApplicable: 'لا ينطبق',
    top: 'في الفئة العليا بالفعل',
    incomplete: (items) => `غير مكتمل (لا إجابة عن ${items})`,
    notComputed: (items) => `لم يُحسب: لا إجابة عن ${items}`,
    changes: (count, label, target, list) => `${count} تغيير(ات) لبلوغ «${label}» (${target}): ${list}`,
    overall: 'الإجمالي',
    noAnswer: '(لا إجابة)',
    of: 'من',
    status: { answered: 'تمت الإجابة', missing: 'ناقص', 'not-applicable': 'لا ينطبق' },
    untranslated: 'نصوص الاستبيان معروضة بالإنكليزية: لا توجد ترجمة رسمية إلى العربية.',
  },
  zh: {
    nextCategory: '下一类别',
    notApplicable: '不适用',
    top: '已处于最高类别',
    incomplete: (items) => `不完整（${items} 未作答）`,
    notComputed: (items) => `未计算：${items} 未作答`,
    changes: (count, label, target, list) => `需更改 ${count} 项以达到“${label}”（${target}）：${list}`,
    overall: '总体',
    noAnswer: '（未作答）',
    of: '/',
    status: { answered: '已作答', missing: '缺失', 'not-applicable': '不适用' },
    untranslated: '问卷文本以英文显示：没有正式中文译本。',
  },
  ru: {
    nextCategory: 'следующая категория',
    notApplicable: 'не применимо',
    top: 'уже в высшей категории',
    incomplete: (items) => `не завершено (нет ответа на ${items})`,
    notComputed: (items) => `не рассчитано: нет ответа на ${items}`,
    changes: (count, label, target, list) => `изменений: ${count}, чтобы достичь «${label}» (${target}): ${list}`,
    overall: 'Итог',
    noAnswer: '(нет ответа)',
    of: 'из',
    status: { answered: 'есть ответ', missing: 'нет ответа', 'not-applicable': 'не применимо' },
    untranslated: 'Тексты вопросника показаны на английском: официального перевода на русский нет.',
  },
};
