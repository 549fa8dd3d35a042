/**
 * Versioned migrations in code, applied in name order by Kysely's Migrator. A migration is never
 * edited after release: a schema change is a new file with the next number.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../database.ts';
import { initialSchema } from './0001-initial-schema.ts';
import { indexesByOwner } from './0002-indexes-by-owner.ts';
import { governanceAndIndicators } from './0003-governance-and-indicators.ts';
import { indicatorDatasets } from './0004-indicator-datasets.ts';
import { mgiAssessmentsAndGovernanceData } from './0005-mgi-assessments-and-governance-data.ts';
import { publishedEvidence } from './0007-published-evidence.ts';
import { officialSnapshots } from './0008-official-snapshots.ts';
import { outboxAndPasswordResets } from './0010-outbox-and-password-resets.ts';
import { languagesAndRoundClosing } from './0011-languages-and-round-closing.ts';
import { sharedStateAndChangeNotices } from './0012-shared-state-and-change-notices.ts';
import { indexesForWorldSize } from './0013-indexes-for-world-size.ts';
import { substringSearchAndMembership } from './0014-substring-search-and-membership.ts';

const MIGRATIONS: Record<string, (dialect: Dialect) => Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-indexes-by-owner': indexesByOwner,
  '0003-governance-and-indicators': governanceAndIndicators,
  '0004-indicator-datasets': indicatorDatasets,
  '0005-mgi-assessments-and-governance-data': mgiAssessmentsAndGovernanceData,
  '0007-published-evidence': publishedEvidence,
  '0008-official-snapshots': officialSnapshots,
  '0010-outbox-and-password-resets': outboxAndPasswordResets,
  '0011-languages-and-round-closing': languagesAndRoundClosing,
  '0012-shared-state-and-change-notices': sharedStateAndChangeNotices,
  '0013-indexes-for-world-size': indexesForWorldSize,
  '0014-substring-search-and-membership': substringSearchAndMembership,
};

/** The name of the newest migration. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

/** The migrations for one dialect. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, build]) => [name, build(dialect)]));
    },
  };
}
