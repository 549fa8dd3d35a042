/**
 * Server configuration. Everything has a safe default; `loadConfigFromEnv` reads the environment
 * (the only place that does), and bad values fail fast with the variable name and the value.
 */

import {
  CONNECTION_LIMIT_VARIABLES,
  DEFAULT_CONNECTION_LIMITS,
  type ConnectionLimits,
} from './http/connection-limits.ts';
import type { EvidenceQuota } from '@migov/db';
import { DEFAULT_PARSING_LIMITS, PARSING_LIMIT_VARIABLES, type ParsingLimits } from './parsing/limits.ts';
import { loadMailConfig, type MailConfig } from './mail/mail-config.ts';

/** The environment variable of each evidence quota (see docs/security.md). */
export const EVIDENCE_QUOTA_VARIABLES: Record<keyof EvidenceQuota, string> = {
  assessmentBytes: 'MIGOV_EVIDENCE_QUOTA_ASSESSMENT_BYTES',
  assessmentFiles: 'MIGOV_EVIDENCE_QUOTA_ASSESSMENT_FILES',
  userBytes: 'MIGOV_EVIDENCE_QUOTA_USER_BYTES',
  userFiles: 'MIGOV_EVIDENCE_QUOTA_USER_FILES',
};

/** Settings of organisation sign-in through OpenID Connect. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The absolute URL of this server's callback route. */
  redirectUri: string;
  scopes: string;
  /** Email domains whose users may sign in this way (empty = any email the provider vouches for). */
  allowedDomains: string[];
}

/** The server's settings. */
export interface ServerConfig {
  /** Public origin, e.g. https://migov.example.org; decides whether cookies are Secure. */
  publicUrl: string;
  /** Idle lifetime of a session, in seconds. */
  sessionTtlSeconds: number;
  /** Failed sign-ins in a row with one email from one address before that pair must wait (auth/sign-in-throttle.ts). */
  lockoutThreshold: number;
  /** The first wait of a throttled pair of email and address, in seconds; each further failure doubles it. */
  lockoutSeconds: number;
  /** Sign-in attempts allowed per IP address per minute. */
  signInPerIpPerMinute: number;
  /** Largest evidence file accepted, in bytes. */
  maxEvidenceBytes: number;
  /** Largest uploaded workbook, instrument or data file, in bytes. */
  maxUploadBytes: number;
  /** Bounds on parsing an uploaded workbook or data file, and the parsing threads (parsing/limits.ts). */
  parsing: ParsingLimits;
  /** Evidence storage per assessment and per user: total bytes and number of files (withdrawn files count: they are kept). */
  evidenceQuota: EvidenceQuota;
  /** Lifetime of an invitation, in seconds. */
  invitationTtlSeconds: number;
  /** Lifetime of a password reset link, in seconds. */
  passwordResetTtlSeconds: number;
  /** Trust X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  /** Timeouts and the cap on open connections of a listening server (http/connection-limits.ts). */
  connections: ConnectionLimits;
  /** Folder of the web app's built files, served at / when present. */
  webRoot?: string;
  oidc?: OidcConfig;
  /** E-mail delivery by SMTP (docs/mail.md); without it nothing is sent and links are shown to pass on. */
  mail?: MailConfig;
  /** The bearer token that reads GET /metrics (MIGOV_METRICS_TOKEN); without it there are no metrics (http/metrics.ts). */
  metricsToken?: string;
}

/** The defaults, suitable for a local install. */
export const DEFAULT_CONFIG: ServerConfig = {
  publicUrl: 'http://127.0.0.1:8080',
  sessionTtlSeconds: 8 * 60 * 60,
  lockoutThreshold: 5,
  lockoutSeconds: 15 * 60,
  signInPerIpPerMinute: 30,
  maxEvidenceBytes: 20 * 1024 * 1024,
  maxUploadBytes: 10 * 1024 * 1024,
  parsing: DEFAULT_PARSING_LIMITS,
  evidenceQuota: {
    assessmentBytes: 500 * 1024 * 1024,
    assessmentFiles: 200,
    userBytes: 1024 * 1024 * 1024,
    userFiles: 500,
  },
  invitationTtlSeconds: 7 * 24 * 60 * 60,
  passwordResetTtlSeconds: 60 * 60,
  trustProxy: false,
  connections: DEFAULT_CONNECTION_LIMITS,
};

/** A configuration value is invalid. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, why: string) {
    super(`invalid ${variable}: ${JSON.stringify(value)} (${why})`);
    this.name = 'ConfigError';
  }
}

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(name, text, 'expected a positive integer');
  return value;
}

function url(env: Record<string, string | undefined>, name: string): string | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
    return text.replace(/\/$/, '');
  } catch {
    throw new ConfigError(name, text, 'expected an http(s) URL');
  }
}

/** Read the configuration from environment variables (MIGOV_*), over `base`. */
export function loadConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  base: Partial<ServerConfig> = {},
): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...base };
  config.publicUrl = url(env, 'MIGOV_PUBLIC_URL') ?? config.publicUrl;
  config.sessionTtlSeconds = positiveInteger(env, 'MIGOV_SESSION_TTL_SECONDS', config.sessionTtlSeconds);
  config.lockoutThreshold = positiveInteger(env, 'MIGOV_LOCKOUT_THRESHOLD', config.lockoutThreshold);
  config.lockoutSeconds = positiveInteger(env, 'MIGOV_LOCKOUT_SECONDS', config.lockoutSeconds);
  config.signInPerIpPerMinute = positiveInteger(env, 'MIGOV_SIGN_IN_PER_IP_PER_MINUTE', config.signInPerIpPerMinute);
  config.maxEvidenceBytes = positiveInteger(env, 'MIGOV_MAX_EVIDENCE_BYTES', config.maxEvidenceBytes);
  config.maxUploadBytes = positiveInteger(env, 'MIGOV_MAX_UPLOAD_BYTES', config.maxUploadBytes);
  config.parsing = { ...config.parsing };
  for (const [key, variable] of Object.entries(PARSING_LIMIT_VARIABLES) as [keyof ParsingLimits, string][])
    config.parsing[key] = positiveInteger(env, variable, config.parsing[key]);
  config.evidenceQuota = { ...config.evidenceQuota };
  for (const [key, variable] of Object.entries(EVIDENCE_QUOTA_VARIABLES) as [keyof EvidenceQuota, string][])
    config.evidenceQuota[key] = positiveInteger(env, variable, config.evidenceQuota[key]);
  config.connections = { ...config.connections };
  for (const [key, variable] of Object.entries(CONNECTION_LIMIT_VARIABLES) as [keyof ConnectionLimits, string][])
    config.connections[key] = positiveInteger(env, variable, config.connections[key]);
  if (config.connections.headersTimeoutMs > config.connections.requestTimeoutMs)
    throw new ConfigError(
      'MIGOV_HEADERS_TIMEOUT_MS',
      String(config.connections.headersTimeoutMs),
      `must not exceed MIGOV_REQUEST_TIMEOUT_MS (${config.connections.requestTimeoutMs})`,
    );
  config.passwordResetTtlSeconds = positiveInteger(
    env,
    'MIGOV_PASSWORD_RESET_TTL_SECONDS',
    config.passwordResetTtlSeconds,
  );
  const mail = loadMailConfig(env, config.publicUrl);
  if (mail) config.mail = mail;
  if (env.MIGOV_TRUST_PROXY !== undefined)
    config.trustProxy = env.MIGOV_TRUST_PROXY === 'true' || env.MIGOV_TRUST_PROXY === '1';
  const metricsToken = env.MIGOV_METRICS_TOKEN;
  if (metricsToken !== undefined && metricsToken !== '') {
    if (metricsToken.length < 16 || /\s/.test(metricsToken))
      throw new ConfigError('MIGOV_METRICS_TOKEN', '(hidden)', 'expected at least 16 characters without spaces');
    config.metricsToken = metricsToken;
  }
  const issuer = url(env, 'MIGOV_OIDC_ISSUER');
  if (issuer) {
    const clientId = env.MIGOV_OIDC_CLIENT_ID;
    if (!clientId) throw new ConfigError('MIGOV_OIDC_CLIENT_ID', '', 'required when MIGOV_OIDC_ISSUER is set');
    config.oidc = {
      issuer,
      clientId,
      ...(env.MIGOV_OIDC_CLIENT_SECRET ? { clientSecret: env.MIGOV_OIDC_CLIENT_SECRET } : {}),
      redirectUri: url(env, 'MIGOV_OIDC_REDIRECT_URI') ?? `${config.publicUrl}/api/v1/auth/oidc/callback`,
      scopes: env.MIGOV_OIDC_SCOPES ?? 'openid email profile',
      allowedDomains: (env.MIGOV_OIDC_ALLOWED_DOMAINS ?? '')
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean),
    };
  }
  return config;
}
