/** Imports of published open data files (SDG API CSV, SDMX, Open SDG, DDF, migov JSON): all or nothing. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importObservations, listObservationImports, type ObservationImport } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { needs, requirePrincipal } from '../http/route-kit.ts';
import { parsingPool, parsingProblem } from '../parsing/app-parsing.ts';
import { PARSING_LIMIT_VARIABLES } from '../parsing/limits.ts';
import type { SameType } from '../public-data/public-answers.schema.ts';

/** A past import of published data, newest first in `GET /imports`. */
const observationImportSchema = z
  .object({
    id: z.string(),
    source: z.object({
      name: z.string().describe('The name the file was imported under'),
      format: z.string().describe('The format read, e.g. sdg-api-csv, sdmx-csv, json'),
      importedAt: z.string().describe('When the data was obtained (ISO timestamp)'),
    }),
    observationCount: z.number().int(),
    importedBy: z.string().optional().describe('The user who imported the file'),
    createdAt: z.string(),
  })
  .meta({ id: 'ObservationImport' });
const _sameAsDatabase: SameType<z.infer<typeof observationImportSchema>, ObservationImport> = true;

const DATA_TYPES = [
  'text/csv',
  'text/plain',
  'application/xml',
  'text/xml',
  'application/json',
  'application/octet-stream',
  'application/vnd.sdmx.structurespecificdata+xml',
  'application/vnd.sdmx.genericdata+xml',
];
/** The configuration variable of each structural bound of core's readers. */
const LIMIT_SETTINGS = {
  rows: PARSING_LIMIT_VARIABLES.maxRows,
  'xml-elements': PARSING_LIMIT_VARIABLES.maxXmlElements,
  'xml-attributes': PARSING_LIMIT_VARIABLES.maxXmlAttributes,
  depth: PARSING_LIMIT_VARIABLES.maxDepth,
} as const;

/** POST /api/v1/imports, GET /api/v1/imports. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const pool = parsingPool(app);
  // Data files arrive as the raw body, JSON too (never parsed on the request thread); the format is detected from the content by core.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    DATA_TYPES,
    { parseAs: 'buffer', bodyLimit: context.config.maxUploadBytes },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/imports',
    {
      config: needs('data:import', 'global'),
      schema: {
        tags: ['published data'],
        summary:
          'Import a published data file (format detected from the content); nothing is imported when any row has a problem',
        description:
          'Send the file as the body (text/csv, application/xml, application/json or application/octet-stream). It is parsed off the request thread within the configured bounds (lines, XML elements and attributes, nesting depth, parse time and memory); a file beyond one is refused with upload-limit-exceeded (413) naming the file and the bound.',
        querystring: z.object({
          name: z.string().trim().min(1).max(200).default('upload'),
          area: z.string().max(3).optional(),
        }),
        response: { 201: z.object({ id: z.string(), format: z.string(), observationCount: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const bytes = Buffer.isBuffer(body)
        ? new Uint8Array(body)
        : new TextEncoder().encode(typeof body === 'string' ? body : '');
      const file = request.query.name;
      const { maxRows, maxXmlElements, maxXmlAttributes, maxDepth } = context.config.parsing;
      const knownAreas = context.geography.listAreas().map((area) => area.code);
      const read = await pool
        .run({
          kind: 'observations',
          name: file,
          bytes,
          options: {
            maxFileBytes: context.config.maxUploadBytes,
            maxRows,
            maxXmlElements,
            maxXmlAttributes,
            maxDepth,
            knownAreas,
            ...(request.query.area ? { area: request.query.area } : {}),
          },
        })
        .catch((error: unknown) => {
          throw parsingProblem(error, file);
        });
      if (read.limitExceeded) {
        const { message, ...exceeded } = read.limitExceeded;
        throw new ApiError('upload-limit-exceeded', `${file}: ${message}; nothing was imported`, {
          file,
          ...exceeded,
          setting: LIMIT_SETTINGS[exceeded.limit],
        });
      }
      if (read.problems.length > 0 || !read.format) {
        throw new ApiError(
          'invalid-import',
          `${read.problems.length} problem(s) in ${request.query.name}; nothing was imported`,
          { format: read.format ?? null, problems: read.problems.slice(0, 200) },
        );
      }
      const imported = await importObservations(
        context.db,
        {
          observations: read.observations,
          source: { name: request.query.name, format: read.format, importedAt: context.now().toISOString() },
        },
        requirePrincipal(request).userId,
      );
      await context.publicCache.invalidate();
      return reply
        .code(201)
        .send({ id: imported.id, format: read.format, observationCount: imported.observationCount });
    },
  );

  app.get(
    '/imports',
    {
      config: needs('data:import', 'global'),
      schema: {
        tags: ['published data'],
        summary: 'Past imports',
        response: { 200: z.object({ items: z.array(observationImportSchema) }) },
      },
    },
    async () => ({ items: await listObservationImports(context.db) }),
  );
};
