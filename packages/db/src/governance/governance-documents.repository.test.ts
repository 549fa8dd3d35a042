import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  addCrosswalkLink,
  addMembership,
  DEFAULT_CROSSWALK,
  DEFAULT_PARTNERSHIP_REGISTRY,
  processMemberAreas,
} from '@migov/core';
import { ConflictError } from '../errors.ts';
import { makeUser } from '../testing/fixtures.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import {
  listGovernanceDocumentVersions,
  loadCrosswalk,
  loadPartnershipRegistry,
  saveGovernanceDocument,
} from './governance-documents.repository.ts';

describe.each(TEST_DIALECTS)('the governance documents repository on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.dispose());

  it('seeds the crosswalk and the registry from the compiled reference data once, even when two readers race', async () => {
    const [first, second] = await Promise.all([loadCrosswalk(test.db), loadCrosswalk(test.db)]);
    expect(first.version).toBe(1);
    expect(second.version).toBe(1);
    expect(first.content).toEqual(JSON.parse(JSON.stringify(DEFAULT_CROSSWALK)));
    const registry = await loadPartnershipRegistry(test.db);
    expect(registry).toMatchObject({ version: 1, change: { type: 'seed' } });
    expect(registry.content.memberships).toHaveLength(DEFAULT_PARTNERSHIP_REGISTRY.memberships.length);
    expect(await listGovernanceDocumentVersions(test.db, 'crosswalk')).toHaveLength(1);
  });

  it('stores each edit as a new version with its source, keeps the earlier ones, and refuses a stale version', async () => {
    const analyst = await makeUser(test.db, 'Analyst');
    const current = await loadCrosswalk(test.db);
    const edit = addCrosswalkLink(
      current.content,
      {
        from: { kind: 'gcm-objective', id: '5' },
        to: { kind: 'sdg-target', id: '8.8' },
        basis: 'source',
        source: 'A published mapping',
      },
      { actor: analyst.id, at: '2026-03-01T10:00:00.000Z' },
    );
    if (!edit.ok) throw new Error(JSON.stringify(edit.problems));
    const saved = await saveGovernanceDocument(
      test.db,
      {
        name: 'crosswalk',
        expectedVersion: current.version,
        content: edit.crosswalk,
        description: 'Link objective 5 to target 8.8',
        source: 'A published mapping',
        change: { type: 'add-link', link: edit.link },
        createdAt: '2026-03-01T10:00:00.000Z',
      },
      analyst.id,
    );
    expect(saved).toMatchObject({
      version: current.version + 1,
      source: 'A published mapping',
      createdBy: analyst.id,
      change: { type: 'add-link', link: { id: edit.link.id } },
    });
    expect((await loadCrosswalk(test.db)).content.links.find((link) => link.id === edit.link.id)).toMatchObject({
      to: { id: '8.8' },
    });
    await expect(
      saveGovernanceDocument(
        test.db,
        {
          name: 'crosswalk',
          expectedVersion: current.version,
          content: current.content,
          description: 'stale',
          source: 's',
          change: {},
          createdAt: '2026-03-01T10:01:00.000Z',
        },
        null,
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      current: { version: current.version + 1 },
    });
    await expect(
      saveGovernanceDocument(
        test.db,
        {
          name: 'crosswalk',
          expectedVersion: saved.version,
          content: saved.content,
          description: ' ',
          source: '',
          change: {},
          createdAt: 'now',
        },
        null,
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      problems: [{ field: 'description' }, { field: 'source' }, { field: 'createdAt' }],
    });
    expect(
      (await listGovernanceDocumentVersions(test.db, 'crosswalk')).map((version) => [
        version.version,
        version.description,
      ]),
    ).toEqual([
      [2, 'Link objective 5 to target 8.8'],
      [1, 'Seeded from the compiled reference data'],
    ]);
    await expect(sql`update governance_documents set source = 'x'`.execute(test.db.kysely)).rejects.toThrow(
      /append-only/,
    );
  });

  it('lets one of two editors of the same registry version win', async () => {
    const current = await loadPartnershipRegistry(test.db);
    const edit = (name: string) => {
      const result = addMembership(current.content, {
        process: 'colombo-process',
        area: '144',
        name,
        role: 'Member State',
        kind: 'member',
        asOf: '2026',
        from: '2026',
        source: 'Ministerial declaration',
      });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return saveGovernanceDocument(
        test.db,
        {
          name: 'partnership-registry',
          expectedVersion: current.version,
          content: result.registry,
          description: `add ${name}`,
          source: 'Ministerial declaration',
          change: { type: 'add-membership' },
          createdAt: '2026-03-01T10:00:00.000Z',
        },
        null,
      );
    };
    const results = await Promise.allSettled([edit('Sri Lanka A'), edit('Sri Lanka B')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((result) => result.status === 'rejected')
        .map((result) => (result as PromiseRejectedResult).reason),
    ).toEqual([expect.any(ConflictError)]);
    const stored = await loadPartnershipRegistry(test.db);
    expect(stored.version).toBe(current.version + 1);
    expect(processMemberAreas(stored.content, 'colombo-process', { asOf: 2026 })).toContain('144');
  });
});
