/** Imports of published open data files (SDG API CSV, SDMX, Open SDG, DDF, migov JSON): all or nothing. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readObservations } from '@migov/core';
import { importObservations, listObservationImports } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';

const DATA_TYPES = ['text/csv', 'text/plain', 'application/xml', 'text/xml', 'application/octet-stream', 'application/vnd.sdmx.structurespecificdata+xml', 'application/vnd.sdmx.genericdata+xml'];

/** POST /api/v1/imports, GET /api/v1/imports. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  // Data files arrive as the raw body; the format is detected from the content by core.
  app.addContentTypeParser(DATA_TYPES, { parseAs: 'buffer', bodyLimit: context.config.maxUploadBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/imports',
    {
      config: { access: { permission: 'data:import', scope: 'global' } },
      schema: {
        tags: ['published data'],
        summary: 'Import a published data file (format detected from the content); nothing is imported when any row has a problem',
        description: 'Send the file as the body (text/csv, application/xml, application/json or application/octet-stream).',
        querystring: z.object({ name: z.string().trim().min(1).max(200).default('upload'), area: z.string().max(3).optional() }),
        response: { 201: z.object({ id: z.string(), format: z.string(), observationCount: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body ?? null));
      const read = readObservations({ name: request.query.name, bytes }, { maxFileBytes: context.config.maxUploadBytes, isKnownArea: (m49) => context.geography.findArea(m49) !== undefined, ...(request.query.area ? { area: request.query.area } : {}) });
      if (read.problems.length > 0 || !read.format) {
        throw new ApiError('invalid-import', `${read.problems.length} problem(s) in ${request.query.name}; nothing was imported`, { format: read.format ?? null, problems: read.problems.slice(0, 200) });
      }
      const imported = await importObservations(
        context.db,
        { observations: read.observations, source: { name: request.query.name, format: read.format, importedAt: context.now().toISOString() } },
        request.principal!.userId,
      );
      await context.publicCache.invalidate();
      return reply.code(201).send({ id: imported.id, format: read.format, observationCount: imported.observationCount });
    },
  );

  app.get(
    '/imports',
    { config: { access: { permission: 'data:import', scope: 'global' } }, schema: { tags: ['published data'], summary: 'Past imports', response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async () => ({ items: await listObservationImports(context.db) }),
  );
};
