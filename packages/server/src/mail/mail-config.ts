/**
 * E-mail settings (docs/mail.md): the SMTP server, as one URL (`MIGOV_SMTP_URL`) or as host, port,
 * user and password; the sender address; and how the outbox retries. Without an SMTP server nothing
 * is sent and the app shows the links to pass on instead.
 */

/** How to reach the SMTP server. */
interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  requireTls: boolean;
  user?: string;
  password?: string;
}

/** The e-mail settings of the server. */
export interface MailConfig {
  smtp: SmtpSettings;
  /** The From address, e.g. `migov <no-reply@migov.example.org>`. */
  from: string;
  /** Reminders go to the focal points of assessments not yet submitted this many days before their round closes. */
  reminderDays: number;
  /** Attempts per message before it is marked failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each further failure doubles it, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the sender looks for due messages (it is also woken when a message is added). */
  pollMs: number;
  /** How often the reminders are worked out. */
  reminderCheckMs: number;
  /** Time limit of one SMTP connection step (connect, greeting, each command). */
  timeoutMs: number;
}

/** Defaults besides the SMTP server. */
export const DEFAULT_MAIL_SETTINGS: Omit<MailConfig, 'smtp' | 'from'> = {
  reminderDays: 7,
  maxAttempts: 10,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  pollMs: 5_000,
  reminderCheckMs: 60 * 60_000,
  timeoutMs: 30_000,
};

/** The environment variables of the e-mail settings. @public (no reader yet) */
export const MAIL_VARIABLES = [
  'MIGOV_SMTP_URL',
  'MIGOV_SMTP_HOST',
  'MIGOV_SMTP_PORT',
  'MIGOV_SMTP_SECURE',
  'MIGOV_SMTP_REQUIRE_TLS',
  'MIGOV_SMTP_USER',
  'MIGOV_SMTP_PASSWORD',
  'MIGOV_MAIL_FROM',
  'MIGOV_MAIL_REMINDER_DAYS',
  'MIGOV_MAIL_MAX_ATTEMPTS',
  'MIGOV_MAIL_RETRY_SECONDS',
] as const;

/** A bad e-mail setting: names the variable and why (no password is ever repeated). */
class MailConfigError extends Error {
  constructor(variable: string, why: string) {
    super(`invalid ${variable}: ${why}`);
    this.name = 'ConfigError';
  }
}

function integer(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new MailConfigError(name, `${JSON.stringify(text)} is not an integer from ${min} to ${max}`);
  return value;
}

function flag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (['true', '1', 'yes'].includes(text.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(text.toLowerCase())) return false;
  throw new MailConfigError(name, `${JSON.stringify(text)} is not true or false`);
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Whether a From value is an address, or `Name <address>`. */
function isMailbox(value: string): boolean {
  const match = /^\s*(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && ADDRESS.test(address);
}

/** Read the e-mail settings; undefined when no SMTP server is configured. */
export function loadMailConfig(env: Record<string, string | undefined>, publicUrl: string): MailConfig | undefined {
  const urlText = env.MIGOV_SMTP_URL;
  const host = env.MIGOV_SMTP_HOST;
  if (!urlText && !host) {
    for (const name of ['MIGOV_SMTP_USER', 'MIGOV_SMTP_PASSWORD', 'MIGOV_SMTP_PORT'] as const) {
      if (env[name]) throw new MailConfigError(name, 'set MIGOV_SMTP_URL or MIGOV_SMTP_HOST too');
    }
    return undefined;
  }
  let smtp: SmtpSettings;
  if (urlText) {
    if (host) throw new MailConfigError('MIGOV_SMTP_HOST', 'give either MIGOV_SMTP_URL or MIGOV_SMTP_HOST, not both');
    let url: URL;
    try {
      url = new URL(urlText);
    } catch {
      throw new MailConfigError('MIGOV_SMTP_URL', 'expected smtp://user:password@host:port or smtps://…');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
      throw new MailConfigError('MIGOV_SMTP_URL', `the scheme must be smtp: or smtps:, not ${url.protocol}`);
    if (!url.hostname) throw new MailConfigError('MIGOV_SMTP_URL', 'no host');
    const secure = url.protocol === 'smtps:';
    smtp = {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      requireTls: flag(env, 'MIGOV_SMTP_REQUIRE_TLS', false),
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    };
  } else {
    const port = integer(env, 'MIGOV_SMTP_PORT', 587, 1, 65_535);
    smtp = {
      host: host!,
      port,
      secure: flag(env, 'MIGOV_SMTP_SECURE', port === 465),
      requireTls: flag(env, 'MIGOV_SMTP_REQUIRE_TLS', false),
      ...(env.MIGOV_SMTP_USER ? { user: env.MIGOV_SMTP_USER } : {}),
      ...(env.MIGOV_SMTP_PASSWORD ? { password: env.MIGOV_SMTP_PASSWORD } : {}),
    };
  }
  if (smtp.password !== undefined && smtp.user === undefined)
    throw new MailConfigError('MIGOV_SMTP_USER', 'a password is set without a user');
  const publicHost = new URL(publicUrl).hostname;
  const from =
    env.MIGOV_MAIL_FROM || `migov <no-reply@${publicHost.includes('.') ? publicHost : `${publicHost}.localdomain`}>`;
  if (!isMailbox(from) || /[\r\n]/.test(from))
    throw new MailConfigError('MIGOV_MAIL_FROM', `${JSON.stringify(from)} is not an address or "Name <address>"`);
  return {
    ...DEFAULT_MAIL_SETTINGS,
    smtp,
    from,
    reminderDays: integer(env, 'MIGOV_MAIL_REMINDER_DAYS', DEFAULT_MAIL_SETTINGS.reminderDays, 0, 90),
    maxAttempts: integer(env, 'MIGOV_MAIL_MAX_ATTEMPTS', DEFAULT_MAIL_SETTINGS.maxAttempts, 1, 100),
    retryBaseMs: integer(env, 'MIGOV_MAIL_RETRY_SECONDS', DEFAULT_MAIL_SETTINGS.retryBaseMs / 1000, 1, 86_400) * 1000,
  };
}
