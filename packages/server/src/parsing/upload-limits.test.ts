/**
 * Uploads that cost far more to parse than they weigh: zip bombs dressed as workbooks, data files of
 * millions of tiny rows, attributes or nesting levels. Every input is generated here from a seed.
 * The logic goes through the app (inject); responsiveness through the real server over loopback.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import {
  createAssessment,
  createRound,
  getAssessment,
  listObservations,
  saveResponses,
  type MigovDatabase,
} from '@migov/db';
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
import { seededRandom } from '@migov/core';
import { seededSdgApiCsv } from '../../../../test-support/seeded-files.ts';
import { DEFAULT_PARSING_LIMITS } from './limits.ts';
import { guardZip } from './zip-guard.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;
const LIMITS = {
  ...DEFAULT_PARSING_LIMITS,
  parseQueue: 1,
  maxInflatedBytes: 4 * MiB,
  maxCells: 5000,
  maxRows: 50_000,
  maxXmlAttributes: 20_000,
  maxXmlElements: 20_000,
  maxDepth: 32,
};

/** Worksheet XML of `cells` numeric cells in rows of ten, values from the seed. */
function sheetXml(cells: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const rows: string[] = [];
  for (let row = 0; row * 10 < cells; row += 1) {
    const line: string[] = [];
    for (let column = 0; column < 10 && row * 10 + column < cells; column += 1)
      line.push(`<c r="${String.fromCharCode(65 + column)}${row + 1}"><v>${Math.floor(random() * 1000)}</v></c>`);
    rows.push(`<row r="${row + 1}">${line.join('')}</row>`);
  }
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  );
}

/** The template with extra or replaced parts. */
function withParts(template: Uint8Array, parts: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = { ...unzipSync(template) };
  for (const [name, bytes] of Object.entries(parts)) entries[name] = [bytes, { level: 6 }];
  return zipSync(entries);
}

/** Make the zip lie: the named part declares `declared` inflated bytes in its local and central headers. */
function declareSize(zip: Uint8Array, name: string, declared: number): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  const encodedName = new TextEncoder().encode(name);
  const nameAt = (offset: number) => encodedName.every((byte, index) => bytes[offset + index] === byte);
  let patched = 0;
  for (let offset = 0; offset + 46 < bytes.length; offset += 1) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50 && view.getUint16(offset + 26, true) === encodedName.length && nameAt(offset + 30)) {
      view.setUint32(offset + 22, declared, true);
      patched += 1;
    } else if (
      signature === 0x02014b50 &&
      view.getUint16(offset + 28, true) === encodedName.length &&
      nameAt(offset + 46)
    ) {
      view.setUint32(offset + 24, declared, true);
      patched += 1;
    }
  }
  if (patched !== 2) throw new Error(`expected a local and a central header for ${name}, patched ${patched}`);
  return bytes;
}

describe('the zip guard (no app)', () => {
  it('refuses an entry that inflates past its declared size, whatever the central directory says', () => {
    const zip = declareSize(
      zipSync({ 'xl/worksheets/sheet1.xml': [new Uint8Array(2 * MiB).fill(0x20), { level: 6 }] }),
      'xl/worksheets/sheet1.xml',
      1000,
    );
    expect(() => guardZip(zip, LIMITS)).toThrow(/unpacks to more than the 1,000 bytes it declares/);
  });

  it('counts cells split across inflated chunks exactly once', () => {
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': [sheetXml(5000, 7), { level: 6 }] });
    expect(guardZip(zip, LIMITS)).toBeUndefined();
    expect(() => guardZip(zip, { ...LIMITS, maxCells: 4999 })).toThrow(/more than 4,999 cells/);
  });
});

describe.each(DIALECTS)('upload and import limits (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let focalPoint: SignedIn;
  let admin: SignedIn;
  let roundId = '';
  let template: Uint8Array;
  let assessmentId = '';

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, { config: { parsing: LIMITS } });
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
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    focalPoint = await signIn(app, 'fp@example.org');
    admin = await signIn(app, 'admin@example.org');
    const assessment = await createAssessment(db, { jurisdiction: '276', roundId }, null);
    assessmentId = assessment.id;
    await saveResponses(
      db,
      {
        assessmentId,
        expectedLockVersion: assessment.lockVersion,
        changes: [{ itemId: '1a', optionId: 'no', comment: 'kept' }],
      },
      null,
    );
    template = (
      await app.inject({ url: `/api/v1/assessments/${assessmentId}/workbook`, headers: { cookie: focalPoint.cookie } })
    ).rawPayload;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const upload = (bytes: Uint8Array) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/assessments/${assessmentId}/workbook`,
      headers: asUser(focalPoint, { 'content-type': XLSX }),
      payload: Buffer.from(bytes),
    });

  it.each([
    [
      'a part compressed far beyond any spreadsheet',
      () => withParts(template, { 'xl/media/padding.bin': new Uint8Array(2 * MiB) }),
      'compression-ratio',
    ],
    [
      'parts declaring more than the inflated bound',
      () =>
        withParts(template, {
          'xl/worksheets/sheet9.xml': sheetXml(4000, 1),
          'xl/media/a.bin': seededBytes(3 * MiB, 2),
          'xl/media/b.bin': seededBytes(2 * MiB, 3),
        }),
      'inflated-bytes',
    ],
    [
      'a part whose declared size lies',
      () =>
        declareSize(
          withParts(template, { 'xl/worksheets/sheet9.xml': new Uint8Array(6 * MiB).fill(0x20) }),
          'xl/worksheets/sheet9.xml',
          900,
        ),
      'inflated-bytes',
    ],
    [
      'more cells than the bound',
      () => withParts(template, { 'xl/worksheets/sheet9.xml': sheetXml(6000, 4) }),
      'cells',
    ],
    [
      'more parts than the bound',
      () =>
        withParts(
          template,
          Object.fromEntries(
            Array.from({ length: 250 }, (_, index) => [`xl/media/p${index}.bin`, new Uint8Array([index & 0xff])]),
          ),
        ),
      'zip-entries',
    ],
  ])('refuses a workbook with %s: 413 naming the limit, nothing changed', async (_case, make, limit) => {
    const before = await getAssessment(db, assessmentId);
    const response = await upload(make());
    expect(response.statusCode, response.body).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'upload-limit-exceeded',
      limit,
      max: expect.any(Number),
      setting: expect.stringMatching(/^MIGOV_/),
    });
    expect(response.json().detail).toMatch(/^the (workbook|part) .*; nothing was changed$/);
    expect(response.json().detail).toMatch(/limit|declares/);
    expect(await getAssessment(db, assessmentId)).toEqual(before);
  });

  it('still accepts the template itself', async () => {
    const response = await upload(template);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ changed: 0 });
  });

  const importFile = (name: string, payload: string, contentType = 'text/csv') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports?name=${encodeURIComponent(name)}`,
      headers: asUser(admin, { 'content-type': contentType }),
      payload,
    });

  it.each([
    ['rows.csv', () => seededSdgApiCsv(LIMITS.maxRows + 1, 5), 'text/csv', 'rows'],
    ['tiny-rows.csv', () => 'a\n'.repeat(LIMITS.maxRows + 10), 'text/csv', 'rows'],
    [
      'attributes.xml',
      () =>
        `<?xml version="1.0"?><message:StructureSpecificData xmlns:message="x"><DataSet ${Array.from({ length: LIMITS.maxXmlAttributes + 1 }, (_, index) => `a${index}="${index % 7}"`).join(' ')}/></message:StructureSpecificData>`,
      'application/xml',
      'xml-attributes',
    ],
    [
      'elements.xml',
      () => `<root>${'<o/>'.repeat(LIMITS.maxXmlElements + 1)}</root>`,
      'application/xml',
      'xml-elements',
    ],
    [
      'deep.xml',
      () => `${'<a>'.repeat(LIMITS.maxDepth + 1)}${'</a>'.repeat(LIMITS.maxDepth + 1)}`,
      'application/xml',
      'depth',
    ],
    [
      'deep.json',
      () =>
        `{"format":"migov-observations","version":1,"observations":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`,
      'application/json',
      'depth',
    ],
    [
      'many.json',
      () =>
        JSON.stringify({
          format: 'migov-observations',
          version: 1,
          observations: Array.from({ length: LIMITS.maxRows + 1 }, () => ({})),
        }),
      'application/json',
      'rows',
    ],
  ])(
    'refuses the import %s: 413 naming the file and the limit, nothing imported',
    async (name, make, contentType, limit) => {
      const response = await importFile(name, make(), contentType);
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json()).toMatchObject({
        code: 'upload-limit-exceeded',
        file: name,
        limit,
        setting: expect.stringMatching(/^MIGOV_/),
      });
      expect(response.json().detail).toContain(name);
      expect(await listObservations(db, { series: 'SG_CPA_MIGRS' })).toEqual([]);
    },
  );

  it('answers 503 parser-busy with Retry-After once the queue is full, and 413 parse-memory when a thread runs out of heap', async () => {
    // The app's one parsing thread is warm from the tests above; its queue holds one upload.
    const post = (name: string, payload: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/imports?name=${name}`,
        headers: asUser(admin, { 'content-type': 'text/csv' }),
        payload,
      });
    const big = seededSdgApiCsv(20_000, 12);
    const answers = await Promise.all([post('one.csv', big), post('two.csv', big), post('three.csv', big)]);
    // One parses, one waits, the third finds the queue full.
    // Which of the three arrives last is the scheduler's choice, not the server's.
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([422, 422, 503]);
    const busy = answers.find((answer) => answer.statusCode === 503)!;
    expect(busy.json()).toMatchObject({ code: 'parser-busy', retryAfter: expect.any(Number) });
    expect(busy.headers['retry-after']).toMatch(/^\d+$/);
    expect((await post('after.csv', seededSdgApiCsv(10, 13))).json().code).toBe('invalid-import');
    // A thread that runs out of its heap is stopped: the upload is refused, the server lives on.
    const starved = await createTestApp(db, { config: { parsing: { ...LIMITS, parseMemoryMb: 16 } } });
    try {
      const session = await signIn(starved, 'admin@example.org');
      const refused = await starved.inject({
        method: 'POST',
        url: '/api/v1/imports?name=any.csv',
        headers: asUser(session, { 'content-type': 'text/csv' }),
        payload: seededSdgApiCsv(20_000, 14),
      });
      expect(refused.statusCode, refused.body).toBe(413);
      expect(refused.json()).toMatchObject({
        code: 'upload-limit-exceeded',
        limit: 'parse-memory',
        max: 16,
        setting: 'MIGOV_PARSE_MEMORY_MB',
      });
    } finally {
      await starved.close();
    }
  });

  it('stops a parse past the time limit and keeps answering /health over loopback meanwhile', async () => {
    const slow = await createTestApp(db, { config: { parsing: { ...LIMITS, maxRows: 200_000, parseTimeoutMs: 250 } } });
    await slow.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(slow.server.address() as AddressInfo).port}`;
      const session = await signIn(slow, 'admin@example.org');
      // Warm the parsing thread so that the measured time is the parse, not the thread's start.
      await fetch(`${base}/api/v1/imports?name=warm.csv`, {
        method: 'POST',
        headers: asUser(session, { 'content-type': 'text/csv' }),
        body: seededSdgApiCsv(10, 9),
      });
      let done = false;
      const started = Date.now();
      const importing = fetch(`${base}/api/v1/imports?name=slow.csv`, {
        method: 'POST',
        headers: asUser(session, { 'content-type': 'text/csv' }),
        body: seededSdgApiCsv(80_000, 6),
      }).then(async (response) => {
        done = true;
        return {
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
          ms: Date.now() - started,
        };
      });
      const healthLatencies: number[] = [];
      while (!done && Date.now() - started < 30_000) {
        const sent = Date.now();
        const health = await fetch(`${base}/health`);
        expect(health.status).toBe(200);
        if (!done) healthLatencies.push(Date.now() - sent);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const result = await importing;
      expect(result.status, JSON.stringify(result.body)).toBe(413);
      expect(result.body).toMatchObject({
        code: 'upload-limit-exceeded',
        limit: 'parse-time',
        file: 'slow.csv',
        setting: 'MIGOV_PARSE_TIMEOUT_MS',
      });
      // Parsed on the request thread, /health would wait for the whole parse: no answer would come in between.
      // (Three, not more: on a loaded machine each round trip and its 50 ms pause take longer.)
      expect(healthLatencies.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...healthLatencies)).toBeLessThan(1000);
      // The replaced thread parses the next file.
      const next = await fetch(`${base}/api/v1/imports?name=after.csv`, {
        method: 'POST',
        headers: asUser(session, { 'content-type': 'text/csv' }),
        body: 'not,a,known,header\n1,2,3,4\n',
      });
      expect(next.status).toBe(422);
    } finally {
      await slow.close();
    }
  });
});

/** Incompressible bytes from the seed. */
function seededBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = Math.floor(random() * 256);
  return bytes;
}
