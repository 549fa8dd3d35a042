/**
 * The crosswalk and the partnership registry as stored documents: every edit appends the whole
 * document as version n+1 with its description, its source and the change that made it (a core edit
 * such as `addCrosswalkLink` or `addMembership`), so each earlier state stays readable. On first use a
 * database is seeded with the compiled reference data (version 1); reads then come from the database.
 */
import type { Selectable } from 'kysely';
import {
  DEFAULT_CROSSWALK,
  DEFAULT_PARTNERSHIP_REGISTRY,
  mergeRegistryReference,
  registryRevision,
  type Crosswalk,
  type PartnershipRegistry,
} from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import { assertNoProblems, ConflictError, type FieldProblem } from '../errors.ts';
import { readJson, readTimestamp, toIsoTimestamp, writeJson } from '../schema/codec.ts';
import type { GovernanceDocumentsTable } from '../schema/schema.ts';
import { isUniqueViolation } from '../shared/unique.ts';

/** The documents stored this way and their content. */
export interface GovernanceDocuments {
  crosswalk: Crosswalk;
  'partnership-registry': PartnershipRegistry;
}
export type GovernanceDocumentName = keyof GovernanceDocuments;
const GOVERNANCE_DOCUMENT_NAMES: readonly GovernanceDocumentName[] = ['crosswalk', 'partnership-registry'];

/** Where the seeded version comes from. */
const GOVERNANCE_SEED_SOURCE = 'migov compiled reference data (docs/governance.md, reference facts)';

const SEEDS: GovernanceDocuments = {
  crosswalk: DEFAULT_CROSSWALK,
  'partnership-registry': DEFAULT_PARTNERSHIP_REGISTRY,
};

/** One version of a document, without its content (the history). */
export interface GovernanceDocumentVersion {
  version: number;
  description: string;
  source: string;
  /** What the edit did, as the caller described it (e.g. `{ type: 'add-link', link }`). */
  change: unknown;
  createdAt: string;
  createdBy?: string;
}

/** The current version of a document with its content. */
export interface StoredGovernanceDocument<Name extends GovernanceDocumentName> extends GovernanceDocumentVersion {
  name: Name;
  content: GovernanceDocuments[Name];
}

function toVersion(
  row: Pick<
    Selectable<GovernanceDocumentsTable>,
    'version' | 'description' | 'source' | 'change' | 'created_at' | 'created_by'
  >,
  db: MigovDatabase,
): GovernanceDocumentVersion {
  return {
    version: Number(row.version),
    description: row.description,
    source: row.source,
    change: readJson(db.dialect, row.change),
    createdAt: readTimestamp(row.created_at),
    ...(row.created_by ? { createdBy: row.created_by } : {}),
  };
}

async function insertVersion(
  db: MigovDatabase,
  name: GovernanceDocumentName,
  version: number,
  input: { description: string; source: string; change: unknown; content: unknown; createdAt: string },
  actorId: string | null,
): Promise<void> {
  await db.kysely
    .insertInto('governance_documents')
    .values({
      name,
      version,
      description: input.description,
      source: input.source,
      change: writeJson(input.change),
      content: writeJson(input.content),
      created_at: toIsoTimestamp(input.createdAt),
      created_by: actorId,
    })
    .execute();
}

/** The revision of the compiled partnership registry this build carries. */
export const PARTNERSHIP_REGISTRY_REVISION = registryRevision(DEFAULT_PARTNERSHIP_REGISTRY);

/**
 * When the compiled registry changed since the stored one was seeded (or last updated from the
 * reference), append a version with the new reference facts merged in: records no editor touched
 * take the corrected facts, records an editor added or changed stay as the editor left them
 * (core `mergeRegistryReference`). Seeds before revisions were recorded count as a different revision.
 */
async function updateRegistryReference(
  db: MigovDatabase,
  latest: Selectable<GovernanceDocumentsTable>,
): Promise<boolean> {
  const history = await db.kysely
    .selectFrom('governance_documents')
    .select(['version', 'change'])
    .where('name', '=', 'partnership-registry')
    .orderBy('version', 'desc')
    .execute();
  const reference = history.find((entry) => {
    const change = readJson<{ type?: string } | null>(db.dialect, entry.change);
    return change?.type === 'seed' || change?.type === 'reference-update';
  });
  const revision = reference ? readJson<{ revision?: string }>(db.dialect, reference.change).revision : undefined;
  if (revision === PARTNERSHIP_REGISTRY_REVISION) return false;
  const baseRow = reference
    ? await db.kysely
        .selectFrom('governance_documents')
        .select('content')
        .where('name', '=', 'partnership-registry')
        .where('version', '=', reference.version)
        .executeTakeFirst()
    : undefined;
  const current = readJson<PartnershipRegistry>(db.dialect, latest.content);
  const base = baseRow ? readJson<PartnershipRegistry>(db.dialect, baseRow.content) : current;
  const merge = mergeRegistryReference(base, current, DEFAULT_PARTNERSHIP_REGISTRY);
  try {
    await insertVersion(
      db,
      'partnership-registry',
      Number(latest.version) + 1,
      {
        description: `Reference facts updated from the compiled registry (revision ${PARTNERSHIP_REGISTRY_REVISION}): ${merge.updated} records corrected or added, ${merge.withdrawn} unedited records withdrawn, ${merge.keptEdits.length} edited records kept as edited`,
        source: GOVERNANCE_SEED_SOURCE,
        change: {
          type: 'reference-update',
          revision: PARTNERSHIP_REGISTRY_REVISION,
          ...(revision ? { previousRevision: revision } : {}),
          keptEdits: merge.keptEdits,
        },
        content: merge.registry,
        createdAt: new Date().toISOString(),
      },
      null,
    );
  } catch (error) {
    // Another process (or an editor) wrote this version first: the next read settles it.
    if (!isUniqueViolation(error)) throw error;
  }
  return true;
}

async function latestRow(db: MigovDatabase, name: GovernanceDocumentName) {
  return db.kysely
    .selectFrom('governance_documents')
    .selectAll()
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The last version read per database and name: a read asks only for the latest version number and parses the content only when it changed. */
const lastRead = new WeakMap<
  MigovDatabase,
  Map<GovernanceDocumentName, StoredGovernanceDocument<GovernanceDocumentName>>
>();

/**
 * The current version of a document (treat it as read-only: it is shared between readers); a
 * database without one is seeded with the compiled reference data first.
 */
async function loadGovernanceDocument<Name extends GovernanceDocumentName>(
  db: MigovDatabase,
  name: Name,
): Promise<StoredGovernanceDocument<Name>> {
  const latest = await db.kysely
    .selectFrom('governance_documents')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('name', '=', name)
    .executeTakeFirst();
  const known = lastRead.get(db)?.get(name);
  if (known && latest?.version !== null && latest?.version !== undefined && Number(latest.version) === known.version)
    return known as StoredGovernanceDocument<Name>;
  let row = await latestRow(db, name);
  if (!row) {
    try {
      const change =
        name === 'partnership-registry' ? { type: 'seed', revision: PARTNERSHIP_REGISTRY_REVISION } : { type: 'seed' };
      await insertVersion(
        db,
        name,
        1,
        {
          description: 'Seeded from the compiled reference data',
          source: GOVERNANCE_SEED_SOURCE,
          change,
          content: SEEDS[name],
          createdAt: new Date().toISOString(),
        },
        null,
      );
    } catch (error) {
      // Another process seeded it first: read theirs.
      if (!isUniqueViolation(error)) throw error;
    }
    row = await latestRow(db, name);
    if (!row) throw new Error(`seeding ${name} stored nothing`);
  } else if (name === 'partnership-registry' && (await updateRegistryReference(db, row))) {
    row = (await latestRow(db, name)) ?? row;
  }
  const stored: StoredGovernanceDocument<Name> = {
    name,
    ...toVersion(row, db),
    content: readJson<GovernanceDocuments[Name]>(db.dialect, row.content),
  };
  const memo = lastRead.get(db) ?? new Map();
  memo.set(name, stored);
  lastRead.set(db, memo);
  return stored;
}

/** The stored crosswalk (seeded on first use). */
export async function loadCrosswalk(db: MigovDatabase): Promise<StoredGovernanceDocument<'crosswalk'>> {
  return loadGovernanceDocument(db, 'crosswalk');
}

/** The stored partnership registry (seeded on first use). */
export async function loadPartnershipRegistry(
  db: MigovDatabase,
): Promise<StoredGovernanceDocument<'partnership-registry'>> {
  return loadGovernanceDocument(db, 'partnership-registry');
}

/** An edit of a governance document: its new content, the version it was made on, and why. */
export interface GovernanceDocumentEdit<Name extends GovernanceDocumentName> {
  name: Name;
  expectedVersion: number;
  content: GovernanceDocuments[Name];
  description: string;
  source: string;
  change: unknown;
}

/**
 * Store an edited document as version `expectedVersion + 1`, with the source of the edit. A stale
 * `expectedVersion` (including losing a race to another editor) throws ConflictError carrying the
 * current version.
 */
export async function saveGovernanceDocument<Name extends GovernanceDocumentName>(
  db: MigovDatabase,
  input: GovernanceDocumentEdit<Name> & { createdAt: string },
  actorId: string | null,
): Promise<StoredGovernanceDocument<Name>> {
  const problems: FieldProblem[] = [];
  if (!GOVERNANCE_DOCUMENT_NAMES.includes(input.name))
    problems.push({
      field: 'name',
      value: input.name,
      message: `must be one of ${GOVERNANCE_DOCUMENT_NAMES.join(', ')}`,
    });
  if (typeof input.description !== 'string' || input.description.trim() === '' || input.description.length > 2_000)
    problems.push({ field: 'description', message: 'must be 1 to 2000 characters' });
  if (typeof input.source !== 'string' || input.source.trim() === '' || input.source.length > 2_000)
    problems.push({ field: 'source', message: 'every edit names its source (1 to 2000 characters)' });
  if (Number.isNaN(Date.parse(input.createdAt)))
    problems.push({ field: 'createdAt', value: input.createdAt, message: 'must be an ISO date-time' });
  assertNoProblems(problems);
  const current = await loadGovernanceDocument(db, input.name);
  if (current.version !== input.expectedVersion)
    throw new ConflictError(`${input.name} is at version ${current.version}, not ${input.expectedVersion}`, current);
  try {
    await insertVersion(
      db,
      input.name,
      current.version + 1,
      { ...input, description: input.description.trim(), source: input.source.trim() },
      actorId,
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      const latest = await loadGovernanceDocument(db, input.name);
      throw new ConflictError(`${input.name} was changed meanwhile; it is at version ${latest.version}`, latest);
    }
    throw error;
  }
  return loadGovernanceDocument(db, input.name);
}

/** Every version of a document (without content), newest first: the edit history with sources. */
export async function listGovernanceDocumentVersions(
  db: MigovDatabase,
  name: GovernanceDocumentName,
): Promise<GovernanceDocumentVersion[]> {
  await loadGovernanceDocument(db, name);
  const rows = await db.kysely
    .selectFrom('governance_documents')
    .select(['version', 'description', 'source', 'change', 'created_at', 'created_by'])
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => toVersion(row, db));
}

/** What a brief is generated with: the stored crosswalk and partnership registry, with their versions. */
export interface BriefReferenceData {
  crosswalk: Crosswalk;
  registry: PartnershipRegistry;
  versions: { crosswalk: number; registry: number };
}

/**
 * The stored (possibly edited) crosswalk and partnership registry a brief maps gaps and processes
 * with; the server and the command line both generate briefs from these.
 */
export async function loadBriefReferenceData(db: MigovDatabase): Promise<BriefReferenceData> {
  const crosswalk = await loadCrosswalk(db);
  const registry = await loadPartnershipRegistry(db);
  return {
    crosswalk: crosswalk.content,
    registry: registry.content,
    versions: { crosswalk: crosswalk.version, registry: registry.version },
  };
}
