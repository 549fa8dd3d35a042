/**
 * The 10.7.2 results of every country with their provenance (official, national, computed, demo), and
 * the official data snapshot they come from: the answers the observatory's pages are built on.
 * ETags and 304 on everything.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { containsDemo } from '@migov/core';
import { currentOfficialSnapshot } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { PUBLIC, yearParams } from '../http/route-kit.ts';
import { sendCached } from '../http/etag.ts';
import { pageQuerySchema, paginate } from '../http/pagination.ts';
import { countryResults, resultRounds, SDG_10_7_2, snapshotView } from '../public-data/results-service.ts';
import {
  areaResultsSchema,
  cachedAnswers,
  jsonAnswer,
  officialDataSchema,
  resultRoundsSchema,
  roundResultsSchema,
} from '../public-data/public-answers.schema.ts';

const instrumentQuery = z.object({
  instrument: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,59}$/, 'an instrument id')
    .default(SDG_10_7_2),
});

/** Results routes under /api/v1. */
export const resultsRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const cache = context.publicCache;

  app.get(
    '/official-data',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary: 'The official data snapshot shown (UN SDG Global Database): source, retrieval date, series and rows',
        response: cachedAnswers(officialDataSchema),
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        await cache.get('official-data', async () =>
          jsonAnswer(officialDataSchema, { snapshot: snapshotView(await currentOfficialSnapshot(context.db)) }),
        ),
      ),
  );

  app.get(
    '/results',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary:
          'Rounds with 10.7.2 results, counting countries by the provenance of the value shown (official, national, demo)',
        response: cachedAnswers(resultRoundsSchema),
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        await cache.get('results', async () => jsonAnswer(resultRoundsSchema, await resultRounds(context))),
      ),
  );

  app.get(
    '/results/:year',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary:
          "Every country's 10.7.2 results in a round: the value shown (official for rounds the UN published, else the national publication), the official and national values beside it, each with its provenance",
        params: yearParams,
        querystring: instrumentQuery.extend(pageQuerySchema.shape),
        response: cachedAnswers(roundResultsSchema),
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const { instrument, limit, offset } = request.query;
      const body = await cache.get(`results:${year}:${instrument}:${limit}:${offset}`, async () => {
        const results = await countryResults(context, { year, instrument });
        return jsonAnswer(roundResultsSchema, {
          year,
          instrument,
          snapshot: snapshotView(await currentOfficialSnapshot(context.db)),
          containsDemo: containsDemo(results),
          ...paginate(results, { limit, offset }),
        });
      });
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/areas/:code/results',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary: "A country's 10.7.2 results in every round, oldest first, each value with its provenance",
        params: z.object({ code: z.string().min(1).max(40) }),
        response: cachedAnswers(areaResultsSchema),
      },
    },
    async (request, reply) => {
      const area = context.geography.findArea(request.params.code);
      if (!area)
        throw new ApiError(
          'not-found',
          `no area ${request.params.code} (use an M49 code, ISO alpha-2/alpha-3 code or group id)`,
        );
      const body = await cache.get(`area-results:${area.code}`, async () => {
        const results = await countryResults(context, { area: area.code });
        return jsonAnswer(areaResultsSchema, {
          area: { code: area.code, name: area.name },
          snapshot: snapshotView(await currentOfficialSnapshot(context.db)),
          containsDemo: containsDemo(results),
          items: results,
        });
      });
      return sendCached(request, reply, body);
    },
  );
};
