/**
 * The Excel template of an assessment (exceljs): an instructions sheet, one row per item with a
 * drop-down of the options, pre-filled answers and comments, protected so only the answer and
 * comment cells can change, in the language asked for (workbook-texts.ts; right to left in Arabic).
 * Reading it back accepts a template in any of the six languages, validates every cell and reports each
 * problem with sheet, cell, value and why; the caller changes nothing unless the whole workbook is valid.
 */
import ExcelJS from 'exceljs';
import {
  findRefusedCharacter,
  itemNumbers,
  LANGUAGES,
  localize,
  replaceRefused,
  visibleInXml,
  type InstrumentVersion,
  type Language,
} from '@migov/core';
import type { Assessment, ResponseChange } from '@migov/db';
import { DEFAULT_PARSING_LIMITS, type ParsingLimits } from '../parsing/limits.ts';
import { guardZip } from '../parsing/zip-guard.ts';
import { headersOfColumn, WORKBOOK_TEXTS } from './workbook-texts.ts';

export const RESPONSES_SHEET = 'Responses';
const INSTRUCTIONS_SHEET = 'Instructions';
const OPTIONS_SHEET = 'Options';
const META_SHEET = 'migov';
const MAX_COMMENT = 10_000;
const COLUMN_WIDTHS = [28, 8, 70, 45, 60] as const;

/** Why a cell is invalid: a stable code a client can put in its reader's language (`message` says it in English). */
export type WorkbookProblemReason =
  | 'not-xlsx'
  | 'not-template'
  | 'other-template'
  | 'lock-version-lost'
  | 'wrong-header'
  | 'row-without-item'
  | 'unknown-item'
  | 'duplicate-item'
  | 'answer-formula'
  | 'unknown-option'
  | 'comment-formula'
  | 'refused-character'
  | 'comment-too-long'
  | 'missing-row';

/** One invalid cell. */
interface WorkbookProblem {
  sheet: string;
  cell: string;
  value: string;
  reason: WorkbookProblemReason;
  message: string;
}

export type ReadWorkbookResult =
  { ok: true; lockVersion: number; changes: ResponseChange[] } | { ok: false; problems: WorkbookProblem[] };

/**
 * Text as a cell of the workbook, so that reading it back gives exactly the same text. exceljs reads
 * `_xHHHH_` as an escaped character (the OOXML convention) and drops characters XML cannot hold
 * when writing: a literal `_xHHHH_` is written with its underscore escaped, and such a character
 * (text stored before they were refused) as its escape.
 */
export function toCellText(text: string): string {
  return replaceRefused(
    text.replace(/_(?=x[0-9A-F]{4}_)/g, '_x005F_'),
    (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** Every item with its display number (core itemNumbers), the key of its row in column B. */
function itemsOf(instrument: InstrumentVersion) {
  const numbers = itemNumbers(instrument);
  return instrument.domains.flatMap((domain) =>
    domain.items.map((item) => ({
      domain,
      item,
      number: numbers.get(item.id) ?? item.id,
      options: instrument.scales[item.scale] ?? [],
    })),
  );
}

/** Build the template of an assessment, its words in `language` (English by default). */
export async function buildAssessmentWorkbook(
  instrument: InstrumentVersion,
  assessment: Assessment,
  jurisdictionName: string,
  language: Language = 'en',
): Promise<Buffer> {
  const texts = WORKBOOK_TEXTS[language];
  const rightToLeft = language === 'ar';
  const book = new ExcelJS.Workbook();
  book.creator = 'migov';
  book.created = new Date(assessment.updatedAt);

  const instructions = book.addWorksheet(INSTRUCTIONS_SHEET, { views: [{ rightToLeft }] });
  instructions.getColumn(1).width = 110;
  const facts = {
    jurisdictionName,
    jurisdiction: assessment.jurisdiction,
    year: assessment.year,
    instrument: `${instrument.instrument}@${instrument.version}`,
    lockVersion: assessment.lockVersion,
    responsesSheet: RESPONSES_SHEET,
  };
  const lines = [localize(instrument.title, language), texts.about(facts), '', ...texts.steps(facts)];
  lines.forEach((line, index) => {
    const cell = instructions.getCell(index + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (index === 0) cell.font = { bold: true, size: 14 };
  });

  const options = book.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const scaleRanges = new Map<string, string>();
  Object.entries(instrument.scales).forEach(([scaleId, scaleOptions], column) => {
    const letter = options.getColumn(column + 1).letter;
    options.getCell(1, column + 1).value = scaleId;
    scaleOptions.forEach(
      (option, row) => (options.getCell(row + 2, column + 1).value = localize(option.label, language)),
    );
    scaleRanges.set(scaleId, `${OPTIONS_SHEET}!$${letter}$2:$${letter}$${scaleOptions.length + 1}`);
  });

  const sheet = book.addWorksheet(RESPONSES_SHEET, { views: [{ state: 'frozen', ySplit: 1, rightToLeft }] });
  sheet.columns = texts.header.map((header, index) => ({ header, width: COLUMN_WIDTHS[index] }));
  sheet.getRow(1).font = { bold: true };
  itemsOf(instrument).forEach(({ domain, item, number, options: itemOptions }, index) => {
    const rowNumber = index + 2;
    const response = assessment.responses[item.id];
    const answer = itemOptions.find((option) => option.id === response?.optionId);
    const row = sheet.getRow(rowNumber);
    // Text goes in as plain strings: exceljs writes them as shared strings, never as formulas.
    row.values = [
      localize(domain.label, language),
      number,
      localize(item.text, language),
      answer ? toCellText(localize(answer.label, language)) : '',
      toCellText(response?.comment ?? ''),
    ];
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    for (const column of [4, 5]) row.getCell(column).protection = { locked: false };
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(4).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [scaleRanges.get(item.scale) ?? '""'],
      showErrorMessage: true,
      errorTitle: texts.notAnOptionTitle,
      error: texts.notAnOption,
    };
  });
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  await instructions.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  const meta = book.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['assessment', assessment.id],
    ['jurisdiction', assessment.jurisdiction],
    ['instrument', instrument.instrument],
    ['version', instrument.version],
    ['lockVersion', assessment.lockVersion],
    ['language', language],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (typeof value === 'string') return { text: value, formula: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString(), formula: false };
  if (typeof value === 'object' && 'richText' in value)
    return { text: value.richText.map((part) => part.text).join(''), formula: false };
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
    return { text: String((value as { result?: unknown }).result ?? ''), formula: true };
  if (typeof value === 'object' && 'text' in value)
    return { text: String((value as { text: unknown }).text), formula: false };
  return { text: String(value), formula: false };
}

/**
 * The option an answer cell names: by its label in the template's language first, then in any of the
 * six (a template filled in from another language's copy), then by its id.
 */
function findOption<Option extends InstrumentVersion['scales'][string][number]>(
  options: readonly Option[],
  text: string,
  language: Language,
): Option | undefined {
  return (
    options.find((option) => localize(option.label, language) === text) ??
    options.find((option) => LANGUAGES.some((other) => localize(option.label, other) === text)) ??
    options.find((option) => option.id === text)
  );
}

/**
 * Read an uploaded template against the assessment; every problem is collected before anything is
 * decided. The zip is checked against the parsing bounds first (throws LimitExceededError): a
 * workbook is only opened once its unpacked size, parts and cells are known to be within them.
 */
export async function readAssessmentWorkbook(
  instrument: InstrumentVersion,
  assessment: Assessment,
  bytes: Uint8Array,
  limits: ParsingLimits = DEFAULT_PARSING_LIMITS,
): Promise<ReadWorkbookResult> {
  const problems: WorkbookProblem[] = [];
  const unreadable = guardZip(bytes, limits);
  if (unreadable)
    return { ok: false, problems: [{ sheet: '', cell: '', value: '', reason: 'not-xlsx', message: unreadable }] };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      problems: [
        { sheet: '', cell: '', value: '', reason: 'not-xlsx', message: 'the file is not an Excel workbook (.xlsx)' },
      ],
    };
  }
  const meta = book.getWorksheet(META_SHEET);
  const sheet = book.getWorksheet(RESPONSES_SHEET);
  if (!meta || !sheet)
    return {
      ok: false,
      problems: [
        {
          sheet: meta ? RESPONSES_SHEET : META_SHEET,
          cell: '',
          value: '',
          reason: 'not-template',
          message: 'this is not a migov template: download the template of the assessment and fill it in',
        },
      ],
    };
  const metaValues = new Map<string, string>();
  meta.eachRow((row) => metaValues.set(cellText(row.getCell(1).value).text, cellText(row.getCell(2).value).text));
  const expectMeta = (key: string, expected: string) => {
    const found = metaValues.get(key) ?? '';
    if (found !== expected)
      problems.push({
        sheet: META_SHEET,
        cell: key,
        value: found,
        reason: 'other-template',
        message: `this template is for ${key} ${found || '(none)'}, not ${expected}`,
      });
  };
  expectMeta('assessment', assessment.id);
  expectMeta('instrument', instrument.instrument);
  expectMeta('version', instrument.version);
  const lockVersion = Number(metaValues.get('lockVersion'));
  if (!Number.isInteger(lockVersion))
    problems.push({
      sheet: META_SHEET,
      cell: 'lockVersion',
      value: metaValues.get('lockVersion') ?? '',
      reason: 'lock-version-lost',
      message: 'the template has lost its lock version',
    });
  if (problems.length > 0) return { ok: false, problems };
  // The template's language (a template made before templates were localized has none: English).
  const language = LANGUAGES.find((candidate) => candidate === metaValues.get('language')) ?? 'en';

  const items = new Map(itemsOf(instrument).map((entry) => [entry.item.id, entry]));
  // Rows are keyed by the item's number; a template made when column B held item ids still reads.
  const byNumber = new Map([...items.values()].map((entry) => [entry.number, entry]));
  const seen = new Set<string>();
  const changes: ResponseChange[] = [];
  WORKBOOK_TEXTS[language].header.forEach((title, index) => {
    const found = cellText(sheet.getRow(1).getCell(index + 1).value).text;
    if (!headersOfColumn(index).has(found))
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: sheet.getRow(1).getCell(index + 1).address,
        value: found,
        reason: 'wrong-header',
        message: `the header must be "${title}"`,
      });
  });
  for (let rowNumber = 2; rowNumber <= Math.max(sheet.rowCount, items.size + 1); rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const itemCell = row.getCell(2);
    const key = cellText(itemCell.value).text.trim();
    const answerCell = row.getCell(4);
    const commentCell = row.getCell(5);
    const answer = cellText(answerCell.value);
    const comment = cellText(commentCell.value);
    if (!key) {
      if (answer.text || comment.text)
        problems.push({
          sheet: RESPONSES_SHEET,
          cell: itemCell.address,
          value: '',
          reason: 'row-without-item',
          message: 'an answer or comment is on a row without an item',
        });
      continue;
    }
    const entry = byNumber.get(key) ?? items.get(key);
    if (!entry) {
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: itemCell.address,
        value: key,
        reason: 'unknown-item',
        message: `unknown item ${key} in ${instrument.instrument}@${instrument.version}`,
      });
      continue;
    }
    const itemId = entry.item.id;
    if (seen.has(itemId)) {
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: itemCell.address,
        value: key,
        reason: 'duplicate-item',
        message: `item ${entry.number} appears twice`,
      });
      continue;
    }
    seen.add(itemId);
    let optionId: string | undefined;
    if (answer.formula)
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: answerCell.address,
        value: answer.text,
        reason: 'answer-formula',
        message: 'formulas are not accepted: choose an option from the list',
      });
    else if (answer.text.trim()) {
      const text = answer.text.trim();
      const option = findOption(entry.options, text, language);
      if (!option)
        problems.push({
          sheet: RESPONSES_SHEET,
          cell: answerCell.address,
          value: text,
          reason: 'unknown-option',
          message: `not an option of item ${entry.number} (options: ${entry.options.map((candidate) => localize(candidate.label, language)).join(' | ')})`,
        });
      else optionId = option.id;
    }
    const current = assessment.responses[itemId] ?? {};
    // Text stored before control characters were refused comes back as it went out and is kept; new text must be accepted text.
    const refused = comment.text === (current.comment ?? '') ? undefined : findRefusedCharacter(comment.text);
    if (comment.formula)
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: commentCell.address,
        value: comment.text,
        reason: 'comment-formula',
        message: 'formulas are not accepted in comments',
      });
    else if (refused)
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: commentCell.address,
        value: visibleInXml(comment.text.slice(Math.max(0, refused.index - 20), refused.index + 20)),
        reason: 'refused-character',
        message: `the comment ${refused.message}`,
      });
    else if (comment.text.length > MAX_COMMENT)
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: commentCell.address,
        value: `${comment.text.slice(0, 40)}…`,
        reason: 'comment-too-long',
        message: `a comment has at most ${MAX_COMMENT} characters (this one has ${comment.text.length})`,
      });
    const change: ResponseChange = { itemId };
    if ((current.optionId ?? undefined) !== optionId) change.optionId = optionId ?? null;
    const newComment = comment.text === '' ? undefined : comment.text;
    if ((current.comment ?? undefined) !== newComment) change.comment = newComment ?? null;
    if (change.optionId !== undefined || change.comment !== undefined) changes.push(change);
  }
  for (const [itemId, entry] of items) {
    if (!seen.has(itemId))
      problems.push({
        sheet: RESPONSES_SHEET,
        cell: 'B:B',
        value: '',
        reason: 'missing-row',
        message: `the row of item ${entry.number} is missing`,
      });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lockVersion, changes };
}
