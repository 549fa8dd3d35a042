/**
 * The app's e-mail: whether delivery is configured, adding messages to the outbox (and waking the
 * sender), and the sender's life with the app's (started when the app is ready, stopped, after the
 * send in progress, when it closes). One service per app context.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { enqueueMessages, type NewOutboxMessage, type OutboxMessage } from '@migov/db';
import type { AppContext } from '../context.ts';
import type { MailConfig } from './mail-config.ts';
import { createSmtpMailer } from './mailer.ts';
import { isNoticeAction, roundReminders, workflowNotices } from './notices.ts';
import { startOutboxSender, type OutboxSender } from './outbox-sender.ts';

/** The e-mail of one app. */
export interface MailService {
  /** Whether messages are delivered (an SMTP server is configured); otherwise links are shown to pass on. */
  readonly enabled: boolean;
  /** Add messages to the outbox (none when delivery is off) and wake the sender. */
  enqueue(messages: readonly NewOutboxMessage[]): Promise<OutboxMessage[]>;
  /** The running sender, once the app is ready (tests run it by hand). */
  sender(): OutboxSender | undefined;
  /** A round's closing changed: work the reminders out again at the sender's next run, and wake it. */
  remindersChanged(): void;
}

/** The service with its sender's life. */
interface ManagedMailService extends MailService {
  start(app: FastifyInstance): void;
  stop(): Promise<void>;
}

const services = new WeakMap<AppContext, ManagedMailService>();

/** The mail service of an app context. */
export function mailService(context: AppContext): MailService {
  return managed(context);
}

function managed(context: AppContext): ManagedMailService {
  let service = services.get(context);
  if (!service) {
    service = createMailService(context);
    services.set(context, service);
  }
  return service;
}

function createMailService(context: AppContext): ManagedMailService {
  const config: MailConfig | undefined = context.config.mail;
  let sender: OutboxSender | undefined;
  let nextReminderCheck = 0;
  return {
    enabled: config !== undefined,
    async enqueue(messages) {
      if (!config || messages.length === 0) return [];
      const added = await enqueueMessages(context.db, messages, context.now());
      sender?.wake();
      return added;
    },
    sender: () => sender,
    remindersChanged() {
      nextReminderCheck = 0;
      sender?.wake();
    },
    start(app: FastifyInstance) {
      if (!config || sender) return;
      sender = startOutboxSender({
        db: context.db,
        mailer: createSmtpMailer(config),
        config,
        now: context.now,
        log: app.log,
        messageIdHost: new URL(context.config.publicUrl).hostname || 'migov.invalid',
        beforeRun: async () => {
          const now = context.now();
          if (now.getTime() < nextReminderCheck) return;
          nextReminderCheck = now.getTime() + config.reminderCheckMs;
          await enqueueMessages(context.db, await roundReminders(context, now, config.reminderDays), now);
        },
      });
    },
    async stop() {
      const running = sender;
      sender = undefined;
      await running?.stop();
    },
  };
}

/** Start the sender when the app is ready and stop it when the app closes (only with an SMTP server configured). */
export function attachMailSender(app: FastifyInstance, context: AppContext): void {
  const service = managed(context);
  app.addHook('onReady', async () => service.start(app));
  app.addHook('onClose', async () => service.stop());
}

/**
 * Tell the people who act next about a workflow action (submit, resubmit, return, validate, publish),
 * through the outbox. The action is already stored: a failure here is logged, never answered.
 */
export async function announceWorkflowAction(
  context: AppContext,
  input: {
    action: string;
    assessment: { id: string; jurisdiction: string; year: number; revision: number };
    actor: { userId: string; name: string };
    reason?: string;
  },
  log: Pick<FastifyBaseLogger, 'error'>,
): Promise<void> {
  const mail = mailService(context);
  if (!mail.enabled || !isNoticeAction(input.action)) return;
  try {
    await mail.enqueue(await workflowNotices(context, { ...input, action: input.action }));
  } catch (error) {
    log.error(
      { err: error, assessmentId: input.assessment.id, action: input.action },
      'could not add the workflow notices to the outbox',
    );
  }
}
