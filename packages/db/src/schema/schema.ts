/**
 * Row types as Kysely sees them. They never leave the data layer: repositories map rows to domain
 * objects with the codec, which absorbs the dialect differences in what the drivers return.
 */
import type { ColumnType } from 'kysely';

/** Written as an ISO string; read back as a string (SQLite) or a Date (PostgreSQL). */
type Timestamp = ColumnType<string | Date, string, string>;
type NullableTimestamp = ColumnType<string | Date | null, string | null | undefined, string | null>;
/** Written as JSON text; read back as text (SQLite) or parsed (PostgreSQL jsonb). */
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** PostgreSQL returns numeric as strings. */
type NullableDecimal = ColumnType<number | string | null, number | string | null | undefined, number | string | null>;
type Bytes = ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Row type of the users table. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  status: string;
  password_hash: Nullable<string>;
  failed_sign_ins: number;
  locked_until: NullableTimestamp;
  last_sign_in_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  preferred_language: ColumnType<string, string | undefined, string>;
}

/** Row type of the role_grants table. */
export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  scope_kind: string;
  scope_value: string;
  granted_at: Timestamp;
  granted_by: Nullable<string>;
  revoked_at: NullableTimestamp;
  revoked_by: Nullable<string>;
}

/** Row type of the sessions table. */
export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: Nullable<string>;
  ip: Nullable<string>;
  revoked_at: NullableTimestamp;
}

/** Row type of the api_tokens table. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** Row type of the invitations table. */
export interface InvitationsTable {
  id: string;
  email: string;
  role: string;
  scope_kind: string;
  scope_value: string;
  token_hash: string;
  expires_at: Timestamp;
  invited_by: Nullable<string>;
  created_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_user_id: Nullable<string>;
  revoked_at: NullableTimestamp;
  language: Nullable<string>;
}

/** Row type of the audit_log table. */
export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_id: Nullable<string>;
  action: string;
  target_type: Nullable<string>;
  target_id: Nullable<string>;
  details: NullableJson;
}

/** Row type of the jurisdictions table. */
export interface JurisdictionsTable {
  code: string;
  name: string;
  level: string;
  parent_code: string;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the instrument_versions table. */
interface InstrumentVersionsTable {
  instrument: string;
  version: string;
  definition: Json;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the rounds table. */
export interface RoundsTable {
  id: string;
  year: number;
  instrument: string;
  version: string;
  opens_on: string;
  closes_on: string;
  created_at: Timestamp;
  created_by: Nullable<string>;
  closed_at: NullableTimestamp;
}

/** Row type of the assessments table. */
export interface AssessmentsTable {
  id: string;
  jurisdiction: string;
  round_id: string;
  state: string;
  lock_version: number;
  revision_count: number;
  cycle: number;
  published_version: Nullable<number>;
  created_at: Timestamp;
  created_by: Nullable<string>;
  updated_at: Timestamp;
  updated_by: Nullable<string>;
}

/** Row type of the responses table. */
interface ResponsesTable {
  assessment_id: string;
  item_id: string;
  option_id: Nullable<string>;
  comment: Nullable<string>;
  updated_at: Timestamp;
  updated_by: Nullable<string>;
}

/** Row type of the evidence table. */
export interface EvidenceTable {
  id: string;
  assessment_id: string;
  item_id: string;
  kind: string;
  title: string;
  url: Nullable<string>;
  filename: Nullable<string>;
  media_type: Nullable<string>;
  size: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
  sha256: Nullable<string>;
  bytes: Bytes;
  created_at: Timestamp;
  created_by: Nullable<string>;
  withdrawn_at: NullableTimestamp;
  withdrawn_by: Nullable<string>;
  withdrawn_reason: Nullable<string>;
}

/** Row type of the review_comments table. */
export interface ReviewCommentsTable {
  id: string;
  assessment_id: string;
  item_id: Nullable<string>;
  body: string;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the revisions table. */
interface RevisionsTable {
  assessment_id: string;
  revision: number;
  at: Timestamp;
  actor_id: Nullable<string>;
  action: string;
  reason: Nullable<string>;
  before: NullableJson;
  after: NullableJson;
}

/** Row type of the publications table. */
export interface PublicationsTable {
  id: string;
  assessment_id: string;
  jurisdiction: string;
  round_id: string;
  year: number;
  instrument: string;
  version: string;
  publication_number: number;
  responses: Json;
  results: Json;
  published_at: Timestamp;
  published_by: Nullable<string>;
  evidence: NullableJson;
}

/** Row type of the observation_imports table. */
interface ObservationImportsTable {
  id: string;
  source_name: string;
  source_format: string;
  source_imported_at: Timestamp;
  observation_count: number;
  imported_by: Nullable<string>;
  created_at: Timestamp;
}

/** Row type of the observations table. */
export interface ObservationsTable {
  id: string;
  import_id: string;
  series: string;
  area: string;
  year: number;
  domain: string;
  value: NullableDecimal;
  value_flag: Nullable<string>;
  time_detail: Nullable<string>;
  nature: Nullable<string>;
  source: Nullable<string>;
  footnote: Nullable<string>;
  numerator: NullableDecimal;
  denominator: NullableDecimal;
}

/** Row type of the briefs table: one row per version of a brief (append-only). */
export interface BriefsTable {
  id: string;
  version: number;
  area: string;
  year: Nullable<number>;
  change: string;
  description: string;
  content: Json;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the indicator_datasets table: one row per stored release of a dataset. */
export interface IndicatorDatasetsTable {
  id: string;
  indicator: string;
  series: string;
  unit: Nullable<string>;
  series_description: Nullable<string>;
  observation_count: number;
  source_name: string;
  source_format: string;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the indicator_observations table. */
export interface IndicatorObservationsTable {
  id: string;
  dataset_id: string;
  area: string;
  year: number;
  dimension_key: string;
  value: NullableDecimal;
  value_label: Nullable<string>;
  dimensions: Json;
  attributes: Json;
}

/** Row type of the mgi_assessments table: one MGI-style assessment of a jurisdiction in a round. */
export interface MgiAssessmentsTable {
  id: string;
  jurisdiction: string;
  jurisdiction_name: string;
  level: string;
  year: number;
  round_kind: string;
  instrument: string;
  instrument_version: string;
  state: string;
  lock_version: number;
  responses: Json;
  process: Json;
  created_at: Timestamp;
  created_by: Nullable<string>;
  updated_at: Timestamp;
}

/** Row type of the mgi_answer_history table: every saved answer (append-only). */
interface MgiAnswerHistoryTable {
  id: string;
  assessment_id: string;
  item_id: string;
  option_id: Nullable<string>;
  evidence: Nullable<string>;
  lock_version: number;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the mgi_process_events table: every process action (append-only). */
interface MgiProcessEventsTable {
  assessment_id: string;
  seq: number;
  action: string;
  from_state: string;
  to_state: string;
  detail: Json;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the mgi_consultation_members table: a user invited to comment for a ministry. */
interface MgiConsultationMembersTable {
  id: string;
  assessment_id: string;
  consultation: number;
  ministry: string;
  user_id: string;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the official_snapshots table: one row per official data snapshot loaded (bundled or fetched). */
interface OfficialSnapshotsTable {
  id: string;
  snapshot_id: string;
  source: string;
  source_detail: string;
  retrieved_on: string;
  origin: string;
  manifest: Json;
  observation_import_id: Nullable<string>;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the governance_documents table: versions of the crosswalk and the partnership registry (append-only). */
export interface GovernanceDocumentsTable {
  name: string;
  version: number;
  description: string;
  source: string;
  change: Json;
  content: Json;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** Row type of the outbox table: every e-mail the platform sends, written before it is sent (docs/mail.md). */
export interface OutboxTable {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  dedupe_key: Nullable<string>;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  claim: Nullable<string>;
  claimed_until: NullableTimestamp;
  last_error: Nullable<string>;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  html: Nullable<string>;
}

/** Row type of the password_resets table: one-time password reset tokens (hash only). */
interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

/** Row type of the shared_state table: short-lived counters and values the instances of a server share (docs/scaling.md). */
interface SharedStateTable {
  key: string;
  value: NullableJson;
  count: number;
  window_start: ColumnType<number | string, number, number>;
  blocked_until: ColumnType<number | string, number, number>;
  expires_at: ColumnType<number | string, number, number>;
}

/** The whole database as Kysely types it. */
export interface Schema {
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  jurisdictions: JurisdictionsTable;
  instrument_versions: InstrumentVersionsTable;
  rounds: RoundsTable;
  assessments: AssessmentsTable;
  responses: ResponsesTable;
  evidence: EvidenceTable;
  review_comments: ReviewCommentsTable;
  revisions: RevisionsTable;
  publications: PublicationsTable;
  observation_imports: ObservationImportsTable;
  observations: ObservationsTable;
  briefs: BriefsTable;
  indicator_datasets: IndicatorDatasetsTable;
  indicator_observations: IndicatorObservationsTable;
  mgi_assessments: MgiAssessmentsTable;
  mgi_answer_history: MgiAnswerHistoryTable;
  mgi_process_events: MgiProcessEventsTable;
  mgi_consultation_members: MgiConsultationMembersTable;
  governance_documents: GovernanceDocumentsTable;
  official_snapshots: OfficialSnapshotsTable;
  outbox: OutboxTable;
  password_resets: PasswordResetsTable;
  shared_state: SharedStateTable;
}
