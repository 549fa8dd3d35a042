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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));

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
