/**
 * The sender loop: claims due messages from the outbox (one sender per message, however many server
 * processes run), sends each by SMTP, and records the outcome. A failure waits and is tried again,
 * the wait doubling each time up to a bound; after the last attempt, or on a refusal that will not
 * change (5xx), the message is `failed` with its last error, visible in the administration page.
 */
import type { FastifyBaseLogger } from 'fastify';
import { claimDueMessages, markMessageFailed, markMessageSent, type MigovDatabase } from '@migov/db';
import type { MailConfig } from './mail-config.ts';
import { MailSendError, type Mailer } from './mailer.ts';

/** What the sender needs. */
export interface OutboxSenderOptions {
  db: MigovDatabase;
  mailer: Mailer;
  config: MailConfig;
  now: () => Date;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>;
  /** Called once per run, after the messages were sent (used to add reminders). */
  beforeRun?: () => Promise<void>;
  /** The host part of Message-IDs. */
  messageIdHost: string;
}

/** The wait before attempt `attempts + 1`. */
function retryDelayMs(attempts: number, config: Pick<MailConfig, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(config.retryBaseMs * 2 ** Math.max(0, attempts - 1), config.retryMaxMs);
}

/** A running sender: `wake` asks for a run soon; `stop` waits for the run in progress. */
export interface OutboxSender {
  wake(): void;
  /** One run now: sends what is due; answers how many messages were settled (sent or failed). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Start the loop. */
export function startOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { db, mailer, config } = options;
  // The lease must outlast one send: the SMTP steps each have their time limit.
  const leaseMs = config.timeoutMs * 4 + 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  async function sendDue(): Promise<number> {
    let settled = 0;
    for (;;) {
      if (stopped) return settled;
      const claimed = await claimDueMessages(db, { now: options.now(), limit: 10, leaseMs });
      if (claimed.length === 0) return settled;
      for (const message of claimed) {
        if (stopped) {
          // Hand the rest back at once rather than leaving them to the lease.
          await markMessageFailed(db, message, {
            error: message.lastError ?? 'the server stopped before sending',
            retryInMs: 0,
            now: options.now(),
          });
          continue;
        }
        try {
          await mailer.send({
            to: message.recipient,
            subject: message.subject,
            text: message.body,
            ...(message.html !== undefined ? { html: message.html } : {}),
            messageId: `<${message.id}@${options.messageIdHost}>`,
          });
          await markMessageSent(db, message, options.now());
        } catch (error) {
          const permanent = error instanceof MailSendError && error.permanent;
          const last = permanent || message.attempts >= config.maxAttempts;
          const text = (error as Error).message;
          await markMessageFailed(db, message, {
            error: text,
            ...(last ? {} : { retryInMs: retryDelayMs(message.attempts, config) }),
            now: options.now(),
          });
          options.log?.warn(
            { outboxId: message.id, kind: message.kind, attempts: message.attempts, error: text },
            last ? 'e-mail failed for good' : 'e-mail not sent; will retry',
          );
        }
        settled += 1;
      }
    }
  }

  async function run(): Promise<number> {
    if (options.beforeRun) {
      try {
        await options.beforeRun();
      } catch (error) {
        options.log?.error({ err: error }, 'could not work out the e-mail reminders');
      }
    }
    try {
      return await sendDue();
    } catch (error) {
      // The database was unreachable: the next run tries again; nothing was lost (the rows are still there).
      options.log?.error({ err: error }, 'the outbox could not be read');
      return 0;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delay);
    timer.unref();
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run();
    try {
      await running;
    } finally {
      running = undefined;
    }
    if (again) {
      again = false;
      schedule(0);
    } else schedule(config.pollMs);
  }

  schedule(0);
  return {
    wake() {
      schedule(0);
    },
    async runOnce() {
      while (running) await running.catch(() => 0);
      running = run();
      try {
        return await running;
      } finally {
        running = undefined;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => 0);
      mailer.close();
    },
  };
}
