import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_ERRORS, ApiError, toProblem } from './api-error.ts';
import { toApiError } from './error-handler.ts';

const doc = readFileSync(fileURLToPath(new URL('../../../../docs/errors.md', import.meta.url)), 'utf8');

describe('the error catalogue', () => {
  it('documents every code with its status in docs/errors.md, and nothing else', () => {
    const documented = new Map(
      [...doc.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \|/gm)].map((match) => [match[1], Number(match[2])]),
    );
    const catalogued = new Map(Object.entries(API_ERRORS).map(([code, entry]) => [code, entry.status]));
    expect(documented).toEqual(catalogued);
  });

  it('renders a problem with type, title, status, detail and code', () => {
    const problem = toProblem(
      new ApiError('edit-conflict', 'lock version 3 is stale', { current: { lockVersion: 4 } }),
      '/api/v1/x',
    );
    expect(problem).toEqual({
      type: 'https://migov.org/docs/errors#edit-conflict',
      title: 'Someone else changed this first',
      status: 409,
      detail: 'lock version 3 is stale',
      code: 'edit-conflict',
      instance: '/api/v1/x',
      current: { lockVersion: 4 },
    });
  });

  it('never lets an extension overwrite the standard members', () => {
    const problem = toProblem(new ApiError('forbidden', 'no', { status: 200, code: 'x' }));
    expect(problem.status).toBe(403);
    expect(problem.code).toBe('forbidden');
  });

  it('turns an unknown error into an internal-error without its message', () => {
    const error = toApiError(new Error('secret connection string postgres://u:p@h'));
    expect(error.code).toBe('internal-error');
    expect(error.message).not.toContain('postgres');
  });
});
