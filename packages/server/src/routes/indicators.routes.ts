/**
 * The migration-related SDG indicators: the catalogue, stored datasets, chart-ready series and a
 * country's indicators (public, with ETags), and imports of dataset files (administrators and global
 * analysts; all or nothing; dry run).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chartSeries,
  chartSeriesOptionsSchema,
  currentTitle,
  findIndicator,
  listIndicators,
  readIndicatorDatasets,
  summariseDataset,
  type ChartSeriesOptions,
  type IndicatorDefinition,
} from '@migov/core';
import {
  findIndicatorDataset,
  importIndicatorDatasets,
  listAreaIndicatorDatasets,
  listIndicatorDatasets,
  recordAudit,
} from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { sendCached } from '../http/etag.ts';
import { cachedAnswers, jsonAnswer, typedObject } from '../public-data/public-answers.schema.ts';
import { needs, PUBLIC, requirePrincipal } from '../http/route-kit.ts';

type DatasetSummary = Awaited<ReturnType<typeof listIndicatorDatasets>>[number];
type AreaDataset = Omit<Awaited<ReturnType<typeof listAreaIndicatorDatasets>>[number], 'dataset'>;
export const chartSchema = typedObject<ReturnType<typeof chartSeries>>(
  'Chart-ready lines of a dataset: one per area and disaggregation, with the title versions in force',
  'IndicatorChart',
);
export const indicatorSummarySchema = typedObject<ReturnType<typeof indicatorSummary>>(
  'An indicator of the catalogue: id, goal, target, current title, custodians, tier, relevance, stored datasets',
  'IndicatorSummary',
);
const indicatorListSchema = z.object({ items: z.array(indicatorSummarySchema) });
export const indicatorSchema = typedObject<IndicatorDefinition & { datasets: DatasetSummary[] }>(
  'One indicator: title versions, custodians, tier, definition, series, and its stored datasets',
  'Indicator',
);
export const areaIndicatorsSchema = z.object({
  area: z.object({ code: z.string(), name: z.string() }),
  containsDemo: z.boolean(),
  items: z.array(
    typedObject<AreaDataset & { observationCount: number; chart: ReturnType<typeof chartSeries> }>(
      'A dataset with values for the area, with its chart lines for the area',
      'AreaIndicatorDataset',
    ),
  ),
});
const importAnswerFields = {
  format: z.string().describe('The format read'),
  datasets: z.array(
    typedObject<Extract<Awaited<ReturnType<typeof importIndicatorDatasets>>, { ok: true }>['datasets'][number]>(
      'A dataset the import added to or replaced in',
    ),
  ),
  added: z.number().int(),
  replaced: z.number().int(),
};
const DATA_TYPES = [
  'text/csv',
  'text/plain',
  'application/xml',
  'text/xml',
  'application/octet-stream',
  'application/vnd.sdmx.structurespecificdata+xml',
  'application/vnd.sdmx.genericdata+xml',
];

function indicatorSummary(indicator: IndicatorDefinition, datasets: number) {
  return {
    id: indicator.id,
    goal: indicator.goal,
    target: indicator.target,
    title: currentTitle(indicator),
    custodians: indicator.custodians,
    tier: indicator.tier,
    migrationRelevance: indicator.migrationRelevance,
    datasets,
  };
}

const listText = z.string().max(2_000).optional();

/** Chart options from the query: `areas=4,50`, `from=2015`, `to=2020`, `where=SEX:F,M;AGE:_T`. */
export function parseChartQuery(query: {
  areas?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  where?: string | undefined;
}): ChartSeriesOptions {
  const options: Record<string, unknown> = {};
  if (query.areas) options.areas = query.areas.split(',').map((area) => area.trim().replace(/^0+(?=\d)/, ''));
  if (query.from !== undefined || query.to !== undefined)
    options.years = {
      ...(query.from !== undefined ? { min: query.from } : {}),
      ...(query.to !== undefined ? { max: query.to } : {}),
    };
  if (query.where) {
    const where: Record<string, string[]> = {};
    for (const clause of query.where.split(';')) {
      const [dimension, codes] = clause.split(':');
      if (!dimension || codes === undefined || codes === '')
        throw new ApiError('invalid-input', `where: ${JSON.stringify(clause)} is not DIMENSION:CODE[,CODE…]`, {
          problems: [{ field: 'where', value: clause, message: 'expected DIMENSION:CODE[,CODE…]' }],
        });
      where[dimension.trim()] = codes.split(',').map((code) => code.trim());
    }
    options.where = where;
  }
  const parsed = chartSeriesOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || 'query',
      message: issue.message,
    }));
    throw new ApiError(
      'invalid-input',
      `chart options: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`,
      { problems },
    );
  }
  return parsed.data;
}

/** Indicator routes under /api/v1. */
export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const cache = context.publicCache;
  app.addContentTypeParser(
    DATA_TYPES,
    { parseAs: 'buffer', bodyLimit: context.config.maxUploadBytes },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/indicators',
    {
      config: PUBLIC,
      schema: {
        tags: ['indicators'],
        summary: 'The catalogue of migration-related SDG indicators, with the number of stored datasets of each',
        response: cachedAnswers(indicatorListSchema),
      },
    },
    async (request, reply) => {
      const body = await cache.get('indicators', async () => {
        const datasets = await listIndicatorDatasets(context.db);
        return jsonAnswer(indicatorListSchema, {
          items: listIndicators().map((indicator) =>
            indicatorSummary(indicator, datasets.filter((dataset) => dataset.indicator === indicator.id).length),
          ),
        });
      });
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/indicators/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['indicators'],
        summary: 'One indicator: title versions, custodians, tier, definition, series, and its stored datasets',
        params: z.object({ id: z.string().min(1).max(40) }),
        response: cachedAnswers(indicatorSchema),
      },
    },
    async (request, reply) => {
      const indicator = findIndicator(request.params.id);
      if (!indicator)
        throw new ApiError('not-found', `no indicator ${request.params.id} in the catalogue (see /indicators)`);
      const body = await cache.get(`indicator:${indicator.id}`, async () =>
        jsonAnswer(indicatorSchema, {
          ...indicator,
          datasets: await listIndicatorDatasets(context.db, { indicator: indicator.id }),
        }),
      );
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/indicators/:id/datasets/:datasetId/chart',
    {
      config: PUBLIC,
      schema: {
        tags: ['indicators'],
        summary: 'Chart-ready lines of a dataset: one per area and disaggregation, with the title versions in force',
        params: z.object({ id: z.string().min(1).max(40), datasetId: z.string().min(1).max(60) }),
        querystring: z.object({
          areas: listText.describe('Comma-separated M49 codes'),
          from: z.coerce.number().int().min(1900).max(2100).optional(),
          to: z.coerce.number().int().min(1900).max(2100).optional(),
          where: listText.describe(
            'Dimension codes to keep: DIMENSION:CODE[,CODE…] separated by ";", e.g. SEX:F,M;AGE:_T',
          ),
        }),
        response: cachedAnswers(chartSchema),
      },
    },
    async (request, reply) => {
      const indicator = findIndicator(request.params.id);
      if (!indicator)
        throw new ApiError('not-found', `no indicator ${request.params.id} in the catalogue (see /indicators)`);
      const options = parseChartQuery(request.query);
      const { datasetId } = request.params;
      const body = await cache.get(
        `indicator-chart:${indicator.id}:${datasetId}:${JSON.stringify(options)}`,
        async () => {
          const stored = await findIndicatorDataset(context.db, datasetId);
          if (!stored || stored.indicator !== indicator.id)
            throw new ApiError('not-found', `no dataset ${datasetId} of indicator ${indicator.id}`);
          return jsonAnswer(chartSchema, chartSeries(stored.dataset, options));
        },
      );
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/areas/:code/indicators',
    {
      config: PUBLIC,
      schema: {
        tags: ['indicators'],
        summary:
          "A country's values of the migration-related indicators: each stored dataset with its chart lines for the country",
        params: z.object({ code: z.string().min(1).max(40) }),
        response: cachedAnswers(areaIndicatorsSchema),
      },
    },
    async (request, reply) => {
      const area = context.geography.findArea(request.params.code);
      if (!area)
        throw new ApiError(
          'not-found',
          `no area ${request.params.code} (use an M49 code, ISO alpha-2/alpha-3 code or group id)`,
        );
      const body = await cache.get(`area-indicators:${area.code}`, async () => {
        const datasets = await listAreaIndicatorDatasets(context.db, area.code);
        return jsonAnswer(areaIndicatorsSchema, {
          area: { code: area.code, name: area.name },
          containsDemo: datasets.some((entry) => entry.demo),
          items: datasets.map(({ dataset, ...summary }) => ({
            ...summary,
            observationCount: dataset.observations.length,
            chart: chartSeries(dataset, { areas: [area.code] }),
          })),
        });
      });
      return sendCached(request, reply, body);
    },
  );

  app.post(
    '/indicators/imports',
    {
      config: needs('indicator:import', 'global'),
      schema: {
        tags: ['indicators'],
        summary:
          'Import an indicator dataset file (SDG API CSV, SDMX-CSV, SDMX-ML, plain CSV): merged into the stored datasets, all or nothing; dryRun=true only checks',
        description:
          'Send the file as the body (text/csv, application/xml or application/octet-stream). Problems and conflicting values come back as problem+json with every row.',
        querystring: z.object({
          name: z.string().trim().min(1).max(200).default('upload'),
          dryRun: z.enum(['true', 'false']).default('false'),
          onConflict: z.enum(['refuse', 'replace']).default('refuse'),
          indicator: z.string().max(20).optional(),
          series: z.string().max(60).optional(),
          unit: z.string().max(60).optional(),
          area: z.string().max(3).optional(),
        }),
        response: {
          200: z
            .object({
              dryRun: z.literal(true),
              ...importAnswerFields,
              read: z.array(typedObject<ReturnType<typeof summariseDataset>>('A dataset as read from the file')),
            })
            .describe('dryRun=true: what the import would do; nothing was stored'),
          201: z.object({ dryRun: z.literal(false), ...importAnswerFields }).describe('Imported'),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { name, dryRun, onConflict, indicator, series, unit, area } = request.query;
      const body = request.body;
      if (!Buffer.isBuffer(body))
        throw new ApiError(
          'unsupported-media-type',
          'send the data file as the body (text/csv, application/xml or application/octet-stream)',
        );
      const read = readIndicatorDatasets(
        { name, bytes: new Uint8Array(body) },
        {
          maxFileBytes: context.config.maxUploadBytes,
          isKnownArea: (m49) => context.geography.findArea(m49) !== undefined,
          resolveArea: (code) => context.geography.findArea(code)?.code,
          ...(indicator ? { indicator } : {}),
          ...(series ? { series } : {}),
          ...(unit ? { unit } : {}),
          ...(area ? { area } : {}),
        },
      );
      if (read.problems.length > 0 || !read.format) {
        throw new ApiError('invalid-import', `${read.problems.length} problem(s) in ${name}; nothing was imported`, {
          format: read.format ?? null,
          problems: read.problems.slice(0, 200),
        });
      }
      const result = await importIndicatorDatasets(
        context.db,
        { datasets: read.datasets, source: { name, format: read.format }, onConflict, dryRun: dryRun === 'true' },
        principal.userId,
      );
      if (!result.ok) {
        throw new ApiError(
          'invalid-import',
          `${result.conflicts.length} value(s) in ${name} differ from the stored ones; nothing was imported (send onConflict=replace to replace them)`,
          { format: read.format, conflicts: result.conflicts.slice(0, 200) },
        );
      }
      const summaries = read.datasets.map(summariseDataset);
      if (result.dryRun)
        return reply.code(200).send({
          dryRun: true,
          format: read.format,
          datasets: result.datasets,
          read: summaries,
          added: result.added,
          replaced: result.replaced,
        });
      await context.publicCache.invalidate();
      await recordAudit(context.db, {
        actorId: principal.userId,
        action: 'indicators.import',
        targetType: 'indicator-datasets',
        targetId: result.datasets.map((dataset) => dataset.id).join(','),
        details: { name, format: read.format, added: result.added, replaced: result.replaced },
      });
      return reply.code(201).send({
        dryRun: false,
        format: read.format,
        datasets: result.datasets,
        added: result.added,
        replaced: result.replaced,
      });
    },
  );
};
