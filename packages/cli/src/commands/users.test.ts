import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createUser, listAudit, setPasswordHash, type MigovDatabase } from '@migov/db';
import { createApp, hashPassword, type MigovApp } from '@migov/server';
import { runMigov } from '../run-cli.test-helper.ts';
import { resetPasswordLink } from './users.ts';

const PUBLIC_URL = 'http://migov.test';

describe('migov users reset-password', () => {
  const directory = mkdtempSync(join(tmpdir(), 'migov-cli-users-'));
  const url = `sqlite:${join(directory, 'migov.sqlite')}`;
  let db: MigovDatabase;
  let app: MigovApp;
  // The server's clock: the real one for the link the executable makes, then moved past a link's hour.
  let nowMs = Date.now();

  beforeAll(async () => {
    db = await createDatabase({ url });
    await db.migrate();
    const user = await createUser(db, { email: 'Lost@Example.org', name: 'Lena Lost', preferredLanguage: 'fr' });
    await setPasswordHash(db, user.id, await hashPassword('the forgotten password'));
    await createUser(db, { email: 'gone@example.org', name: 'Gone', status: 'disabled' });
    app = await createApp({ db, config: { publicUrl: PUBLIC_URL }, now: () => new Date(nowMs) });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const confirm = (link: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/password-reset/confirm',
      payload: { token: new URL(link).hash.replace('#token=', ''), password },
    });

  it('prints a one-time link in the account’s language, without any SMTP server', async () => {
    const run = await runMigov(['users', 'reset-password', 'lost@example.org', '--database', url], {
      env: { MIGOV_PUBLIC_URL: PUBLIC_URL, MIGOV_SMTP_URL: '', MIGOV_SMTP_HOST: '' },
    });
    expect(run.stderr).toContain('works once');
    expect(run.code).toBe(0);
    const link = run.stdout.trim();
    expect(link).toMatch(/^http:\/\/migov\.test\/fr\/password-reset#token=\S{20,}$/);

    const used = await confirm(link, 'a new password from the link');
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toMatchObject({ email: 'lost@example.org' });
    const again = await confirm(link, 'another new password');
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('password-reset-invalid');
    const audit = await listAudit(db, { filters: { action: 'password-reset.request' } });
    expect(audit.items[0]?.details).toEqual({ via: 'cli' });
  }, 60_000);

  it('makes links that expire like the e-mailed ones, and voids the others when one is used', async () => {
    const first = await resetPasswordLink(
      'lost@example.org',
      { database: url, publicUrl: PUBLIC_URL },
      {},
      () => new Date(nowMs),
    );
    expect(first.expiresAt).toBe(new Date(nowMs + 3_600_000).toISOString());
    const second = await resetPasswordLink(
      'lost@example.org',
      { database: url, publicUrl: PUBLIC_URL },
      {},
      () => new Date(nowMs),
    );
    expect((await confirm(second.url, 'the second new password')).statusCode).toBe(200);
    expect((await confirm(first.url, 'the first new password')).statusCode).toBe(410);

    const late = await resetPasswordLink(
      'lost@example.org',
      { database: url, publicUrl: PUBLIC_URL },
      {},
      () => new Date(nowMs),
    );
    nowMs += 3_600_000 + 1_000;
    expect((await confirm(late.url, 'too late a password')).statusCode).toBe(410);
  });

  it('refuses an unknown or disabled address with exit code 1, and changes nothing', async () => {
    const requests = async () => (await listAudit(db, { filters: { action: 'password-reset.request' } })).total;
    const before = await requests();
    for (const email of ['nobody@example.org', 'gone@example.org']) {
      await expect(resetPasswordLink(email, { database: url, publicUrl: PUBLIC_URL }, {})).rejects.toMatchObject({
        name: 'CliError',
        exitCode: 1,
        message: `no active account has the address ${email}`,
      });
    }
    expect(await requests()).toBe(before);
  });
});
