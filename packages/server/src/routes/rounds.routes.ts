/**
 * Closing and reopening rounds (docs/rounds.md). A round is closed once its closing day (UTC, the
 * server's clock) is over, or when an administrator closes it early; an administrator reopens it with a
 * new closing day. Every change is in the audit log (`round.create`, `round.close`, `round.reopen`),
 * and the reminders still waiting in the outbox for the old closing day are withdrawn, so reminders
 * follow the new one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeRound, reopenRound, withdrawPendingMessages, type Round } from '@migov/db';
import { roundSchema, roundView } from '../rounds/round-view.ts';
import type { AppContext } from '../context.ts';
import { idParams, needs, requirePrincipal } from '../http/route-kit.ts';
import { mailService } from '../mail/mail-service.ts';
import { reminderKeyPrefix } from '../mail/notices.ts';

/**
 * After a round's closing changed: the reminders still waiting announce the old closing day, so they
 * are withdrawn and worked out again at the sender's next run; public answers listing rounds are renewed.
 */
async function closingChanged(context: AppContext, round: Round, why: string): Promise<void> {
  await withdrawPendingMessages(context.db, { dedupeKeyPrefix: reminderKeyPrefix(round.id), reason: why });
  mailService(context).remindersChanged();
  await context.publicCache.invalidate();
}

/** Round routes under /api/v1 (listing and opening rounds are in admin.routes.ts). */
export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;

  app.post(
    '/rounds/:id/reopen',
    {
      config: needs('round:manage', 'global'),
      schema: {
        tags: ['rounds'],
        summary: 'Reopen a round, or move its closing day (audited as round.reopen)',
        description:
          'The new closing day must not be before today (UTC) nor before the round opens. Reminders still waiting for the old closing day are withdrawn; new ones follow the new day.',
        params: idParams,
        body: z.object({ closesOn: z.iso.date() }),
        response: { 200: roundSchema },
      },
    },
    async (request) => {
      const round = await reopenRound(context.db, request.params.id, {
        closesOn: request.body.closesOn,
        now: context.now(),
        actorId: requirePrincipal(request).userId,
      });
      await closingChanged(context, round, `the round was reopened until ${round.closesOn}`);
      return roundView(round, context.now());
    },
  );

  app.post(
    '/rounds/:id/close',
    {
      config: needs('round:manage', 'global'),
      schema: {
        tags: ['rounds'],
        summary: 'Close a round now, before its closing day ends (audited as round.close)',
        description: 'Refused with 409 round-closed when the round is closed already.',
        params: idParams,
        response: { 200: roundSchema },
      },
    },
    async (request) => {
      const round = await closeRound(context.db, request.params.id, {
        now: context.now(),
        actorId: requirePrincipal(request).userId,
      });
      await closingChanged(context, round, 'the round was closed');
      return roundView(round, context.now());
    },
  );
};
