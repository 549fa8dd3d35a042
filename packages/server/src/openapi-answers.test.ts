/**
 * The OpenAPI document of a fresh server documents every answer: no operation answers with an empty
 * schema (`{}`, or only a description), and every operation lists its problem+json error answers
 * (the default, 400 where it takes input, 401 and 403 where it needs a signed-in caller, 404 where
 * its path names an object). The operations come from the document itself, so a new route is
 * checked as soon as it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, createRound, saveResponses, type MigovDatabase } from '@migov/db';
import type { MigovApp } from './app.ts';
import { createTestApp, createTestDatabase, createTestUser, signIn } from './testing/test-app.ts';

interface Operation {
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

/** Keys that describe a schema without constraining it. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);

function isEmpty(schema: Record<string, unknown> | undefined): boolean {
  return schema === undefined || Object.keys(schema).every((key) => ANNOTATIONS.has(key));
}

const PROBLEM_REF = '#/components/schemas/Problem';

describe('the OpenAPI document of a fresh server', () => {
  let app: MigovApp;
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let operations: [string, Operation][];

  beforeAll(async () => {
    const database = await createTestDatabase('sqlite');
    drop = database.drop;
    db = database.db;
    app = await createTestApp(db);
    const document = (await app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        operation,
      ]),
    );
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('lists the operations', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('documents every answer with a schema that says something', () => {
    const empty = operations.flatMap(([name, operation]) =>
      Object.entries(operation.responses ?? {}).flatMap(([status, answer]) =>
        Object.entries(answer.content ?? {})
          .filter(([, media]) => isEmpty(media.schema))
          .map(([mediaType]) => `${name} ${status} ${mediaType}`),
      ),
    );
    expect(empty).toEqual([]);
  });

  it('gives every operation a success answer', () => {
    const without = operations
      .filter(([, operation]) => !Object.keys(operation.responses ?? {}).some((status) => /^[23]/.test(status)))
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('documents the error answers of every operation as problem+json', () => {
    const missing = operations.flatMap(([name, operation]) => {
      const responses = operation.responses ?? {};
      const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      const expected = [
        'default',
        ...(takesInput || !name.startsWith('GET ') ? ['400'] : []),
        ...(operation.security ? ['401', '403'] : []),
        ...(name.includes('{') ? ['404'] : []),
      ];
      const errors = Object.keys(responses).filter((status) => status === 'default' || /^[45]/.test(status));
      return [
        ...expected.filter((status) => !responses[status]).map((status) => `${name} has no ${status} answer`),
        ...errors
          .filter((status) => responses[status]?.content?.['application/problem+json']?.schema?.$ref !== PROBLEM_REF)
          .map((status) => `${name} ${status} is not a Problem`),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('answers an unknown object with the problem its schema documents', async () => {
    const response = await app.inject('/api/v1/areas/nowhere');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('keeps the answered-item count the database computes in the assessment list', async () => {
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    const round = await createRound(db, {
      year: 2023,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2023-01-01',
      closesOn: '2100-12-31',
    });
    const assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, null);
    await saveResponses(
      db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: [{ itemId: '1a', optionId: 'yes-regardless' }],
      },
      null,
    );
    const session = await signIn(app, 'admin@example.org');
    const list = await app.inject({ url: '/api/v1/assessments', headers: { cookie: session.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([{ id: assessment.id, answeredItems: 1 }]);
  });
});
