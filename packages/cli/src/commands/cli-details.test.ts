/**
 * Details of the data commands as a user meets them: `export` of a national file (no area column)
 * takes the area from --area, as its problem asks; `aggregate --format table` starts with a header;
 * `score --language` explains in six languages and says when the instrument has no text of its own.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { runMigov } from '../run-cli.test-helper.ts';

const MALTA = sharedData('un-sdg-10-7-2/open-sdg_malta_indicator_10-7-2.csv');

describe('migov export of a national file', () => {
  it('asks for --area, and takes it', async () => {
    const refused = await runMigov(['export', MALTA]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no area column/);
    expect(refused.stderr).toContain('give the area of a national file with --area');

    const exported = await runMigov(['export', '--area', 'MLT', '--format', 'json', MALTA]);
    expect(exported.code, exported.stderr).toBe(0);
    const observations = (JSON.parse(exported.stdout) as { observations: { area: string; domain: string }[] })
      .observations;
    expect(observations.length).toBeGreaterThan(0);
    expect(new Set(observations.map((observation) => observation.area))).toEqual(new Set(['470']));
  });
});

describe('migov aggregate --format table', () => {
  it('starts with a header naming each column', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'migov-aggregate-table-'));
    const file = join(folder, 'values.csv');
    await writeFile(
      file,
      'SeriesCode,GeoAreaCode,TimePeriod,Policy Domains,Value\nSG_CPA_MIGRS,484,2021,ALLDOMAINS,3\nSG_CPA_MIGRS,76,2021,ALLDOMAINS,1\n',
    );
    const run = await runMigov(['aggregate', file, '--format', 'table', '--areas', '1']);
    expect(run.code, run.stderr).toBe(0);
    const [header, world] = run.stdout.split('\n');
    expect(header!.split('\t').map((cell) => cell.trim())).toEqual([
      'Year',
      'Area',
      'Name',
      'Domain',
      'Percent',
      'Meeting/responding',
      'Members',
    ]);
    expect(
      world!
        .split('\t')
        .map((cell) => cell.trim())
        .slice(0, 4),
    ).toEqual(['2021', '1', 'World', 'ALLDOMAINS']);
    expect(world).toContain('1/2');
  });
});

describe('migov score --language', () => {
  const answers = async () => {
    const folder = await mkdtemp(join(tmpdir(), 'migov-score-language-'));
    await writeFile(join(folder, 'answers.csv'), 'item,option\n1a,yes-regardless\n2a,yes\n');
    return join(folder, 'answers.csv');
  };

  it('explains in the language, with the instrument’s own translation where it has one', async () => {
    const run = await runMigov(['score', await answers(), '--language', 'fr']);
    expect(run.stdout).toContain('DOMAIN1 Droits des migrants: incomplet (aucune réponse pour 1b, 1c, 1d, 1e)');
    expect(run.stdout).toContain('catégorie suivante');
    expect(run.stdout).not.toContain('next category');
    expect(run.stdout).not.toContain('pas de traduction officielle');
  });

  it.each([
    ['ar', 'لا توجد ترجمة رسمية إلى العربية', 'الفئة التالية'],
    ['zh', '没有正式中文译本', '下一类别'],
    ['ru', 'официального перевода на русский нет', 'следующая категория'],
  ])('says so where the instrument has no %s text, and explains in it', async (language, note, next) => {
    const run = await runMigov(['score', await answers(), '--language', language]);
    expect(run.stdout).toContain(note);
    expect(run.stdout).toContain(next);
    expect(run.stdout).not.toMatch(/next category|no answer|incomplete/);
  });

  it('refuses a language it does not speak', async () => {
    const run = await runMigov(['score', await answers(), '--language', 'de']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid --language: de (one of en, fr, es, ar, zh, ru)');
  });
});
