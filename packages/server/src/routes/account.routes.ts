/** The signed-in user's own settings: the language of the e-mail they get (docs/mail.md). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES } from '@migov/core';
import { getUser, recordAudit, updateUser } from '@migov/db';
import { requirePrincipal, SIGNED_IN } from '../http/route-kit.ts';

const preferencesSchema = z
  .object({
    preferredLanguage: z
      .enum(LANGUAGES)
      .describe('the language of every e-mail the account gets: invitations, password resets, notices, reminders'),
  })
  .meta({ id: 'AccountPreferences' });

/** Account routes under /api/v1. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;

  app.get(
    '/account/preferences',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'Your settings: the language of your e-mail',
        response: { 200: preferencesSchema },
      },
    },
    async (request, reply) => {
      const user = await getUser(context.db, requirePrincipal(request).userId);
      return reply.header('cache-control', 'no-store').send({ preferredLanguage: user.preferredLanguage });
    },
  );

  app.put(
    '/account/preferences',
    {
      config: SIGNED_IN,
      schema: {
        tags: ['session'],
        summary: 'Change your settings: the language of your e-mail (audited as user.preferences)',
        body: preferencesSchema,
        response: { 200: preferencesSchema },
      },
    },
    async (request) => {
      const { userId } = requirePrincipal(request);
      const before = await getUser(context.db, userId);
      const user = await updateUser(context.db, userId, { preferredLanguage: request.body.preferredLanguage });
      if (before.preferredLanguage !== user.preferredLanguage)
        await recordAudit(context.db, {
          actorId: userId,
          action: 'user.preferences',
          targetType: 'user',
          targetId: userId,
          details: {
            before: { preferredLanguage: before.preferredLanguage },
            after: { preferredLanguage: user.preferredLanguage },
          },
        });
      return { preferredLanguage: user.preferredLanguage };
    },
  );
};
