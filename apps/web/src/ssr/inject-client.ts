/** An API client over Fastify's in-process `inject`, so the static publication reads exactly what the HTTP API serves. */
import { ApiProblem, type ApiClient, type ApiResponse, type RequestOptions } from '../api/api-client.ts';
import type { Problem } from '@migov/server/api';

/** What the client needs of a migov app (`createApp` from @migov/server). */
export interface Injectable {
  inject(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }): Promise<{ statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown> }>;
}

/** A client that calls the app in process; GET answers are memoized (the data does not change during a publication). */
export function createInjectClient(
  app: Injectable,
  prefix = '/api/v1',
): ApiClient & { raw(path: string): Promise<Buffer> } {
  const cache = new Map<string, Promise<ApiResponse<unknown>>>();
  const call = async <Body>(path: string, options: RequestOptions = {}): Promise<ApiResponse<Body>> => {
    const response = await app.inject({
      method: options.method ?? 'GET',
      url: `${prefix}${path}`,
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    });
    const parsed: unknown = response.body ? JSON.parse(response.body) : undefined;
    if (response.statusCode >= 400)
      throw new ApiProblem({ ...((parsed ?? {}) as Problem), status: response.statusCode });
    const etag = response.headers.etag;
    return { body: parsed as Body, ...(typeof etag === 'string' ? { etag } : {}) };
  };
  return {
    request<Body>(path: string, options: RequestOptions = {}) {
      if ((options.method ?? 'GET') !== 'GET') return call<Body>(path, options);
      let hit = cache.get(path);
      if (!hit) {
        hit = call<unknown>(path);
        cache.set(path, hit);
        hit.catch(() => cache.delete(path));
      }
      return hit as Promise<ApiResponse<Body>>;
    },
    async raw(path) {
      const response = await app.inject({ method: 'GET', url: `${prefix}${path}` });
      if (response.statusCode >= 400)
        throw new ApiProblem({ status: response.statusCode, detail: `GET ${path}: HTTP ${response.statusCode}` });
      return response.rawPayload;
    },
  };
}
