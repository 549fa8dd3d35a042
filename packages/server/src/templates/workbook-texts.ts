/**
 * The words of the Excel template of an assessment in the six UN languages: its instructions, its
 * column headers and the note of its drop-downs. The sheet names stay the same in every language
 * (the importer finds the sheets by name); the instrument's own texts (domains, items, options) come
 * from the instrument, in its official translation where there is one, as the web form shows them.
 */
import { LANGUAGES, type Language } from '@migov/core';

/** The values the instructions name. */
interface TemplateFacts {
  jurisdictionName: string;
  jurisdiction: string;
  year: number;
  instrument: string;
  lockVersion: number;
  responsesSheet: string;
}

interface WorkbookTexts {
  /** The headers of columns A to E: domain, item number, question, answer, comment (as the web form's `workbook.column` names them). */
  header: readonly [string, string, string, string, string];
  /** The line under the title: jurisdiction, round, instrument. */
  about(facts: TemplateFacts): string;
  /** The numbered steps. */
  steps(facts: TemplateFacts): readonly string[];
  /** The note shown when a cell is given something that is not one of its options. */
  notAnOptionTitle: string;
  notAnOption: string;
}

const en: WorkbookTexts = {
  header: ['Domain', 'Item', 'Question', 'Answer', 'Comment'],
  about: (facts) =>
    `Jurisdiction: ${facts.jurisdictionName} (${facts.jurisdiction}) · Round ${facts.year} · Instrument ${facts.instrument}`,
  steps: (facts) => [
    `1. On the sheet "${facts.responsesSheet}", choose an answer for each item from the drop-down in column D. Leave it empty if you have no answer yet.`,
    '2. Write any comment or source in column E. Only columns D and E can be edited.',
    '3. Upload the file back in migov. Every cell is checked; if any cell is invalid, nothing is changed and each problem is listed with its cell.',
    `4. This file was made at lock version ${facts.lockVersion}. If someone saves the assessment after that, the upload is refused: download a fresh template.`,
  ],
  notAnOptionTitle: 'Not an option',
  notAnOption: 'Choose one of the options in the list.',
};

const fr: WorkbookTexts = {
  header: ['Domaine', 'Élément', 'Question', 'Réponse', 'Commentaire'],
  about: (facts) =>
    `Juridiction : ${facts.jurisdictionName} (${facts.jurisdiction}) · Cycle ${facts.year} · Instrument ${facts.instrument}`,
  steps: (facts) => [
    `1. Sur la feuille « ${facts.responsesSheet} », choisissez une réponse à chaque question dans la liste déroulante de la colonne D. Laissez-la vide si vous n’avez pas encore de réponse.`,
    '2. Écrivez vos commentaires ou sources dans la colonne E. Seules les colonnes D et E sont modifiables.',
    '3. Renvoyez le fichier dans migov. Chaque cellule est vérifiée : si l’une est invalide, rien ne change et chaque problème est indiqué avec sa cellule.',
    `4. Ce fichier a été créé à la version de verrouillage ${facts.lockVersion}. Si quelqu’un enregistre l’évaluation après cela, l’envoi est refusé : téléchargez un nouveau modèle.`,
  ],
  notAnOptionTitle: 'Option inconnue',
  notAnOption: 'Choisissez l’une des options de la liste.',
};

const es: WorkbookTexts = {
  header: ['Dominio', 'Elemento', 'Pregunta', 'Respuesta', 'Comentario'],
  about: (facts) =>
    `Jurisdicción: ${facts.jurisdictionName} (${facts.jurisdiction}) · Ronda ${facts.year} · Instrumento ${facts.instrument}`,
  steps: (facts) => [
    `1. En la hoja «${facts.responsesSheet}», elija una respuesta para cada pregunta en la lista desplegable de la columna D. Déjela vacía si aún no tiene respuesta.`,
    '2. Escriba cualquier comentario o fuente en la columna E. Solo se pueden editar las columnas D y E.',
    '3. Vuelva a subir el archivo a migov. Se comprueba cada celda: si alguna no es válida, no cambia nada y se enumera cada problema con su celda.',
    `4. Este archivo se creó en la versión de bloqueo ${facts.lockVersion}. Si alguien guarda la evaluación después, la subida se rechaza: descargue una plantilla nueva.`,
  ],
  notAnOptionTitle: 'No es una opción',
  notAnOption: 'Elija una de las opciones de la lista.',
};

const ar: WorkbookTexts = {
  header: ['المجال', 'البند', 'السؤال', 'الإجابة', 'التعليق'],
  about: (facts) =>
    `الولاية القضائية: ${facts.jurisdictionName} (${facts.jurisdiction}) · الجولة ${facts.year} · الأداة ${facts.instrument}`,
  steps: (facts) => [
    `1. في ورقة «${facts.responsesSheet}»، اختر إجابة لكل بند من القائمة المنسدلة في العمود D. اتركها فارغة إذا لم تكن لديك إجابة بعد.`,
    '2. اكتب أي تعليق أو مصدر في العمود E. لا يمكن تعديل سوى العمودين D وE.',
    '3. ارفع الملف مجددًا إلى migov. تُفحص كل خلية: إذا كانت أي خلية غير صالحة فلن يتغير شيء وستُذكر كل مشكلة مع خليتها.',
    `4. أُنشئ هذا الملف عند نسخة القفل ${facts.lockVersion}. إذا حفظ أحدٌ التقييم بعد ذلك، يُرفض الرفع: نزّل قالبًا جديدًا.`,
  ],
  notAnOptionTitle: 'ليس خيارًا',
  notAnOption: 'اختر أحد الخيارات في القائمة.',
};

const zh: WorkbookTexts = {
  header: ['领域', '条目', '问题', '答案', '备注'],
  about: (facts) =>
    `管辖区：${facts.jurisdictionName}（${facts.jurisdiction}）· 第 ${facts.year} 轮 · 工具 ${facts.instrument}`,
  steps: (facts) => [
    `1. 在“${facts.responsesSheet}”工作表中，从 D 列的下拉列表为每个题目选择一个回答。如尚无回答，请留空。`,
    '2. 在 E 列填写任何评论或来源。只有 D 列和 E 列可以编辑。',
    '3. 将文件上传回 migov。每个单元格都会被检查：如有任何单元格无效，则不作任何更改，并列出每个问题及其单元格。',
    `4. 此文件生成于锁定版本 ${facts.lockVersion}。如果此后有人保存了该评估，上传将被拒绝：请重新下载模板。`,
  ],
  notAnOptionTitle: '不是选项',
  notAnOption: '请从列表中选择一个选项。',
};

const ru: WorkbookTexts = {
  header: ['Область', 'Пункт', 'Вопрос', 'Ответ', 'Комментарий'],
  about: (facts) =>
    `Юрисдикция: ${facts.jurisdictionName} (${facts.jurisdiction}) · Раунд ${facts.year} · Инструмент ${facts.instrument}`,
  steps: (facts) => [
    `1. На листе «${facts.responsesSheet}» выберите ответ на каждый вопрос в раскрывающемся списке столбца D. Оставьте ячейку пустой, если ответа пока нет.`,
    '2. Пишите комментарии и источники в столбце E. Изменять можно только столбцы D и E.',
    '3. Загрузите файл обратно в migov. Проверяется каждая ячейка: если хоть одна неверна, ничего не меняется и перечисляется каждая проблема с её ячейкой.',
    `4. Этот файл создан при версии блокировки ${facts.lockVersion}. Если после этого кто-то сохранит оценку, загрузка будет отклонена: скачайте новый шаблон.`,
  ],
  notAnOptionTitle: 'Нет такого варианта',
  notAnOption: 'Выберите один из вариантов в списке.',
};

export const WORKBOOK_TEXTS: Record<Language, WorkbookTexts> = { en, fr, es, ar, zh, ru };

/** The header of column `index` (0 for A) in every language: a template in any of them reads back. */
export function headersOfColumn(index: number): ReadonlySet<string> {
  return new Set(LANGUAGES.map((language) => WORKBOOK_TEXTS[language].header[index]!));
}
