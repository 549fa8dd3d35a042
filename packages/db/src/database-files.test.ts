/** SQLite files hold password hashes and evidence: a new database, its -wal and -shm files and a new folder are owner-only. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('SQLite database files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'migov-files-'));
  const previousUmask = process.umask(0o022);
  afterAll(() => {
    process.umask(previousUmask);
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the database, its -wal and -shm files 0600 in a folder that exists, and a new folder 0700', async () => {
    for (const filename of [
      join(folder, 'existing-folder.sqlite'),
      join(folder, 'new', 'deeper', 'new-folder.sqlite'),
    ]) {
      const db = await createDatabase({ url: `sqlite:${filename}` });
      try {
        await db.migrate();
        for (const file of [filename, `${filename}-wal`, `${filename}-shm`])
          expect(mode(file).toString(8), file).toBe('600');
      } finally {
        await db.close();
      }
    }
    expect(mode(join(folder, 'new')).toString(8)).toBe('700');
    expect(mode(join(folder, 'new', 'deeper')).toString(8)).toBe('700');
  });

  it('opens an existing database again, its mode unchanged', async () => {
    const filename = join(folder, 'again.sqlite');
    const first = await createDatabase({ url: filename });
    await first.migrate();
    await first.close();
    const second = await createDatabase({ url: filename });
    await expect(second.migrate()).resolves.toBeUndefined();
    await second.close();
    expect(mode(filename).toString(8)).toBe('600');
  });
});
