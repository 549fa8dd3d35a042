/**
 * A real SMTP server on loopback for tests (`smtp-server`, by the authors of nodemailer): it accepts
 * every message, parses it with mailparser and keeps it. It can be stopped and started again on the
 * same port, to play a mail server that goes down while the platform keeps adding notices.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** A message as it arrived. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The HTML part ('' when the message has none). */
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
}

/** The running test server. */
export interface SmtpTestServer {
  readonly port: number;
  /** MIGOV_SMTP_URL for this server. */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Whether it is accepting connections. */
  readonly running: boolean;
  /** Stop listening (new connections are refused). */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  /** Wait until `count` messages have arrived in all (or until the time runs out: then it throws, listing what arrived). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Wait for a message to an address whose subject matches. */
  waitForMessage(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
}

/** Start a test SMTP server on 127.0.0.1 (a free port unless one is given). */
export async function startSmtpTestServer(port = 0): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let boundPort = port;
  const listen = async () => {
    const instance = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Addresses at bounce.invalid are refused for good (550), as a mailbox that does not exist.
      onRcptTo(address, _session, callback) {
        if (address.address.toLowerCase().endsWith('@bounce.invalid'))
          callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        else callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers: parsed.headers,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      instance.once('error', reject);
      instance.listen(boundPort, '127.0.0.1', () => {
        instance.off('error', reject);
        resolve();
      });
    });
    const address = (instance as unknown as { server: { address(): { port: number } } }).server.address();
    boundPort = address.port;
    server = instance;
  };
  await listen();
  const waitUntil = async <T>(find: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(
          `${what()}; arrived: ${JSON.stringify(received.map((mail) => [mail.to.join(','), mail.subject]))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    get port() {
      return boundPort;
    },
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    received,
    get running() {
      return server !== undefined;
    },
    async stop() {
      const instance = server;
      server = undefined;
      if (instance) await new Promise<void>((resolve) => instance.close(() => resolve()));
    },
    async start() {
      if (!server) await listen();
    },
    waitFor(count, timeoutMs = 20_000) {
      return waitUntil(
        () => (received.length >= count ? received.slice() : undefined),
        timeoutMs,
        () => `expected ${count} messages, ${received.length} arrived`,
      );
    },
    waitForMessage(to, subject, timeoutMs = 20_000) {
      return waitUntil(
        () => received.find((mail) => mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject))),
        timeoutMs,
        () => `no message to ${to}${subject ? ` matching ${subject}` : ''}`,
      );
    },
  };
}

/** The link a message holds that starts with `prefix` (e.g. the public URL and /invitations/accept). */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\S*`).exec(mail.text);
  if (!match) throw new Error(`no link starting with ${prefix} in the message "${mail.subject}":\n${mail.text}`);
  return match[0];
}
