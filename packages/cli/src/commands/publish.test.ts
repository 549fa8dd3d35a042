/**
 * `migov publish` on worker threads writes the same site as on the main thread: a seeded small world
 * (local MGI-style profiles, national rounds, evidence) is published with --workers 0 and with
 * --workers 2, and every file is compared byte for byte.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@migov/db';
import { generateWorld } from '@migov/db/testing';
import { bootstrapDatabase } from '@migov/server';
import { runPublish as publish } from './publish.test-helper.ts';

/** Every file below a folder, as path -> bytes. */
function filesOf(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(folder.length + 1), readFileSync(path));
    }
  return files;
}

describe('migov publish --workers', () => {
  const folder = mkdtempSync(join(tmpdir(), 'migov-publish-workers-'));
  const database = `sqlite:${join(folder, 'world.sqlite')}`;
  let single: Map<string, Buffer>;
  let parallel: Map<string, Buffer>;
  let output = '';

  beforeAll(async () => {
    const db = await createDatabase({ url: database });
    await db.migrate();
    await bootstrapDatabase(db, { demo: false, adminPassword: 'publish workers test password' });
    await generateWorld(db, { seed: 7, scale: 0.01 });
    await db.close();
    const common = ['--database', database, '--languages', 'en,ar'];
    await publish(['--out', join(folder, 'single'), '--workers', '0', ...common]);
    output = await publish(['--out', join(folder, 'parallel'), '--workers', '2', ...common]);
    single = filesOf(join(folder, 'single'));
    parallel = filesOf(join(folder, 'parallel'));
  }, 600_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the same files, byte for byte, as one thread', () => {
    expect([...parallel.keys()].sort()).toEqual([...single.keys()].sort());
    // A workbook and an SDMX-ML message carry the moment they were made: those two are compared by name only.
    const differing = [...single]
      .filter(([path]) => !/\.(xlsx|xml)$/.test(path))
      .filter(([path, bytes]) => !parallel.get(path)?.equals(bytes))
      .map(([path]) => path);
    expect([...single.keys()].filter((path) => path.endsWith('.html')).length).toBeGreaterThan(500);
    expect(differing).toEqual([]);
  });

  it('publishes profiles of local jurisdictions, countries and downloads, and counts them all', () => {
    const pages = [...single.keys()].filter((path) => path.endsWith('.html') && path !== 'index.html');
    expect(pages.filter((path) => path.startsWith('en/governance/mgi/')).length).toBeGreaterThan(20);
    expect(pages.some((path) => path.startsWith('ar/country/'))).toBe(true);
    expect([...single.keys()].some((path) => path.startsWith('downloads/'))).toBe(true);
    expect(output).toContain(`published ${pages.length} pages`);
  });

  it('refuses a number of workers that is not a whole number', async () => {
    await expect(publish(['--out', join(folder, 'x'), '--database', database, '--workers', 'two'])).rejects.toThrow(
      'invalid --workers: two',
    );
  });
});
