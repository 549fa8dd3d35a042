/**
 * The instruments a deployment knows: the built-in ones plus any an administrator loads as data.
 * Versions of one instrument are kept apart; stored responses name their version, and move to a
 * newer version one step at a time with {@link migrateResponses}.
 */
import { z } from 'zod';
import { instrumentSchema, type InstrumentVersion, type Responses } from './model.ts';
import { SDG_10_7_2_V2019, SDG_10_7_2_V2025 } from './sdg-10-7-2.data.ts';
import { applyTranslations } from './translations.ts';

/** The instruments shipped with migov. */
export const BUILT_IN_INSTRUMENTS: readonly InstrumentVersion[] = [SDG_10_7_2_V2019, SDG_10_7_2_V2025];

/** A precise complaint about an instrument file: the JSON path and why. */
interface InstrumentProblem {
  path: string;
  message: string;
}

export type ParseInstrumentResult =
  { ok: true; instrument: InstrumentVersion } | { ok: false; problems: InstrumentProblem[] };

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
      '',
    ) || '(root)'
  );
}

/** Validate already-parsed JSON/YAML data as an instrument version, reporting every problem with its path. */
export function parseInstrument(data: unknown): ParseInstrumentResult {
  const parsed = instrumentSchema.safeParse(data);
  // Official translations supplied apart become the instrument's texts in their languages.
  if (parsed.success) return { ok: true, instrument: applyTranslations(parsed.data) };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}

/** The published JSON Schema (draft 2020-12) of instrument files. */
export function instrumentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(instrumentSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://migov.org/schema/instrument.schema.json',
    title: 'migov instrument version',
  };
}

export interface InstrumentRegistry {
  list(): readonly InstrumentVersion[];
  find(instrument: string, version?: string): InstrumentVersion | undefined;
  get(instrument: string, version?: string): InstrumentVersion;
  /** The version that applies to a round year: the latest whose validFrom is not after it. */
  forRound(instrument: string, year: number): InstrumentVersion | undefined;
}

class InstrumentNotFoundError extends Error {
  constructor(instrument: string, version: string | undefined, known: readonly InstrumentVersion[]) {
    super(
      `unknown instrument ${version ? `${instrument}@${version}` : instrument}; known: ${known.map((entry) => `${entry.instrument}@${entry.version}`).join(', ')}`,
    );
    this.name = 'InstrumentNotFoundError';
  }
}

/** A registry of the built-in instruments plus `extra` (an extra version with the same id and version replaces the built-in one). */
export function createInstrumentRegistry(extra: readonly InstrumentVersion[] = []): InstrumentRegistry {
  const byKey = new Map<string, InstrumentVersion>();
  for (const entry of [...BUILT_IN_INSTRUMENTS, ...extra]) byKey.set(`${entry.instrument}@${entry.version}`, entry);
  const all = [...byKey.values()];
  const versionsOf = (instrument: string) =>
    all
      .filter((entry) => entry.instrument === instrument)
      .sort((left, right) => (left.validFrom ?? left.version).localeCompare(right.validFrom ?? right.version));
  const find = (instrument: string, version?: string) => {
    if (version) return byKey.get(`${instrument}@${version}`);
    return versionsOf(instrument).at(-1);
  };
  return {
    list: () => all,
    find,
    get(instrument, version) {
      const found = find(instrument, version);
      if (!found) throw new InstrumentNotFoundError(instrument, version, all);
      return found;
    },
    forRound(instrument, year) {
      return versionsOf(instrument)
        .filter((entry) => Number(entry.validFrom ?? 0) <= year)
        .at(-1);
    },
  };
}

/** What happened to each response when moving to another version. */
export interface MigrationReport {
  from: string;
  to: string;
  responses: Record<string, string>;
  /** Answers that have no place in the new version (item or option gone); kept here, never silently lost. */
  dropped: { itemId: string; optionId: string; reason: string }[];
  /** Items of the new version that had no answer in the old one. */
  added: string[];
}

function migrateOneStep(from: InstrumentVersion, to: InstrumentVersion, responses: Responses): MigrationReport {
  const options = new Map<string, Set<string>>();
  for (const domain of to.domains)
    for (const item of domain.items)
      options.set(item.id, new Set((to.scales[item.scale] ?? []).map((option) => option.id)));
  const carried: Record<string, string> = {};
  const dropped: MigrationReport['dropped'] = [];
  for (const [itemId, optionId] of Object.entries(responses)) {
    if (optionId === undefined) continue;
    const allowed = options.get(itemId);
    if (!allowed) dropped.push({ itemId, optionId, reason: `item ${itemId} is not in version ${to.version}` });
    else if (!allowed.has(optionId))
      dropped.push({
        itemId,
        optionId,
        reason: `option ${optionId} of item ${itemId} is not in version ${to.version}`,
      });
    else carried[itemId] = optionId;
  }
  const added = [...options.keys()].filter(
    (itemId) => !from.domains.some((domain) => domain.items.some((item) => item.id === itemId)),
  );
  return { from: from.version, to: to.version, responses: carried, dropped, added };
}

/**
 * Move responses from one version to a later one, one `previousVersion` step at a time. Answers
 * carry over by item and option id; anything without a place in the new version is reported.
 */
export function migrateResponses(
  registry: InstrumentRegistry,
  instrument: string,
  fromVersion: string,
  toVersion: string,
  responses: Responses,
): MigrationReport {
  const chain: InstrumentVersion[] = [];
  let cursor: InstrumentVersion | undefined = registry.get(instrument, toVersion);
  while (cursor && cursor.version !== fromVersion) {
    chain.unshift(cursor);
    cursor = cursor.previousVersion ? registry.find(instrument, cursor.previousVersion) : undefined;
  }
  if (!cursor) throw new RangeError(`${instrument}@${toVersion} does not descend from version ${fromVersion}`);
  let current: MigrationReport = {
    from: fromVersion,
    to: fromVersion,
    responses: { ...responses } as Record<string, string>,
    dropped: [],
    added: [],
  };
  let previous = cursor;
  for (const step of chain) {
    const next = migrateOneStep(previous, step, current.responses);
    current = {
      from: fromVersion,
      to: step.version,
      responses: next.responses,
      dropped: [...current.dropped, ...next.dropped],
      added: [...current.added, ...next.added],
    };
    previous = step;
  }
  return current;
}
