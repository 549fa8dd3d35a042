import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigov } from '../run-cli.test-helper.ts';

/** A small instrument that carries an Arabic translation apart from its texts, with its source. */
const instrument = new URL('../../../../examples/translated-instrument.json', import.meta.url).pathname;

describe('migov score --language with an instrument that carries an official translation', () => {
  it('explains in the translation, without the shown-in-English note; a language without one keeps the note', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-score-translation-'));
    await writeFile(join(dir, 'answers.json'), JSON.stringify({ responses: { '1a': 'yes', '1b': 'no' } }));
    const arabic = await runMigov([
      'score',
      join(dir, 'answers.json'),
      '--instrument-file',
      instrument,
      '--language',
      'ar',
    ]);
    expect(arabic.code).toBe(0);
    expect(arabic.stdout).toContain('example-translated@1: أداة مثال مع ترجمة مرفقة');
    expect(arabic.stdout).toContain('DOMAIN1 حقوق المهاجرين: 50 -> 2 يستوفي');
    expect(arabic.stdout).not.toContain('بالإنكليزية');
    const russian = await runMigov([
      'score',
      join(dir, 'answers.json'),
      '--instrument-file',
      instrument,
      '--language',
      'ru',
    ]);
    expect(russian.code).toBe(0);
    expect(russian.stdout).toContain('DOMAIN1 Migrant rights');
    expect(russian.stdout).toContain('официального перевода на русский нет');
  });
});
