import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTranslator } from '../i18n/translator.ts';
import { CATALOGUES } from '../i18n/catalogues/index.ts';
import { ApiProblem, createFetchClient } from './api-client.ts';
import { failureMessage } from './problem-message.tsx';

/** What may answer instead of the API: a proxy's HTML error page, and a problem+json answer. */
describe('the fetch client’s refusals', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/api/v1/proxy') {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      } else {
        response.writeHead(409, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ status: 409, code: 'edit-conflict', title: 'Someone else changed this first' }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('turns a proxy’s HTML page into a problem with its status, said in the reader’s language', async () => {
    const failure = await createFetchClient(base)
      .request('/proxy')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiProblem);
    expect((failure as ApiProblem).status).toBe(502);
    expect(failureMessage(getTranslator('ru'), failure)).toBe('Сервер отклонил запрос (HTTP 502).');
  });

  it('keeps the problem document of an API answer', async () => {
    const failure = await createFetchClient(base)
      .request('/assessments/x/responses', { method: 'PATCH', body: {} })
      .catch((error: unknown) => error);
    expect((failure as ApiProblem).problem).toMatchObject({ status: 409, code: 'edit-conflict' });
    expect(failureMessage(getTranslator('ar'), failure)).toBe(CATALOGUES.ar['problem.edit-conflict']);
  });
});
