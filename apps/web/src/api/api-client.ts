/**
 * The one way the web app talks to the server: JSON over /api/v1, the CSRF token on unsafe methods,
 * problems (RFC 9457) as {@link ApiProblem}. The static publication passes an in-process client with
 * the same interface, so pages read data through the API either way.
 */
import type { Problem } from '@migov/server/api';

/** A problem as received: the API answers problem+json, but what answers (a proxy, the network) may say less. */
export type ReceivedProblem = Partial<Problem> & Pick<Problem, 'status'>;

/**
 * A failed API call, carrying the problem document. Its `message` (the server's English detail) is for
 * logs: pages say a problem with `problemMessage` (problem-message.tsx), in the reader's language.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: ReceivedProblem;
  constructor(problem: ReceivedProblem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.problem = problem;
  }
}

/** A response with its body and headers. */
export interface ApiResponse<Body> {
  body: Body;
  etag?: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

/** What pages need from the API. */
export interface ApiClient {
  request<Body>(path: string, options?: RequestOptions): Promise<ApiResponse<Body>>;
}

/** GET a JSON body. */
export async function getJson<Body>(api: ApiClient, path: string): Promise<Body> {
  return (await api.request<Body>(path)).body;
}

/** A body as JSON, or undefined when it is none. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A client over fetch for the browser (same origin, session cookie). */
export function createFetchClient(base = '/api/v1'): ApiClient & { setCsrfToken(token: string | undefined): void } {
  let csrfToken: string | undefined;
  return {
    setCsrfToken(token) {
      csrfToken = token;
    },
    async request<Body>(path: string, options: RequestOptions = {}): Promise<ApiResponse<Body>> {
      const method = options.method ?? 'GET';
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      let body: BodyInit | undefined;
      // Forms and files go as they are (a file's Content-Type comes from options.headers).
      if (options.body instanceof FormData || options.body instanceof Blob) body = options.body;
      else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
      const response = await fetch(`${base}${path}`, { method, headers, body, credentials: 'same-origin' });
      const text = await response.text();
      if (!response.ok) {
        // What answers may not be the API (a proxy's HTML page): the status is all there is then.
        const parsed = parseJson(text);
        const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
        throw new ApiProblem({ ...problem, status: response.status });
      }
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      const etag = response.headers.get('etag') ?? undefined;
      return { body: parsed as Body, ...(etag ? { etag } : {}) };
    },
  };
}
