/**
 * Bringing corrected reference facts into a stored, edited registry. The stored registry began as
 * the compiled reference (`base`) and editors changed it since (`current`); the newly compiled
 * reference (`next`) replaces every record the editors left as it was, and every record an editor
 * added or changed stays as the editor left it: a reference update never overwrites a later edit.
 */
import type { PartnershipRegistry } from './partnership.ts';

/** A short, stable fingerprint of a compiled registry (FNV-1a over its JSON): a new one means new reference facts. */
export function registryRevision(registry: PartnershipRegistry): string {
  const text = JSON.stringify(registry);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** What a reference update did. */
export interface RegistryReferenceMerge {
  registry: PartnershipRegistry;
  /** Records an editor added or changed, kept as the editor left them (ids). */
  keptEdits: string[];
  /** Records the new reference corrected or added. */
  updated: number;
  /** Unedited records the new reference no longer holds (earlier versions keep them). */
  withdrawn: number;
}

function mergeRecords<T extends { id: string }>(
  base: readonly T[],
  current: readonly T[],
  next: readonly T[],
  kind: string,
  result: { keptEdits: string[]; updated: number; withdrawn: number },
): T[] {
  const baseById = new Map(base.map((record) => [record.id, JSON.stringify(record)]));
  const currentById = new Map(current.map((record) => [record.id, record]));
  const edited = (record: T) => baseById.get(record.id) !== JSON.stringify(record);
  const merged: T[] = [];
  const nextIds = new Set<string>();
  for (const record of next) {
    nextIds.add(record.id);
    const stored = currentById.get(record.id);
    if (stored && edited(stored)) {
      merged.push(stored);
      result.keptEdits.push(`${kind}:${record.id}`);
    } else {
      if (!stored || JSON.stringify(stored) !== JSON.stringify(record)) result.updated += 1;
      merged.push(record);
    }
  }
  for (const stored of current) {
    if (nextIds.has(stored.id)) continue;
    if (edited(stored)) {
      merged.push(stored);
      result.keptEdits.push(`${kind}:${stored.id}`);
    } else result.withdrawn += 1;
  }
  return merged;
}

/** Merge newly compiled reference facts (`next`) into a stored registry (`current`) that began as `base`. */
export function mergeRegistryReference(
  base: PartnershipRegistry,
  current: PartnershipRegistry,
  next: PartnershipRegistry,
): RegistryReferenceMerge {
  const result = { keptEdits: [] as string[], updated: 0, withdrawn: 0 };
  const registry: PartnershipRegistry = {
    processes: mergeRecords(base.processes, current.processes, next.processes, 'process', result),
    memberships: mergeRecords(base.memberships, current.memberships, next.memberships, 'membership', result),
    meetings: mergeRecords(base.meetings, current.meetings, next.meetings, 'meeting', result),
  };
  return { registry, ...result };
}
