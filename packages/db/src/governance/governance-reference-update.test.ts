import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTNERSHIP_REGISTRY, type PartnershipRegistry } from '@migov/core';
import { toIsoTimestamp, writeJson } from '../schema/codec.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import {
  listGovernanceDocumentVersions,
  loadPartnershipRegistry,
  PARTNERSHIP_REGISTRY_REVISION,
} from './governance-documents.repository.ts';

// An installation seeded before the registry was corrected: an old Bali Process secretariat and a
// membership record sourced from a document-mirror site, then one editor edit on top.
const compiled = JSON.parse(JSON.stringify(DEFAULT_PARTNERSHIP_REGISTRY)) as PartnershipRegistry;
const oldRecord = {
  id: 'bali-process:36:999',
  process: 'bali-process',
  area: '36',
  name: 'Australia',
  role: 'member',
  kind: 'member' as const,
  asOf: 'undated',
  source: 'docslib ISCM assessment 2019',
  unverified: false,
};
const oldSeed: PartnershipRegistry = {
  ...compiled,
  processes: compiled.processes.map((process) =>
    process.id === 'bali-process'
      ? {
          ...process,
          secretariat: {
            text: 'Regional Support Office (location UNVERIFIED: Bangkok)',
            source: 'docslib',
            unverified: false,
          },
        }
      : process,
  ),
  memberships: [...compiled.memberships, oldRecord],
};
const colomboRecord = compiled.memberships.find(
  (record) => record.process === 'colombo-process' && record.area === '4',
)!;
const added = {
  id: 'colombo-process:104:edit',
  process: 'colombo-process',
  area: '104',
  name: 'Myanmar',
  role: 'observer',
  kind: 'observer' as const,
  asOf: '2026',
  asOfYear: 2026,
  source: 'Chair statement 2026',
  unverified: false,
};
const edited: PartnershipRegistry = {
  ...oldSeed,
  memberships: [
    ...oldSeed.memberships.map((record) =>
      record.id === colomboRecord.id
        ? { ...record, until: '2026-06', source: `${record.source}; ended: Chair statement 2026` }
        : record,
    ),
    added,
  ],
};

describe.each(TEST_DIALECTS)('corrected reference facts reach an existing installation on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const row = (version: number, description: string, change: unknown, content: unknown) => ({
      name: 'partnership-registry',
      version,
      description,
      source: version === 1 ? 'migov compiled reference data' : 'Chair statement 2026',
      change: writeJson(change),
      content: writeJson(content),
      created_at: toIsoTimestamp(`2026-0${version}-01T10:00:00.000Z`),
      created_by: null,
    });
    await test.db.kysely
      .insertInto('governance_documents')
      .values([
        row(1, 'Seeded from the compiled reference data', { type: 'seed' }, oldSeed),
        row(2, 'End Afghanistan, add Myanmar', { type: 'edit' }, edited),
      ])
      .execute();
  });
  afterAll(async () => test?.dispose());

  it('appends the corrected facts as a new version with its source and keeps every editor edit', async () => {
    const stored = await loadPartnershipRegistry(test.db);
    expect(stored).toMatchObject({
      version: 3,
      change: { type: 'reference-update', revision: PARTNERSHIP_REGISTRY_REVISION },
      source: expect.stringContaining('compiled reference data'),
    });
    const bali = stored.content.processes.find((process) => process.id === 'bali-process')!;
    expect(bali.secretariat.text).toMatch(/Co-chairs Australia and Indonesia/);
    expect(bali.membersNotCompiled).toBeDefined();
    // The unedited record from the mirror site is withdrawn; the editor's end date and added member stay.
    expect(stored.content.memberships.find((record) => record.id === oldRecord.id)).toBeUndefined();
    expect(stored.content.memberships.find((record) => record.id === colomboRecord.id)).toMatchObject({
      until: '2026-06',
    });
    expect(stored.content.memberships.find((record) => record.id === added.id)).toMatchObject({ name: 'Myanmar' });
    expect((stored.change as { keptEdits: string[] }).keptEdits.sort()).toEqual(
      [`membership:${added.id}`, `membership:${colomboRecord.id}`].sort(),
    );
    // Everything else is the newly compiled reference.
    expect(stored.content.memberships).toHaveLength(DEFAULT_PARTNERSHIP_REGISTRY.memberships.length + 1);
    expect(stored.content.processes).toEqual(compiled.processes);
  });

  it('updates once: a later read, or a later edit, does not repeat it; the earlier versions stay', async () => {
    expect((await loadPartnershipRegistry(test.db)).version).toBe(3);
    const versions = await listGovernanceDocumentVersions(test.db, 'partnership-registry');
    expect(versions.map((version) => version.version)).toEqual([3, 2, 1]);
  });
});
