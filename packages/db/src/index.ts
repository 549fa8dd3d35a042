/** @migov/db: the data layer (schema, migrations, repositories) over SQLite and PostgreSQL. */
export {
  createDatabase,
  parseDatabaseUrl,
  appliedSchemaVersion,
  DEFAULT_DATABASE_URL,
  SCHEMA_VERSION,
} from './database.ts';
export type { MigovDatabase } from './database.ts';
export { NotFoundError, ConflictError, ValidationError, TransitionError } from './errors.ts';
export * from './users/users.repository.ts';
export * from './roles/roles.repository.ts';
export * from './sessions/sessions.repository.ts';
export * from './api-tokens/api-tokens.repository.ts';
export * from './invitations/invitations.repository.ts';
export * from './outbox/outbox.repository.ts';
export * from './outbox/notice-recipients.ts';
export * from './password-resets/password-resets.repository.ts';
export { AUDIT_COUNT_LIMIT, recordAudit, listAudit } from './audit/audit.repository.ts';
export * from './jurisdictions/jurisdictions.repository.ts';
export * from './rounds/rounds.repository.ts';
export * from './instruments/instruments.repository.ts';
export * from './assessments/assessments.repository.ts';
export * from './evidence/evidence.repository.ts';
export * from './review-comments/review-comments.repository.ts';
export * from './revisions/revisions.repository.ts';
export * from './publications/publications.repository.ts';
export * from './observations/observations.repository.ts';
export { createTestDatabase, createEmptyTestDatabaseUrl, TEST_DIALECTS } from './testing/test-database.ts';
export type { TestDatabase } from './testing/test-database.ts';
export { backupDatabase, restoreDatabase } from './backup/backup.ts';
export { seedDemoData, DEMO_EMAIL_DOMAIN } from './demo/seed-demo-data.ts';
export { createBrief, findBrief, appendBriefVersion, listBriefs } from './governance/briefs.repository.ts';
export type { StoredBrief } from './governance/briefs.repository.ts';
export {
  importIndicatorDatasets,
  listIndicatorDatasets,
  findIndicatorDataset,
  listAreaIndicatorDatasets,
} from './indicators/indicators.repository.ts';
export * from './governance/mgi-assessments.repository.ts';
export * from './governance/governance-documents.repository.ts';
export { publishMgiRound } from './governance/mgi-fixtures.ts';
export * from './official/official-data.repository.ts';
export * from './official/snapshot-files.ts';
export * from './shared-state/shared-state.repository.ts';
export * from './shared-state/public-data-changes.ts';
