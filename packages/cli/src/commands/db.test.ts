import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, createEmptyTestDatabaseUrl, createUser, listUsers } from '@migov/db';
import { CliError } from '../cli-error.ts';
import { registerDbCommands, resolveDatabaseUrl } from './db.ts';

const directory = mkdtempSync(join(tmpdir(), 'migov-cli-db-'));

async function run(...args: string[]): Promise<void> {
  const program = new Command('migov').exitOverride();
  registerDbCommands(program);
  await program.parseAsync(['node', 'migov', ...args]);
}

describe('migov db', () => {
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('resolves the database from the flag, then DATABASE_URL, then the default', () => {
    expect(resolveDatabaseUrl('sqlite:x.sqlite', { DATABASE_URL: 'postgres://h/d' })).toBe('sqlite:x.sqlite');
    expect(resolveDatabaseUrl(undefined, { DATABASE_URL: 'postgres://h/d' })).toBe('postgres://h/d');
    expect(resolveDatabaseUrl(undefined, {})).toBe('./.migov/migov.sqlite');
  });

  it('migrates, backs up and restores SQLite into PostgreSQL', async () => {
    const source = `sqlite:${join(directory, 'source.sqlite')}`;
    await run('db', 'migrate', '--database', source);
    const db = await createDatabase({ url: source });
    await createUser(db, { email: 'demo-cli@demo.migov.invalid', name: 'Demo CLI user' });
    await db.close();
    const file = join(directory, 'backup.jsonl.gz');
    await run('db', 'backup', '--out', file, '--database', source);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);
    // Backups hold password and token hashes: readable by the owner only.
    expect(statSync(file).mode & 0o077).toBe(0);

    const target = await createEmptyTestDatabaseUrl('postgres');
    try {
      await run('db', 'restore', file, '--database', target.url);
      const restored = await createDatabase({ url: target.url });
      expect((await listUsers(restored)).items.map((user) => user.email)).toEqual(['demo-cli@demo.migov.invalid']);
      await restored.close();
      // A second restore into the now non-empty database is refused with a one-line error.
      await expect(run('db', 'restore', file, '--database', target.url)).rejects.toMatchObject({
        name: 'CliError',
        exitCode: 1,
        message: expect.stringContaining('empty database'),
      });
    } finally {
      await target.remove();
    }
  }, 60_000);

  it('reports a missing backup file and an unsupported URL as CLI errors', async () => {
    await expect(
      run('db', 'restore', join(directory, 'missing.gz'), '--database', `sqlite:${join(directory, 'x.sqlite')}`),
    ).rejects.toBeInstanceOf(CliError);
    await expect(run('db', 'migrate', '--database', 'mysql://h/d')).rejects.toMatchObject({ exitCode: 2 });
  });
});
