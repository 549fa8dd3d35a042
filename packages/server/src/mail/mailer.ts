/** Sending one message by SMTP with nodemailer (decision 0410): the only code that talks to the mail server. */
import nodemailer from 'nodemailer';
import type { MailConfig } from './mail-config.ts';

/** A message as the mail server gets it. */
interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part, sent beside the text as multipart/alternative. */
  html?: string;
  /** A stable Message-ID: a retried message keeps its id, so a mailbox can tell a repeat. */
  messageId: string;
}

/** Why a send failed, and whether trying again may help (a 5xx answer will not change). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** What the outbox sender needs from a mail transport. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mailer over SMTP. Each send opens its own connection, so a mail server that restarts is simply reached again. */
export function createSmtpMailer(config: MailConfig): Mailer {
  const { smtp } = config;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html !== undefined ? { html: mail.html } : {}),
          messageId: mail.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        const failure = error as Error & { responseCode?: number; code?: string };
        const permanent =
          typeof failure.responseCode === 'number' && failure.responseCode >= 500 && failure.responseCode < 600;
        const detail = [failure.code, failure.responseCode, failure.message]
          .filter((part) => part !== undefined && part !== '')
          .join(' ');
        throw new MailSendError(detail || 'the mail server refused the message', permanent);
      }
    },
    close() {
      transport.close();
    },
  };
}
