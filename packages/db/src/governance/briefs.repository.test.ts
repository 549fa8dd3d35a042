import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { makeUser } from '../testing/fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { appendBriefVersion, createBrief, findBrief, getBrief, listBriefs } from './briefs.repository.ts';

const content = (title: string) => ({
  title,
  summary: 'Summary',
  results: { domains: [{ domain: 'DOMAIN1', category: 2 }] },
});

describe.each(TEST_DIALECTS)('the briefs repository on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('stores a brief as version 1 and appends edits as new versions, keeping every earlier one', async () => {
    const author = await makeUser(test.db, 'Analyst');
    const created = await createBrief(
      test.db,
      {
        area: '50',
        year: 2021,
        version: {
          change: 'generated',
          description: 'Generated from published data',
          content: content('First'),
          createdAt: '2026-01-01T10:00:00.000Z',
        },
      },
      author.id,
    );
    expect(created).toMatchObject({
      area: '50',
      year: 2021,
      versions: [
        {
          version: 1,
          change: 'generated',
          content: content('First'),
          createdAt: '2026-01-01T10:00:00.000Z',
          createdBy: author.id,
        },
      ],
    });
    const edited = await appendBriefVersion(
      test.db,
      {
        briefId: created.id,
        expectedVersion: 1,
        version: {
          change: 'edited',
          description: 'New title',
          content: content('Second'),
          createdAt: '2026-01-02T10:00:00.000Z',
        },
      },
      author.id,
    );
    expect(edited.versions.map((version) => [version.version, (version.content as { title: string }).title])).toEqual([
      [1, 'First'],
      [2, 'Second'],
    ]);
    expect(await findBrief(test.db, created.id)).toEqual(edited);
    expect(await listBriefs(test.db, { area: '50' })).toEqual([
      { id: created.id, area: '50', year: 2021, latestVersion: 2, updatedAt: '2026-01-02T10:00:00.000Z' },
    ]);
  });

  it('refuses a stale expected version with the stored brief, and lets only one of two racing editors win', async () => {
    const brief = await createBrief(
      test.db,
      {
        area: '484',
        version: {
          change: 'generated',
          description: 'g',
          content: content('A'),
          createdAt: '2026-01-01T10:00:00.000Z',
        },
      },
      null,
    );
    const edit = (title: string) =>
      appendBriefVersion(
        test.db,
        {
          briefId: brief.id,
          expectedVersion: 1,
          version: {
            change: 'edited',
            description: title,
            content: content(title),
            createdAt: '2026-01-01T11:00:00.000Z',
          },
        },
        null,
      );
    const results = await Promise.allSettled([edit('B'), edit('C')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.status === 'rejected' ? refused.reason : undefined).toBeInstanceOf(ConflictError);
    await expect(edit('D')).rejects.toMatchObject({
      name: 'ConflictError',
      current: { id: brief.id, versions: [{ version: 1 }, { version: 2 }] },
    });
    expect((await getBrief(test.db, brief.id)).versions).toHaveLength(2);
  });

  it('refuses bad input field by field and unknown briefs, changing nothing', async () => {
    await expect(
      createBrief(
        test.db,
        {
          area: 'BGD',
          year: 1900,
          version: { change: 'rewritten' as never, description: '', content: 'x', createdAt: 'yesterday' },
        },
        null,
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      problems: [
        { field: 'change' },
        { field: 'description' },
        { field: 'content' },
        { field: 'createdAt' },
        { field: 'area', value: 'BGD' },
        { field: 'year', value: 1900 },
      ],
    });
    await expect(
      createBrief(
        test.db,
        {
          area: '4',
          version: { change: 'generated', description: '', content: {}, createdAt: '2026-01-01T00:00:00Z' },
        },
        null,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(getBrief(test.db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
    expect(await findBrief(test.db, 'nope')).toBeUndefined();
    expect(await listBriefs(test.db, { area: '4' })).toEqual([]);
  });

  it('keeps versions append-only in the database itself', async () => {
    const brief = await createBrief(
      test.db,
      {
        area: '76',
        version: {
          change: 'generated',
          description: 'g',
          content: content('A'),
          createdAt: '2026-01-01T10:00:00.000Z',
        },
      },
      null,
    );
    await expect(
      sql`update briefs set description = 'changed' where id = ${brief.id}`.execute(test.db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from briefs where id = ${brief.id}`.execute(test.db.kysely)).rejects.toThrow(/append-only/);
    expect(await getBrief(test.db, brief.id)).toEqual(brief);
  });
});
