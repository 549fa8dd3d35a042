/** Public data: instruments, areas, published scores, aggregates and bulk downloads. ETags and 304 on everything. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { instrumentJsonSchema, type InstrumentVersion } from '@migov/core';
import { findPublishedEvidence, getEvidenceFile } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { PUBLIC, yearParams } from '../http/route-kit.ts';
import { attachmentDisposition, sendAttachment } from '../http/attachment.ts';
import { sendCached } from '../http/etag.ts';
import { pageQuerySchema, paginate } from '../http/pagination.ts';
import { instrumentIdSchema } from '../http/schemas.ts';
import {
  buildAggregates,
  buildDownload,
  DOWNLOAD_FORMATS,
  loadPublishedResults,
  loadPublicationsOf,
} from '../public-data/published-data.ts';
import {
  aggregatesSchema,
  areaDetailSchema,
  areaSummarySchema,
  cachedAnswers,
  downloadAnswer,
  instrumentFileJsonSchema,
  instrumentsSchema,
  fileAnswer,
  instrumentVersionSchema,
  jsonAnswer,
  pageOf,
  publicationSchema,
  publishedResultSchema,
} from '../public-data/public-answers.schema.ts';

/** A download's file name: the SDG CSV and the SDMX-CSV differ (.csv, .sdmx.csv), as in `migov publish`. */
function downloadFileName(instrument: string, year: number, format: (typeof DOWNLOAD_FORMATS)[number]): string {
  return `migov-${instrument}-${year}.${format === 'sdmx-ml' ? 'xml' : format === 'sdmx-csv' ? 'sdmx.csv' : format}`;
}

function instrumentSummary(instrument: InstrumentVersion) {
  return {
    instrument: instrument.instrument,
    version: instrument.version,
    kind: instrument.kind,
    title: instrument.title,
    validFrom: instrument.validFrom,
    items: instrument.domains.reduce((count, domain) => count + domain.items.length, 0),
  };
}

/** Public routes under /api/v1. */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const cache = context.publicCache;

  app.get(
    '/instruments',
    {
      config: PUBLIC,
      schema: {
        tags: ['instruments'],
        summary: 'Instrument versions (built in and loaded)',
        response: cachedAnswers(instrumentsSchema),
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        await cache.get('instruments', async () =>
          jsonAnswer(instrumentsSchema, { items: context.instruments().list().map(instrumentSummary) }),
        ),
      ),
  );

  app.get(
    '/instruments/schema',
    {
      config: PUBLIC,
      schema: {
        tags: ['instruments'],
        summary: 'The JSON Schema (2020-12) of instrument files',
        response: cachedAnswers(instrumentFileJsonSchema),
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        await cache.get('instrument-schema', async () =>
          jsonAnswer(instrumentFileJsonSchema, instrumentJsonSchema() as z.input<typeof instrumentFileJsonSchema>),
        ),
      ),
  );

  app.get(
    '/instruments/:instrument/versions/:version',
    {
      config: PUBLIC,
      schema: {
        tags: ['instruments'],
        summary: 'One instrument version: domains, items, options, scoring',
        params: z.object({ instrument: z.string().min(1).max(60), version: z.string().min(1).max(60) }),
        response: cachedAnswers(instrumentVersionSchema),
      },
    },
    async (request, reply) => {
      const { instrument, version } = request.params;
      const found = context.instruments().find(instrument, version);
      if (!found) throw new ApiError('not-found', `no instrument ${instrument}@${version}`);
      return sendCached(
        request,
        reply,
        await cache.get(`instrument:${instrument}@${version}`, async () => jsonAnswer(instrumentVersionSchema, found)),
      );
    },
  );

  app.get(
    '/areas',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: 'Countries, regions and groupings (UN M49, SDG regions, development groups)',
        querystring: pageQuerySchema.extend({ kind: z.string().max(40).optional() }),
        response: cachedAnswers(pageOf(areaSummarySchema)),
      },
    },
    async (request, reply) => {
      const { kind, limit, offset } = request.query;
      return sendCached(
        request,
        reply,
        await cache.get(`areas:${kind ?? ''}:${limit}:${offset}`, async () =>
          jsonAnswer(
            pageOf(areaSummarySchema),
            paginate(
              context.geography
                .listAreas(kind ? { kind } : {})
                .map(({ code, m49, name, kind: areaKind, alpha2, alpha3, parent }) => ({
                  code,
                  m49,
                  name,
                  kind: areaKind,
                  alpha2,
                  alpha3,
                  parent,
                })),
              { limit, offset },
            ),
          ),
        ),
      );
    },
  );

  app.get(
    '/areas/:code',
    {
      config: PUBLIC,
      schema: {
        tags: ['geography'],
        summary: 'One area with its member countries',
        params: z.object({ code: z.string().min(1).max(40) }),
        response: cachedAnswers(areaDetailSchema),
      },
    },
    async (request, reply) => {
      const area = context.geography.findArea(request.params.code);
      if (!area)
        throw new ApiError(
          'not-found',
          `no area ${request.params.code} (use an M49 code, ISO alpha-2/alpha-3 code or group id)`,
        );
      return sendCached(
        request,
        reply,
        await cache.get(`area:${area.code}`, async () =>
          jsonAnswer(areaDetailSchema, { ...area, memberCodes: context.geography.areaMembers(area.code) }),
        ),
      );
    },
  );

  const instrumentQuery = z.object({ instrument: instrumentIdSchema.default('sdg-10-7-2') });

  app.get(
    '/published/:year',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary: 'Published results of a round: the latest publication per jurisdiction, with domain categories',
        params: yearParams,
        querystring: instrumentQuery.extend(pageQuerySchema.shape),
        response: cachedAnswers(pageOf(publishedResultSchema)),
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const { instrument, limit, offset } = request.query;
      return sendCached(
        request,
        reply,
        await cache.get(`published:${year}:${instrument}:${limit}:${offset}`, async () =>
          jsonAnswer(
            pageOf(publishedResultSchema),
            await loadPublishedResults(context, year, instrument, { limit, offset }),
          ),
        ),
      );
    },
  );

  app.get(
    '/published/:year/:jurisdiction',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary:
          'Every publication of one jurisdiction in a round (corrections are new publications; all stay visible)',
        params: yearParams.extend({ jurisdiction: z.string().min(1).max(40) }),
        response: cachedAnswers(z.object({ items: z.array(publicationSchema) })),
      },
    },
    async (request, reply) => {
      const { year, jurisdiction } = request.params;
      const body = await cache.get(`publications:${year}:${jurisdiction}`, async () =>
        jsonAnswer(z.object({ items: z.array(publicationSchema) }), {
          items: await loadPublicationsOf(context, year, jurisdiction),
        }),
      );
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/published/:year/:jurisdiction/evidence/:evidenceId/file',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary:
          'Download an evidence file recorded in a publication of the jurisdiction (files of unpublished assessments are never served here)',
        params: yearParams.extend({ jurisdiction: z.string().min(1).max(40), evidenceId: z.string().min(1).max(100) }),
        response: { 200: fileAnswer('The file as recorded, as an attachment, in its own media type') },
      },
    },
    async (request, reply) => {
      const { year, jurisdiction, evidenceId } = request.params;
      const published = await findPublishedEvidence(context.db, { year, jurisdiction, evidenceId });
      if (!published?.file)
        throw new ApiError('not-found', `no published evidence file ${evidenceId} for ${jurisdiction} in ${year}`);
      const { bytes } = await getEvidenceFile(context.db, evidenceId);
      // A publication is immutable, and so is the file it lists.
      return sendAttachment(reply, published.file, bytes, 'public, max-age=86400, immutable');
    },
  );

  app.get(
    '/aggregates/:year',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary:
          'Aggregates per region and group: computed from published results and published by the UN, kept apart, with coverage',
        params: yearParams,
        querystring: instrumentQuery.extend({ group: z.string().max(40).optional() }),
        response: cachedAnswers(aggregatesSchema),
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const { instrument, group } = request.query;
      return sendCached(
        request,
        reply,
        await cache.get(`aggregates:${year}:${instrument}:${group ?? ''}`, async () =>
          jsonAnswer(aggregatesSchema, await buildAggregates(context, year, instrument, group)),
        ),
      );
    },
  );

  app.get(
    '/downloads/:year/:format',
    {
      config: PUBLIC,
      schema: {
        tags: ['published data'],
        summary:
          'Bulk download of the published results of a round (CSV cells are neutralised against formula injection)',
        params: yearParams.extend({ format: z.enum(DOWNLOAD_FORMATS) }),
        querystring: instrumentQuery,
        response: cachedAnswers(downloadAnswer),
      },
    },
    async (request, reply) => {
      const { year, format } = request.params;
      const { instrument } = request.query;
      const body = await cache.get(`download:${year}:${format}:${instrument}`, () =>
        buildDownload(context, year, instrument, format),
      );
      return sendCached(request, reply, body, {
        'content-disposition': attachmentDisposition(downloadFileName(instrument, year, format)),
      });
    },
  );
};
