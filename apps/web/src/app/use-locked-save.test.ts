import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createDatabase, createUser, grantRole, type MigovDatabase } from '@migov/db';
import { createApp, createSecret, hashSecret, type MigovApp } from '@migov/server';
import type { ApiErrorCode } from '@migov/server/api';
import { ApiProblem, type ApiClient } from '../api/api-client.ts';
import { CATALOGUES } from '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import { createInjectClient } from '../ssr/inject-client.ts';
import { failureText, lockedSave } from './use-locked-save.ts';

/** A locked save against the real API (in process), as a global analyst editing the crosswalk. */
describe('a locked save', () => {
  let db: MigovDatabase;
  let app: MigovApp;
  let api: ApiClient;

  beforeAll(async () => {
    db = await createDatabase({ url: 'sqlite::memory:' });
    await db.migrate();
    const user = await createUser(db, { email: 'analyst@example.org', name: 'Analyst' });
    await grantRole(db, { userId: user.id, role: 'global-analyst', scope: { kind: 'global' } }, null);
    const secret = createSecret('mgv_');
    await createApiToken(db, { userId: user.id, name: 'test', tokenHash: hashSecret(secret) });
    app = await createApp({ db });
    const inner = createInjectClient(app);
    api = {
      request: (path, options = {}) =>
        inner.request(path, { ...options, headers: { authorization: `Bearer ${secret}`, ...options.headers } }),
    };
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const link = (objective: string) => ({
    source: 'A published mapping',
    link: {
      from: { kind: 'sdg-10-7-2-domain', id: 'DOMAIN1' },
      to: { kind: 'gcm-objective', id: objective },
      basis: 'editorial',
    },
  });

  it('stores from the version it names, hands back what is stored when someone saved first, and says why a write failed', async () => {
    const history = await api.request<{ items: { version: number }[] }>('/crosswalks/history');
    const version = Number(JSON.parse(history.etag ?? '0'));
    expect(version).toBe(history.body.items[0]?.version);

    const saved = await lockedSave<{ version: number }>(api, '/crosswalks/links', version, { body: link('21') });
    expect(saved).toMatchObject({ outcome: 'saved', body: { version: version + 1 } });

    const stale = await lockedSave<{ version: number }>(api, '/crosswalks/links', version, { body: link('22') });
    expect(stale).toMatchObject({ outcome: 'conflict', current: { version: version + 1 } });

    const refused = await lockedSave(api, '/crosswalks/links', version + 1, { body: { source: 's' } });
    expect(refused.outcome).toBe('failed');
    if (refused.outcome !== 'failed') throw new Error('a body without a link was not refused');
    // Said in the reader's language from the problem's code; the server's English detail stays on the problem.
    expect(refused.error).toBeInstanceOf(ApiProblem);
    const { problem } = refused.error as ApiProblem;
    expect(problem.detail).toMatch(/link/);
    expect(failureText(refused, getTranslator('fr'))).toBe(CATALOGUES.fr[`problem.${problem.code as ApiErrorCode}`]);
  });
});
