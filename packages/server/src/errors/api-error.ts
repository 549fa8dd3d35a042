/**
 * The one error catalogue of the HTTP API. Every failure a client can see has a code here, an HTTP
 * status and a title; docs/errors.md documents each code (checked by a test). Errors are rendered
 * once, as RFC 9457 problem+json, by the app's error handler.
 */

/** Every error code the API can answer with, with its status and a short human title. */
export const API_ERRORS = {
  'validation-failed': { status: 400, title: 'The request does not match the schema' },
  'malformed-request': { status: 400, title: 'The request cannot be parsed' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  'session-expired': { status: 401, title: 'The session has expired' },
  'token-revoked': { status: 401, title: 'The API token is revoked or expired' },
  'csrf-token-invalid': { status: 403, title: 'Missing or wrong X-CSRF-Token header' },
  forbidden: { status: 403, title: 'Not allowed for your roles and jurisdictions' },
  'account-disabled': { status: 403, title: 'The account is disabled' },
  'invitation-other-account': { status: 403, title: 'The invitation is for another account' },
  'not-found': { status: 404, title: 'No such resource' },
  'route-not-found': { status: 404, title: 'No such route' },
  'oidc-not-configured': { status: 404, title: 'Organisation sign-in is not configured' },
  'edit-conflict': { status: 409, title: 'Someone else changed this first' },
  'invalid-transition': { status: 409, title: 'This action is not possible in the current state' },
  'already-exists': { status: 409, title: 'It exists already' },
  'round-closed': { status: 409, title: 'The round is closed' },
  'invitation-sign-in-required': { status: 409, title: 'Sign in as the invited account to accept' },
  'invitation-invalid': { status: 410, title: 'The invitation is unknown, used or expired' },
  'password-reset-invalid': { status: 410, title: 'The password reset link is unknown, used or expired' },
  'request-timeout': { status: 408, title: 'The request did not arrive in time' },
  'payload-too-large': { status: 413, title: 'The upload is too large' },
  'uri-too-long': { status: 414, title: 'The request URL is too long' },
  'upload-limit-exceeded': { status: 413, title: 'The upload exceeds a parsing limit' },
  'evidence-quota-exceeded': { status: 413, title: 'The evidence storage quota is used up' },
  'unsupported-media-type': { status: 415, title: 'This type of file or body is not accepted' },
  'invalid-instrument': { status: 422, title: 'The instrument file is not valid' },
  'invalid-input': { status: 422, title: 'A field has a value that does not fit; nothing was changed' },
  'invalid-workbook': { status: 422, title: 'The workbook has invalid cells; nothing was changed' },
  'invalid-import': { status: 422, title: 'The data file has problems; nothing was imported' },
  'precondition-required': { status: 428, title: 'An If-Match header with the lock version is required' },
  'too-many-attempts': { status: 429, title: 'Too many failed sign-ins; try again later' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'internal-error': { status: 500, title: 'Internal error' },
  'not-ready': { status: 503, title: 'The service is not ready' },
  'server-busy': { status: 503, title: 'The server is busy; try again shortly' },
  'parser-busy': { status: 503, title: 'The server is parsing other uploads; try again shortly' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A code of the error catalogue. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** The codes in catalogue order. */
export const API_ERROR_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

/** Where a problem type is documented; the fragment is the code. */
const PROBLEM_TYPE_BASE = 'https://migov.org/docs/errors#';

/** An error the API reports to the client: a catalogue code, a specific detail, and optional extension members. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ApiErrorCode,
    detail?: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail ?? API_ERRORS[code].title);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERRORS[code].status;
    this.extensions = extensions;
    this.headers = headers;
  }
}

/** The RFC 9457 body of a problem. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ApiErrorCode;
  instance?: string;
  [extension: string]: unknown;
}

/** Render an ApiError as problem+json (never a stack trace). */
export function toProblem(error: ApiError, instance?: string): ProblemDocument {
  return {
    ...error.extensions,
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: API_ERRORS[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
  };
}
