/** Liveness, readiness and the OpenAPI document. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { typedObject } from '../public-data/public-answers.schema.ts';
import { appliedSchemaVersion, SCHEMA_VERSION } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { PUBLIC } from '../http/route-kit.ts';

/** GET /health, GET /ready, GET /api/v1/openapi.json. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: PUBLIC,
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: PUBLIC,
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and fully migrated',
        response: {
          200: z.object({
            status: z.literal('ready'),
            schemaVersion: z.string(),
            dialect: z.enum(['sqlite', 'postgres']),
          }),
        },
      },
    },
    async () => {
      let applied: string | undefined;
      try {
        applied = await appliedSchemaVersion(app.migov.db);
      } catch {
        throw new ApiError('not-ready', 'the database cannot be reached', {}, { 'retry-after': '5' });
      }
      if (applied !== SCHEMA_VERSION) {
        throw new ApiError(
          'not-ready',
          `the database schema is at ${applied ?? 'nothing'}; this server needs ${SCHEMA_VERSION} (run the migrations)`,
          {},
          { 'retry-after': '5' },
        );
      }
      return { status: 'ready' as const, schemaVersion: SCHEMA_VERSION, dialect: app.migov.db.dialect };
    },
  );

  app.get(
    '/api/v1/openapi.json',
    {
      config: PUBLIC,
      schema: {
        tags: ['health'],
        summary: 'This OpenAPI 3.1 document',
        hide: false,
        response: { 200: typedObject<string>('An OpenAPI 3.1 document (sent as prepared JSON)') },
      },
    },
    async (_request, reply) =>
      reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );
};
