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

/** An answer before it is parsed: what can cross from one thread to another (the body as UTF-8 bytes moves without a copy). */
export interface TextAnswer {
  status: number;
  body: string | Uint8Array;
  etag?: string;
}

/** A file's bytes as answered (an error status is thrown as a problem by the client). */
export interface RawAnswer {
  status: number;
  bytes: Uint8Array;
}

/** Something that answers API calls: the app in process, or the thread that holds it. */
export interface Transport {
  text(path: string, options: RequestOptions): Promise<TextAnswer>;
  raw(path: string): Promise<RawAnswer>;
}

/** Calls to the app in process; with `bytes`, answers' bodies are UTF-8 bytes of their own (to transfer to another thread). */
export function injectTransport(app: Injectable, prefix = '/api/v1', { bytes = false } = {}): Transport {
  return {
    async text(path, options) {
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
      const etag = response.headers.etag;
      return {
        status: response.statusCode,
        body: bytes ? new Uint8Array(response.rawPayload) : response.body,
        ...(typeof etag === 'string' ? { etag } : {}),
      };
    },
    async raw(path) {
      const response = await app.inject({ method: 'GET', url: `${prefix}${path}` });
      return { status: response.statusCode, bytes: response.rawPayload };
    },
  };
}

/** GET answers a client keeps (the most recent). */
const MEMOIZED = 1000;

/** A client over a transport; recent GET answers are memoized (the data does not change during a publication). */
export function transportClient(transport: Transport): ApiClient & { raw(path: string): Promise<Uint8Array> } {
  const cache = new Map<string, Promise<ApiResponse<unknown>>>();
  const decoder = new TextDecoder();
  const call = async <Body>(path: string, options: RequestOptions = {}): Promise<ApiResponse<Body>> => {
    const response = await transport.text(path, options);
    const text = typeof response.body === 'string' ? response.body : decoder.decode(response.body);
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (response.status >= 400) throw new ApiProblem({ ...((parsed ?? {}) as Problem), status: response.status });
    return { body: parsed as Body, ...(response.etag !== undefined ? { etag: response.etag } : {}) };
  };
  return {
    request<Body>(path: string, options: RequestOptions = {}) {
      if ((options.method ?? 'GET') !== 'GET') return call<Body>(path, options);
      let hit = cache.get(path);
      if (hit)
        cache.delete(path); // kept as the most recent
      else {
        hit = call<unknown>(path);
        hit.catch(() => cache.delete(path));
      }
      cache.set(path, hit);
      // A publication reads each profile once: only the most recent answers are kept, so memory stays flat.
      if (cache.size > MEMOIZED) cache.delete(cache.keys().next().value!);
      return hit as Promise<ApiResponse<Body>>;
    },
    async raw(path) {
      const { status, bytes } = await transport.raw(path);
      if (status >= 400) throw new ApiProblem({ status, detail: `GET ${path}: HTTP ${status}` });
      return bytes;
    },
  };
}

/** A client that calls the app in process; recent GET answers are memoized (the data does not change during a publication). */
export function createInjectClient(
  app: Injectable,
  prefix = '/api/v1',
): ApiClient & { raw(path: string): Promise<Uint8Array> } {
  return transportClient(injectTransport(app, prefix));
}
