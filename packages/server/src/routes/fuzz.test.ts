/**
 * Property-based fuzzing of every route, from its schema: random path parameters, query values and
 * bodies (shaped like the schema's keys, filled with hostile values) as the public and as an
 * administrator. No answer may be a 5xx, and no body may carry a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { SDG_10_7_2_V2019 } from '@migov/core';
import {
  createApiToken,
  createAssessment,
  createRound,
  saveResponses,
  transitionAssessment,
  type MigovDatabase,
} from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createSecret, hashSecret } from '../auth/tokens.ts';
import { createTestApp, createTestDatabase, createTestUser, DIALECTS } from '../testing/test-app.ts';

const SEED = 20261127;
const RUNS_PER_ROUTE = 12;

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    '../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '=HYPERLINK("x")',
    '484',
    '2019',
    '419',
    'sdg-10-7-2',
    'csv',
    'xlsx',
    '\u0000',
    'ü'.repeat(300),
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

function keysOf(schema: unknown): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function objectFor(schema: unknown): fc.Arbitrary<Record<string, unknown>> {
  const keys = keysOf(schema);
  if (keys.length === 0) return fc.dictionary(hostileString, hostileValue, { maxKeys: 3 });
  return fc.record(Object.fromEntries(keys.map((key) => [key, hostileValue])), { requiredKeys: [] });
}

const STACK = /\bat .+\.(ts|js):\d+|"stack"|node_modules/;

describe.each(DIALECTS)('fuzzing every route from its schema (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let token = '';

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, { config: { signInPerIpPerMinute: 100_000 } });
    const admin = await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    token = createSecret('mgv_');
    await createApiToken(db, { userId: admin.id, name: 'fuzz', tokenHash: hashSecret(token) });
    const round = await createRound(db, {
      year: 2019,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2019-01-01',
      closesOn: '2019-12-31',
    });
    // A published assessment, so the public data routes have something to compute from.
    let assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, null);
    const items = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));
    assessment = await saveResponses(
      db,
      {
        assessmentId: assessment.id,
        expectedLockVersion: assessment.lockVersion,
        changes: items.map((itemId) => ({ itemId, optionId: 'no' })),
      },
      null,
    );
    for (const action of ['submit', 'validate', 'publish'] as const) {
      assessment = await transitionAssessment(
        db,
        { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, action },
        null,
      );
    }
    await createAssessment(db, { jurisdiction: '250', roundId: round.id }, null);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('never answers 5xx nor shows a stack trace', async () => {
    const failures: string[] = [];
    const routes = app.routesWithAccess.filter((route) => !route.url.startsWith('/api/v1/docs'));
    for (const [index, route] of routes.entries()) {
      const schema = (route.schema ?? {}) as { params?: unknown; querystring?: unknown; body?: unknown };
      const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            params: fc.tuple(...paramNames.map(() => hostileString)),
            query: objectFor(schema.querystring),
            body: fc.oneof(objectFor(schema.body), hostileValue),
            asAdmin: fc.boolean(),
            ifMatch: fc.option(hostileString),
          }),
          async ({ params, query, body, asAdmin, ifMatch }) => {
            let path = route.url;
            paramNames.forEach(
              (name, position) =>
                (path = path.replace(`:${name}`, encodeURIComponent(String(params[position])) || 'x')),
            );
            path = path.replace('*', 'x');
            const search = new URLSearchParams(
              Object.entries(query).map(
                ([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)] as [string, string],
              ),
            ).toString();
            const headers: Record<string, string> = {};
            if (asAdmin) headers.authorization = `Bearer ${token}`;
            if (ifMatch !== null) headers['if-match'] = ifMatch.replace(/[^\x20-\x7e]/g, '');
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            const response = await app.inject({
              method: route.method as 'GET',
              url: search ? `${path}?${search}` : path,
              headers,
              ...(hasBody
                ? { payload: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } }
                : {}),
            });
            if (response.statusCode >= 500 || STACK.test(response.body)) {
              failures.push(
                `${response.statusCode} ${route.method} ${path}?${search} ${JSON.stringify(body).slice(0, 200)} -> ${response.body.slice(0, 300)}`,
              );
            }
          },
        ),
        { seed: SEED + index, numRuns: RUNS_PER_ROUTE },
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
