/** Excel templates of an assessment: download, fill in offline, upload back (validated cell by cell; all or nothing). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES } from '@migov/core';
import { fileAnswer } from '../public-data/public-answers.schema.ts';
import { getAssessment, recordAudit, saveResponses } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { onAssessment } from '../assessments/assessment-access.ts';
import { buildAssessmentWorkbook } from '../templates/assessment-workbook.ts';
import { LANGUAGE_COOKIE, languageFor } from '../http/request-language.ts';
import { areaNameIn } from '../mail/notices.ts';
import { parsingPool, parsingProblem } from '../parsing/app-parsing.ts';
import { idParams, requirePrincipal, versionEtag } from '../http/route-kit.ts';
import { attachmentDisposition } from '../http/attachment.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Template routes under /api/v1. */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const pool = parsingPool(app);
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: context.config.maxUploadBytes },
    (_request, body, done) => done(null, body),
  );

  const instrumentOf = (assessment: { instrument: string; version: string }) => {
    const instrument = context.instruments().find(assessment.instrument, assessment.version);
    if (!instrument)
      throw new ApiError(
        'not-found',
        `the instrument ${assessment.instrument}@${assessment.version} of this assessment is not loaded`,
      );
    return instrument;
  };

  app.get(
    '/assessments/:id/workbook',
    {
      config: onAssessment('assessment:read'),
      schema: {
        tags: ['templates'],
        summary: 'Download the Excel template of an assessment, pre-filled with the current answers and comments',
        description:
          "Its instructions, headers and notes are in the language asked for: `lang`, else the language the reader last read the web app in (its cookie), else the Accept-Language header's first of the six UN languages, else English (Arabic reads right to left). The instrument's texts are in its official translation where there is one, else in English. A template in any language uploads back.",
        params: idParams,
        querystring: z.object({
          lang: z.enum(LANGUAGES).optional().describe("the template's language: the web form's own"),
        }),
        response: {
          200: fileAnswer(
            'The Excel workbook (an attachment)',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ),
        },
      },
    },
    async (request, reply) => {
      const assessment = await getAssessment(context.db, request.params.id);
      const language =
        request.query.lang ?? languageFor(request.cookies?.[LANGUAGE_COOKIE], request.headers['accept-language']);
      const area = context.geography.findArea(assessment.jurisdiction);
      const name = area ? areaNameIn(area, language) : assessment.jurisdiction;
      const bytes = await buildAssessmentWorkbook(instrumentOf(assessment), assessment, name, language);
      await recordAudit(context.db, {
        actorId: requirePrincipal(request).userId,
        action: 'workbook.export',
        targetType: 'assessment',
        targetId: assessment.id,
        details: { lockVersion: assessment.lockVersion },
      });
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachmentDisposition(`migov-${assessment.jurisdiction}-${assessment.year}.xlsx`),
        )
        .header('cache-control', 'private, no-store')
        .header('etag', versionEtag(assessment.lockVersion))
        .send(bytes);
    },
  );

  app.put(
    '/assessments/:id/workbook',
    {
      config: onAssessment('assessment:edit'),
      schema: {
        tags: ['templates'],
        summary: 'Upload a filled-in template: every cell is validated; nothing changes unless all are valid',
        description: `Send the .xlsx file as the body (Content-Type ${XLSX}). A template made before someone else saved is refused with edit-conflict. A workbook that unpacks beyond the parsing limits (size, parts, compression ratio, cells, parse time or memory) is refused with upload-limit-exceeded (413) naming the limit.`,
        params: idParams,
        response: { 200: z.object({ changed: z.number().int(), lockVersion: z.number().int() }) },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new ApiError('unsupported-media-type', `send the workbook as the body with Content-Type ${XLSX}`);
      const assessment = await getAssessment(context.db, request.params.id);
      // Parsed on a parsing thread, within the bounds of config.parsing: the request thread stays free.
      const read = await pool
        .run({
          kind: 'workbook',
          instrument: instrumentOf(assessment),
          assessment,
          bytes: request.body,
          limits: context.config.parsing,
        })
        .catch((error: unknown) => {
          throw parsingProblem(error);
        });
      if (!read.ok) {
        await recordAudit(context.db, {
          actorId: requirePrincipal(request).userId,
          action: 'workbook.refused',
          targetType: 'assessment',
          targetId: assessment.id,
          details: { problems: read.problems.length },
        });
      }
      if (!read.ok)
        throw new ApiError('invalid-workbook', `${read.problems.length} invalid cell(s); nothing was changed`, {
          problems: read.problems,
        });
      if (read.changes.length === 0) {
        if (read.lockVersion !== assessment.lockVersion)
          throw new ApiError('edit-conflict', 'the assessment changed after this template was made', {
            current: assessment,
          });
        return reply
          .header('etag', versionEtag(assessment.lockVersion))
          .send({ changed: 0, lockVersion: assessment.lockVersion });
      }
      const saved = await saveResponses(
        context.db,
        { assessmentId: assessment.id, expectedLockVersion: read.lockVersion, changes: read.changes },
        requirePrincipal(request).userId,
      );
      await recordAudit(context.db, {
        actorId: requirePrincipal(request).userId,
        action: 'workbook.import',
        targetType: 'assessment',
        targetId: assessment.id,
        details: { changed: read.changes.length, lockVersion: saved.lockVersion },
      });
      return reply
        .header('etag', versionEtag(saved.lockVersion))
        .send({ changed: read.changes.length, lockVersion: saved.lockVersion });
    },
  );
};
