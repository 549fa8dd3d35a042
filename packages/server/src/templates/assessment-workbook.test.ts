import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { SDG_10_7_2_V2019 } from '@migov/core';
import { createAssessment, createRound, getAssessment, listAudit, saveResponses, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';
import { buildAssessmentWorkbook, readAssessmentWorkbook, RESPONSES_SHEET, toCellText } from './assessment-workbook.ts';
import { WORKBOOK_TEXTS } from './workbook-texts.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));

/**
 * Fill a template as a person would: each answer from the cell's own drop-down (the option at
 * `pick(row)` of the range its validation names on the Options sheet), a comment on every third row.
 */
async function fillFromDropDowns(bytes: Buffer, pick: (row: number) => number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const options = book.getWorksheet('Options')!;
  const sheet = book.getWorksheet(RESPONSES_SHEET)!;
  for (let row = 2; row <= sheet.rowCount; row += 1) {
    const range = /^Options!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(
      sheet.getCell(row, 4).dataValidation!.formulae![0],
    )!;
    const [, column, first, last] = range as unknown as [string, string, string, string];
    const count = Number(last) - Number(first) + 1;
    sheet.getCell(row, 4).value = String(options.getCell(`${column}${Number(first) + (pick(row) % count)}`).value);
    if (row % 3 === 0) sheet.getCell(row, 5).value = `source ${row}`;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function editWorkbook(bytes: Buffer, edit: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(book.getWorksheet(RESPONSES_SHEET)!);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(DIALECTS)('the Excel template of an assessment (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let focalPoint: SignedIn;
  let roundId = '';

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    roundId = (
      await createRound(db, {
        year: 2021,
        instrument: 'sdg-10-7-2',
        version: '2019',
        opensOn: '2021-01-01',
        closesOn: '2021-12-31',
      })
    ).id;
    await createTestUser(db, 'fp@example.org', [{ role: 'focal-point', scope: { kind: 'area', area: '276' } }]);
    focalPoint = await signIn(app, 'fp@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('round-trips every answer and comment without loss, formulas-looking text included', async () => {
    const source = await createAssessment(db, { jurisdiction: '276', roundId }, null);
    const changes = ITEMS.map((itemId, index) => ({
      itemId,
      optionId: itemId.startsWith('1')
        ? (['yes-regardless', 'yes-legal-only', 'no'] as const)[index % 3]
        : index % 2
          ? 'yes'
          : 'no',
      comment:
        index % 4 === 0
          ? `=HYPERLINK("http://evil")、 ünïcödé\nline ${index}`
          : index % 4 === 1
            ? undefined
            : `Source: law ${index}/2020, "quoted", 'single'`,
    }));
    await saveResponses(
      db,
      {
        assessmentId: source.id,
        expectedLockVersion: source.lockVersion,
        changes: changes.map(({ comment, ...rest }) => (comment === undefined ? rest : { ...rest, comment })),
      },
      null,
    );
    const filled = await getAssessment(db, source.id);

    const download = await app.inject({
      url: `/api/v1/assessments/${filled.id}/workbook`,
      headers: { cookie: focalPoint.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe(XLSX);

    const unchanged = await app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${filled.id}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: download.rawPayload,
    });
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    expect(unchanged.json().changed).toBe(0);

    // The same workbook read against an empty assessment recreates every response exactly.
    const empty = await createAssessment(db, { jurisdiction: '250', roundId }, null);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    book.getWorksheet('migov')!.getCell('B1').value = empty.id;
    const read = await readAssessmentWorkbook(SDG_10_7_2_V2019, empty, Buffer.from(await book.xlsx.writeBuffer()));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    await saveResponses(
      db,
      { assessmentId: empty.id, expectedLockVersion: empty.lockVersion, changes: read.changes },
      null,
    );
    expect((await getAssessment(db, empty.id)).responses).toEqual(filled.responses);
    const audit = await listAudit(db, { filters: { targetId: filled.id }, page: { limit: 10 } });
    expect(audit.items.map((entry) => entry.action)).toContain('workbook.export');
  });

  /** A new round of the focal point's country, for a template of its own. */
  const newAssessment = async (year: number) =>
    createAssessment(
      db,
      {
        jurisdiction: '276',
        roundId: (
          await createRound(db, {
            year,
            instrument: 'sdg-10-7-2',
            version: '2019',
            opensOn: `${year}-01-01`,
            closesOn: `${year}-12-31`,
          })
        ).id,
      },
      null,
    );

  it('gives the same answers from a template filled in French or Arabic as from the English one', async () => {
    const assessment = await newAssessment(2027);
    const pick = (row: number) => (row * 7) % 5;
    const read = async (lang: string) => {
      const download = await app.inject({
        url: `/api/v1/assessments/${assessment.id}/workbook?lang=${lang}`,
        headers: { cookie: focalPoint.cookie },
      });
      expect(download.statusCode, download.body).toBe(200);
      return readAssessmentWorkbook(SDG_10_7_2_V2019, assessment, await fillFromDropDowns(download.rawPayload, pick));
    };
    const english = await read('en');
    expect(english.ok && english.changes).toHaveLength(ITEMS.length);
    // Both kinds of scale, and comments, are in what the templates carry.
    expect(english.ok && new Set(english.changes.map((change) => change.optionId))).toEqual(
      new Set(['yes-regardless', 'yes-legal-only', 'no', 'yes']),
    );
    expect(await read('fr')).toEqual(english);
    expect(await read('ar')).toEqual(english);

    // Uploaded, the Arabic one saves them all.
    const arabic = await app.inject({
      url: `/api/v1/assessments/${assessment.id}/workbook?lang=ar`,
      headers: { cookie: focalPoint.cookie },
    });
    const upload = await app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${assessment.id}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: await fillFromDropDowns(arabic.rawPayload, pick),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json().changed).toBe(ITEMS.length);

    // An answer typed in another language than the template's is still one of the options.
    const mixed = await editWorkbook(
      await buildAssessmentWorkbook(SDG_10_7_2_V2019, assessment, 'Germany', 'en'),
      (sheet) => {
        sheet.getCell('D2').value = 'Oui, quel que soit le statut migratoire';
        sheet.getCell('D3').value = 'Non';
      },
    );
    const readMixed = await readAssessmentWorkbook(SDG_10_7_2_V2019, await getAssessment(db, assessment.id), mixed);
    expect(readMixed.ok, JSON.stringify(readMixed)).toBe(true);
  });

  it('speaks the language asked for in its instructions, headers, options and notes, Arabic right to left', async () => {
    const assessment = await newAssessment(2028);
    const open = async (query: string, headers: Record<string, string> = {}) => {
      const download = await app.inject({
        url: `/api/v1/assessments/${assessment.id}/workbook${query}`,
        headers: { cookie: focalPoint.cookie, ...headers },
      });
      expect(download.statusCode, download.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet(RESPONSES_SHEET)!;
      const instructions = book.getWorksheet('Instructions')!;
      return {
        header: (sheet.getRow(1).values as unknown[]).slice(1),
        lines: instructions.getColumn(1).values.slice(1).map(String),
        options: book.getWorksheet('Options')!.getColumn(1).values.slice(2).map(String),
        note: [sheet.getCell('D2').dataValidation?.errorTitle, sheet.getCell('D2').dataValidation?.error],
        domain: String(sheet.getCell('A2').value),
        rightToLeft: [sheet.views[0]?.rightToLeft ?? false, instructions.views[0]?.rightToLeft ?? false],
      };
    };
    const french = await open('?lang=fr');
    expect(french.header).toEqual(['Domaine', 'Élément', 'Question', 'Réponse', 'Commentaire']);
    expect(french.lines[0]).toContain('Nombre de pays ayant mis en place des politiques migratoires');
    expect(french.lines[1]).toBe('Juridiction : Allemagne (276) · Cycle 2028 · Instrument sdg-10-7-2@2019');
    expect(french.lines[3]).toContain('Sur la feuille « Responses », choisissez une réponse');
    expect(french.lines[6]).toContain(`version de verrouillage ${assessment.lockVersion}`);
    expect(french.options).toEqual([
      'Oui, quel que soit le statut migratoire',
      'Oui, uniquement pour les personnes en situation régulière',
      'Non',
    ]);
    expect(french.note).toEqual(['Option inconnue', 'Choisissez l’une des options de la liste.']);
    expect(french.domain).toBe('Droits des migrants');
    expect(french.rightToLeft).toEqual([false, false]);

    // Without `lang`, the first of the six in Accept-Language, by weight.
    const arabic = await open('', { 'accept-language': 'de-CH;q=1, ar-EG;q=0.8, fr;q=0.5' });
    expect(arabic.header).toEqual(['المجال', 'البند', 'السؤال', 'الإجابة', 'التعليق']);
    expect(arabic.lines[1]).toBe('الولاية القضائية: ألمانيا (276) · الجولة 2028 · الأداة sdg-10-7-2@2019');
    expect(arabic.lines[3]).toContain('في ورقة «Responses»');
    expect(arabic.note).toEqual(['ليس خيارًا', 'اختر أحد الخيارات في القائمة.']);
    expect(arabic.rightToLeft).toEqual([true, true]);

    // The language the reader last read the web app in comes before the browser's.
    expect((await open('', { 'accept-language': 'ar', cookie: `${focalPoint.cookie}; migov_lang=ru` })).header).toEqual(
      ['Область', 'Пункт', 'Вопрос', 'Ответ', 'Комментарий'],
    );

    const english = await open('');
    expect(english.header).toEqual(['Domain', 'Item', 'Question', 'Answer', 'Comment']);
    expect(english.options).toEqual([
      'Yes, regardless of immigration status',
      'Yes, only for those with legal immigration status',
      'No',
    ]);
    // No language carries the template's own English words but English.
    const englishWords = [
      ...english.header.filter((word) => word !== 'Question'),
      ...english.lines.slice(1),
      ...english.note,
    ];
    for (const lang of ['fr', 'es', 'ar', 'zh', 'ru']) {
      const other = await open(`?lang=${lang}`);
      const words = [...other.header, ...other.lines.slice(1), ...other.note];
      expect(
        words.filter((word) => word !== '' && englishWords.includes(word as string)),
        lang,
      ).toEqual([]);
      expect(other.header, lang).toEqual([...WORKBOOK_TEXTS[lang as 'fr'].header]);
    }
  });

  it('has a drop-down of the options on every answer cell and protects the sheet', async () => {
    const assessment = await createAssessment(db, { jurisdiction: '40', roundId }, null);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await buildAssessmentWorkbook(SDG_10_7_2_V2019, assessment, 'Austria')) as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet(RESPONSES_SHEET)!;
    expect(sheet.rowCount).toBe(ITEMS.length + 1);
    for (let row = 2; row <= ITEMS.length + 1; row += 1)
      expect(sheet.getCell(row, 4).dataValidation?.type).toBe('list');
    expect(sheet.getCell(2, 3).protection?.locked).not.toBe(false);
    expect(sheet.getCell(2, 4).protection?.locked).toBe(false);
    expect(book.getWorksheet('Instructions')).toBeDefined();
  });

  it('reports every invalid cell with sheet, cell, value and why, and changes nothing', async () => {
    const assessment = await createAssessment(
      db,
      {
        jurisdiction: '276',
        roundId: (
          await createRound(db, {
            year: 2023,
            instrument: 'sdg-10-7-2',
            version: '2019',
            opensOn: '2023-01-01',
            closesOn: '2023-12-31',
          })
        ).id,
      },
      null,
    );
    const download = await app.inject({
      url: `/api/v1/assessments/${assessment.id}/workbook`,
      headers: { cookie: focalPoint.cookie },
    });
    const broken = await editWorkbook(download.rawPayload, (sheet) => {
      sheet.getCell('D2').value = 'Maybe';
      sheet.getCell('D3').value = 'Yes, regardless of immigration status';
      sheet.getCell('D4').value = { formula: '1+1', result: 2 };
      sheet.getCell('B5').value = '9z';
    });
    const response = await app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${assessment.id}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: broken,
    });
    expect(response.statusCode).toBe(422);
    const problems = response.json().problems as {
      sheet: string;
      cell: string;
      value: string;
      reason: string;
      message: string;
    }[];
    expect(problems.map((problem) => problem.cell)).toEqual(expect.arrayContaining(['D2', 'D4', 'B5']));
    expect(problems.find((problem) => problem.cell === 'D2')).toMatchObject({ sheet: RESPONSES_SHEET, value: 'Maybe' });
    expect(problems.some((problem) => problem.message.includes('row of item'))).toBe(true);
    // Each problem names its reason with a stable code, for clients to say it in their reader's language.
    expect(Object.fromEntries(problems.map((problem) => [problem.cell, problem.reason]))).toMatchObject({
      D2: 'unknown-option',
      D4: 'answer-formula',
      B5: 'unknown-item',
      'B:B': 'missing-row',
    });
    expect((await getAssessment(db, assessment.id)).responses).toEqual({});
  });

  it('refuses a template made before someone else saved', async () => {
    const assessment = await createAssessment(
      db,
      {
        jurisdiction: '276',
        roundId: (
          await createRound(db, {
            year: 2025,
            instrument: 'sdg-10-7-2',
            version: '2019',
            opensOn: '2025-01-01',
            closesOn: '2025-12-31',
          })
        ).id,
      },
      null,
    );
    const download = await app.inject({
      url: `/api/v1/assessments/${assessment.id}/workbook`,
      headers: { cookie: focalPoint.cookie },
    });
    await saveResponses(
      db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [{ itemId: '1a', optionId: 'no' }],
      },
      null,
    );
    const edited = await editWorkbook(download.rawPayload, (sheet) => (sheet.getCell('D3').value = 'No'));
    const response = await app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${assessment.id}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: edited,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('edit-conflict');
  });

  it('keeps every character of a stored comment through a round trip, and refuses control characters typed into the workbook', async () => {
    const assessment = await createAssessment(
      db,
      {
        jurisdiction: '276',
        roundId: (
          await createRound(db, {
            year: 2024,
            instrument: 'sdg-10-7-2',
            version: '2019',
            opensOn: '2024-01-01',
            closesOn: '2024-12-31',
          })
        ).id,
      },
      null,
    );
    // Text stored before control characters were refused, and text that looks like the workbook's own escapes.
    const legacy = 'bell\u0007 c1\u0085 literal _x0041_ and _x0041_x0042_ stay';
    await saveResponses(
      db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [
          { itemId: '1a', optionId: 'no', comment: legacy },
          { itemId: '1b', comment: 'plain' },
        ],
      },
      null,
    );
    const stored = await getAssessment(db, assessment.id);
    const download = await app.inject({
      url: `/api/v1/assessments/${stored.id}/workbook`,
      headers: { cookie: focalPoint.cookie },
    });
    expect(download.statusCode).toBe(200);
    const read = await readAssessmentWorkbook(SDG_10_7_2_V2019, stored, download.rawPayload);
    expect(read).toEqual({ ok: true, lockVersion: stored.lockVersion, changes: [] });
    const unchanged = await app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${stored.id}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: download.rawPayload,
    });
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    expect(unchanged.json().changed).toBe(0);

    // Excel writes a control character in a cell as _x0007_; read back, it is the character itself.
    const typed = await editWorkbook(download.rawPayload, (sheet) => {
      sheet.getCell('E3').value = 'new text with a bell _x0007_ inside';
      // exceljs, unlike Excel, does not write back what it read unchanged: keep E2 as the template had it.
      sheet.getCell('E2').value = toCellText(legacy);
    });
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${stored.id}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: typed,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'invalid-workbook',
      problems: [
        {
          sheet: RESPONSES_SHEET,
          cell: 'E3',
          value: expect.stringContaining('bell \u2407 inside'),
          reason: 'refused-character',
          message: expect.stringContaining('control character U+0007 at character 22'),
        },
      ],
    });
    expect((await getAssessment(db, stored.id)).responses).toEqual(stored.responses);
  });

  it('refuses the same control characters in a comment sent as JSON, naming where and which', async () => {
    const assessment = await createAssessment(
      db,
      {
        jurisdiction: '276',
        roundId: (
          await createRound(db, {
            year: 2026,
            instrument: 'sdg-10-7-2',
            version: '2019',
            opensOn: '2026-01-01',
            closesOn: '2026-12-31',
          })
        ).id,
      },
      null,
    );
    for (const [char, point] of [
      ['\u0007', 'U+0007'],
      ['\u0085', 'U+0085'],
      ['\uffff', 'U+FFFF'],
    ] as const) {
      const response = await app.inject({
        method: 'PUT',
        url: `/api/v1/assessments/${assessment.id}/responses`,
        headers: asUser(focalPoint, { 'if-match': `"${assessment.lockVersion}"` }),
        payload: { changes: [{ itemId: '1a', comment: `a ${char} b` }] },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().detail).toBe(
        `body /changes/0/comment: contains the ${point === 'U+FFFF' ? 'noncharacter' : 'control character'} ${point} at character 3${point === 'U+FFFF' ? '' : '; only tab, line feed and carriage return are accepted'}`,
      );
    }
    expect((await getAssessment(db, assessment.id)).responses).toEqual({});
  });

  it('refuses a file that is not a workbook', async () => {
    const assessment = await createAssessment(db, { jurisdiction: '56', roundId }, null);
    const read = await readAssessmentWorkbook(SDG_10_7_2_V2019, assessment, Buffer.from('not a zip'));
    expect(read).toMatchObject({
      ok: false,
      problems: [{ reason: 'not-xlsx', message: expect.stringContaining('not an Excel workbook') }],
    });
  });
});
