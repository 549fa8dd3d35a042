import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDataset } from '@migov/core';
import { NotFoundError, ValidationError } from '../errors.ts';
import { makeUser } from '../testing/fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import {
  findIndicatorDataset,
  getIndicatorDataset,
  importIndicatorDatasets,
  listAreaIndicatorDatasets,
  listIndicatorDatasets,
} from './indicators.repository.ts';

const source = { name: 'hand-made refugees file', format: 'sdg-api-csv' };

const refugees = (observations: IndicatorDataset['observations']): IndicatorDataset => ({
  indicator: '10.7.4',
  series: 'SM_POP_REFG_OR',
  unit: 'PER_100000_POP',
  seriesDescription: 'Refugees per 100,000 population',
  observations,
});

describe.each(TEST_DIALECTS)('the indicator datasets repository on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('stores datasets, merges later files into them as new releases, and keeps earlier releases', async () => {
    const admin = await makeUser(test.db, 'Admin');
    const first = await importIndicatorDatasets(
      test.db,
      {
        datasets: [
          refugees([
            { area: '4', year: 2019, value: 12.5, dimensions: { SEX: 'F' }, attributes: { NATURE: 'E' } },
            { area: '4', year: 2019, value: null, valueLabel: 'NaN', dimensions: { SEX: 'M' }, attributes: {} },
          ]),
        ],
        source,
      },
      admin.id,
    );
    expect(first).toMatchObject({
      ok: true,
      dryRun: false,
      added: 2,
      replaced: 0,
      datasets: [{ indicator: '10.7.4', observationCount: 2, added: 2 }],
    });
    const [release1] = await listIndicatorDatasets(test.db, { indicator: '10.7.4' });
    expect(release1).toMatchObject({
      series: 'SM_POP_REFG_OR',
      unit: 'PER_100000_POP',
      observationCount: 2,
      importedBy: admin.id,
      source,
    });
    const stored = await getIndicatorDataset(test.db, release1!.id);
    expect(stored.dataset.observations).toEqual([
      { area: '4', year: 2019, value: 12.5, dimensions: { SEX: 'F' }, attributes: { NATURE: 'E' } },
      { area: '4', year: 2019, value: null, valueLabel: 'NaN', dimensions: { SEX: 'M' }, attributes: {} },
    ]);

    const national = await importIndicatorDatasets(
      test.db,
      {
        datasets: [refugees([{ area: '50', year: 2020, value: 3, dimensions: { SEX: 'F' }, attributes: {} }])],
        source: { ...source, name: 'national file' },
      },
      admin.id,
    );
    expect(national).toMatchObject({ ok: true, added: 1, datasets: [{ observationCount: 3, added: 1 }] });
    const current = await listIndicatorDatasets(test.db);
    expect(current).toHaveLength(1);
    expect(current[0]?.id).not.toBe(release1?.id);
    expect(current[0]?.observationCount).toBe(3);
    expect((await findIndicatorDataset(test.db, release1!.id))?.dataset.observations).toHaveLength(2);
    expect(
      (await listAreaIndicatorDatasets(test.db, '50')).map((entry) =>
        entry.dataset.observations.map((observation) => observation.area),
      ),
    ).toEqual([['50']]);
    expect(await listAreaIndicatorDatasets(test.db, '250')).toEqual([]);
  });

  it('refuses conflicting values unless told to replace them, and writes nothing on a dry run', async () => {
    const before = await listIndicatorDatasets(test.db);
    const changed = refugees([{ area: '4', year: 2019, value: 99, dimensions: { SEX: 'F' }, attributes: {} }]);
    const refused = await importIndicatorDatasets(test.db, { datasets: [changed], source }, null);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.conflicts).toHaveLength(1);
    const dry = await importIndicatorDatasets(
      test.db,
      { datasets: [changed], source, onConflict: 'replace', dryRun: true },
      null,
    );
    expect(dry).toMatchObject({ ok: true, dryRun: true, replaced: 1 });
    expect(await listIndicatorDatasets(test.db)).toEqual(before);
    const replaced = await importIndicatorDatasets(
      test.db,
      { datasets: [changed], source, onConflict: 'replace' },
      null,
    );
    expect(replaced).toMatchObject({ ok: true, replaced: 1 });
    const now = await getIndicatorDataset(test.db, (await listIndicatorDatasets(test.db))[0]!.id);
    expect(
      now.dataset.observations.find((observation) => observation.area === '4' && observation.dimensions.SEX === 'F')
        ?.value,
    ).toBe(99);
  });

  it('refuses an import without source or datasets, and unknown ids', async () => {
    await expect(
      importIndicatorDatasets(test.db, { datasets: [], source: { name: '', format: 'x' } }, null),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(getIndicatorDataset(test.db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
