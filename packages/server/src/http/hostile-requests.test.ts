/**
 * Hostile requests against the real server over loopback, on both dialects: every public GET route
 * with hostile query strings (control characters, invalid UTF-8 escapes, huge and repeated values),
 * twice each so the remembered-answer path is taken too; framework errors; text no database can
 * store. The process must keep serving, and every refusal must be problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019 } from '@migov/core';
import {
  createAssessment,
  createRound,
  getAssessment,
  saveResponses,
  transitionAssessment,
  type MigovDatabase,
} from '@migov/db';
import { createApp, type MigovApp } from '../app.ts';
import { createTestDatabase, createTestUser, DIALECTS, signIn, asUser, type SignedIn } from '../testing/test-app.ts';
import { rawGet, rawRequest, silentLog, type RawAnswer } from '../testing/raw-http.ts';
import { expectWellFormed, HOSTILE_QUERIES, publicGetPaths } from '../testing/hostile-input.ts';

const header = (answer: RawAnswer, name: string) => answer.headers[name]?.[0];

describe.each(DIALECTS)('hostile requests over loopback (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let port = 0;
  let coordinator: SignedIn;
  let assessmentId = '';

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    // Request logs off: remembered answers go out before the framework (the path that ended the process).
    app = await createApp({ db, logger: { level: 'warn', stream: silentLog() } });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
    const admin = await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    const round = await createRound(db, {
      year: 2019,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2019-01-01',
      closesOn: '2019-12-31',
    });
    let assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, null);
    const changes = SDG_10_7_2_V2019.domains.flatMap((domain) =>
      domain.items.map((item) => ({ itemId: item.id, optionId: SDG_10_7_2_V2019.scales[item.scale]![0]!.id })),
    );
    assessment = await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
      null,
    );
    for (const action of ['submit', 'validate', 'publish'] as const) {
      assessment = await transitionAssessment(
        db,
        { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, action },
        admin.id,
      );
    }
    assessmentId = (await createAssessment(db, { jurisdiction: '32', roundId: round.id }, null)).id;
    coordinator = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers hostile query strings on every public GET route, twice, and keeps serving', async () => {
    const paths = publicGetPaths(app);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/downloads/2019/csv',
        '/api/v1/published/2019',
        '/api/v1/aggregates/2019',
        '/health',
      ]),
    );
    // Every query on every route, twice each (the second is answered from memory when the first was
    // a success), by 16 clients at once.
    const targets = paths.flatMap((path) =>
      HOSTILE_QUERIES.map((query) =>
        Buffer.concat([Buffer.from(`${path}?`), Buffer.isBuffer(query) ? query : Buffer.from(query)]),
      ),
    );
    let next = 0;
    const client = async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        for (let attempt = 0; attempt < 2; attempt += 1)
          expectWellFormed(
            await rawGet(port, target),
            `GET ${target.toString('latin1').slice(0, 100)} (#${attempt + 1})`,
          );
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    expect((await rawGet(port, '/health')).status).toBe(200);
  }, 90_000);

  it('names a download with one encoded file name, and refuses an instrument id that is not one', async () => {
    const ok = await rawGet(port, '/api/v1/downloads/2019/csv?instrument=sdg-10-7-2');
    expect(ok.status).toBe(200);
    expect(header(ok, 'content-disposition')).toBe('attachment; filename=migov-sdg-10-7-2-2019.csv');
    for (const instrument of ['a%01b', 'x%22%3B%20filename%3D%22evil.html', 'A', '-x', 'sdg_10']) {
      const refused = await rawGet(port, `/api/v1/downloads/2019/csv?instrument=${instrument}`);
      expect(refused.status, instrument).toBe(400);
      // A control character is refused by the text guard (location query), the rest by the route's schema (querystring).
      expect(JSON.parse(refused.body.toString())).toMatchObject({
        code: 'validation-failed',
        problems: [{ location: instrument === 'a%01b' ? 'query' : 'querystring', path: '/instrument' }],
      });
    }
  });

  it('answers every error the framework raises as problem+json', async () => {
    const problem = (answer: RawAnswer) => {
      expect(header(answer, 'content-type')).toBe('application/problem+json; charset=utf-8');
      return JSON.parse(answer.body.toString()) as { code: string; status: number };
    };
    expect(problem(await rawGet(port, '/api/v1/%E0%A4%A'))).toMatchObject({ code: 'malformed-request', status: 400 });
    expect(problem(await rawGet(port, '/api/v1/no-such-route'))).toMatchObject({
      code: 'route-not-found',
      status: 404,
    });
    const post = (contentType: string, body: string | Buffer) =>
      rawRequest(
        port,
        `POST /api/v1/assessments/${assessmentId}/comments HTTP/1.1\r\nHost: x\r\nConnection: close\r\ncookie: ${coordinator.cookie}\r\nx-csrf-token: ${coordinator.csrfToken}\r\ncontent-type: ${contentType}\r\ncontent-length: ${Buffer.byteLength(body)}`,
        Buffer.from(body),
      );
    expect(problem(await post('application/json', '{"body": '))).toMatchObject({
      code: 'malformed-request',
      status: 400,
    });
    expect(problem(await post('application/x-unknown', 'x'))).toMatchObject({
      code: 'unsupported-media-type',
      status: 415,
    });
    expect(problem(await post('application/json', `{"body":"${'x'.repeat(11 * 1024 * 1024)}"}`))).toMatchObject({
      code: 'payload-too-large',
      status: 413,
    });
    // Errors of the HTTP parser itself, before any request object exists.
    expect(problem(await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: 1'))).toMatchObject({
      code: 'malformed-request',
      status: 400,
    });
    expect(
      problem(await rawRequest(port, Buffer.from('GET /health?\x01 HTTP/1.1\r\nHost: x', 'latin1'))),
    ).toMatchObject({ code: 'malformed-request', status: 400 });
    expect(
      problem(await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}`)),
    ).toMatchObject({ code: 'headers-too-large', status: 431 });
    expect(problem(await rawGet(port, `/api/v1/areas/${'9'.repeat(200)}`))).toMatchObject({
      status: expect.any(Number),
    });
    expect((await rawGet(port, '/health')).status).toBe(200);
  });

  it('refuses NUL and lone surrogates in JSON, query strings and multipart parts with 400, and stores nothing', async () => {
    const before = await getAssessment(db, assessmentId);
    const json = (path: string, method: string, body: string, extra: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { ...asUser(coordinator), 'content-type': 'application/json', ...extra },
        body,
      });
    for (const text of ['\\ud800', 'a\\udc00b', 'x\\u0000']) {
      const saved = await json(
        `/api/v1/assessments/${assessmentId}/responses`,
        'PATCH',
        `{"changes":[{"itemId":"1a","optionId":"no","comment":"${text}"}]}`,
        { 'if-match': `"${before.lockVersion}"` },
      );
      expect(saved.status, text).toBe(400);
      expect(saved.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await saved.json()).toMatchObject({
        code: 'validation-failed',
        problems: [{ location: 'body', path: '/changes/0/comment' }],
      });
      const commented = await json(`/api/v1/assessments/${assessmentId}/comments`, 'POST', `{"body":"${text}"}`);
      expect(commented.status, text).toBe(400);
      const keyed = await json(`/api/v1/assessments/${assessmentId}/comments`, 'POST', `{"body":"ok","${text}":1}`);
      expect(keyed.status, text).toBe(400);
    }
    const searched = await fetch(`http://127.0.0.1:${port}/api/v1/areas?kind=%00`);
    expect(searched.status).toBe(400);

    const upload = async (title: string, filename: string) => {
      const boundary = 'migov-boundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n1a\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n`,
        ),
        Buffer.from(title, 'utf8'),
        Buffer.from(
          `\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${filename}\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
        ),
      ]);
      return fetch(`http://127.0.0.1:${port}/api/v1/assessments/${assessmentId}/evidence`, {
        method: 'POST',
        headers: { ...asUser(coordinator), 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
    };
    const nulTitle = await upload('law\u0000', 'law.pdf');
    expect(nulTitle.status).toBe(400);
    expect(await nulTitle.json()).toMatchObject({
      code: 'validation-failed',
      problems: [{ location: 'multipart', path: '/title' }],
    });
    const nulName = await upload('Law', 'law%00.pdf');
    expect(nulName.status).toBe(400);
    expect(await nulName.json()).toMatchObject({ problems: [{ location: 'multipart', path: '/file/filename' }] });
    expect((await upload('Law', 'law.pdf')).status).toBe(201);
    const boundary = 'migov-two-files';
    const file = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n`;
    const twoFiles = await fetch(`http://127.0.0.1:${port}/api/v1/assessments/${assessmentId}/evidence`, {
      method: 'POST',
      headers: { ...asUser(coordinator), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n1a\r\n${file('file')}${file('second')}--${boundary}--\r\n`,
    });
    expect(twoFiles.status).toBe(413);
    expect(await twoFiles.json()).toMatchObject({ code: 'payload-too-large' });

    const after = await getAssessment(db, assessmentId);
    expect(after.lockVersion).toBe(before.lockVersion);
    const comments = await fetch(`http://127.0.0.1:${port}/api/v1/assessments/${assessmentId}/comments`, {
      headers: asUser(coordinator),
    });
    expect(((await comments.json()) as { items: unknown[] }).items).toEqual([]);
  });
  it('takes only http(s) links, for an MGI publication as for evidence, and stores nothing else', async () => {
    const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        method: 'POST',
        headers: { ...asUser(coordinator), 'content-type': 'application/json', ...extra },
        body: JSON.stringify(body),
      });
    const launched = await post('/mgi/assessments', { jurisdiction: '484', year: 2019 });
    expect(launched.status).toBe(201);
    const mgi = (await launched.json()) as { id: string; lockVersion: number };
    for (const url of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ]) {
      const published = await post(
        `/mgi/assessments/${mgi.id}/actions`,
        { type: 'publish', url },
        { 'if-match': `"${mgi.lockVersion}"` },
      );
      expect(published.status, url).toBe(400);
      expect(await published.json()).toMatchObject({
        code: 'validation-failed',
        problems: [expect.objectContaining({ path: '/url' })],
      });
      const linked = await post(`/assessments/${assessmentId}/evidence-links`, { itemId: '1a', title: 'Page', url });
      expect(linked.status, url).toBe(400);
    }
    expect(
      (
        await post(`/assessments/${assessmentId}/evidence-links`, {
          itemId: '1a',
          title: 'Page',
          url: 'https://example.org/law',
        })
      ).status,
    ).toBe(201);
    const evidence = await fetch(`http://127.0.0.1:${port}/api/v1/assessments/${assessmentId}/evidence`, {
      headers: asUser(coordinator),
    });
    expect(
      ((await evidence.json()) as { items: { url?: string }[] }).items
        .filter((item) => item.url)
        .map((item) => item.url),
    ).toEqual(['https://example.org/law']);
  });
});

describe('hostile query strings while request logs are on (remembered answers sent from a hook)', () => {
  let drop: () => Promise<void>;
  let app: MigovApp;
  let port = 0;

  beforeAll(async () => {
    let db: MigovDatabase;
    ({ db, drop } = await createTestDatabase('sqlite'));
    app = await createApp({ db, logger: { level: 'info', stream: silentLog() } });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers the download and published routes with hostile queries, twice, and keeps serving', async () => {
    for (const path of [
      '/api/v1/downloads/2019/csv',
      '/api/v1/downloads/2019/sdmx-ml',
      '/api/v1/published/2019',
      '/api/v1/aggregates/2019',
    ]) {
      for (const query of HOSTILE_QUERIES) {
        const target = Buffer.concat([Buffer.from(`${path}?`), Buffer.isBuffer(query) ? query : Buffer.from(query)]);
        for (let attempt = 0; attempt < 2; attempt += 1)
          expectWellFormed(
            await rawGet(port, target),
            `GET ${target.toString('latin1').slice(0, 100)} (#${attempt + 1})`,
          );
      }
    }
    expect(app.migov.publicCache.directAnswers).toBe(0);
    expect((await rawGet(port, '/health')).status).toBe(200);
  });
});
