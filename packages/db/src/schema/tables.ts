/**
 * The logical type of every column, the one place that says how a value is stored on each dialect and
 * how it maps back to a domain value (see codec.ts). Backup and restore walk this table list in order:
 * parents before children, so foreign keys hold while restoring.
 */

/** Logical column types; each maps to one SQLite and one PostgreSQL type. */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'decimal' | 'timestamp' | 'json' | 'bytes';

/** The physical type of each logical type per dialect. */
export const DIALECT_TYPES = {
  sqlite: { text: 'text', integer: 'integer', bigint: 'integer', decimal: 'numeric', timestamp: 'text', json: 'text', bytes: 'blob' },
  postgres: { text: 'text', integer: 'integer', bigint: 'bigint', decimal: 'numeric', timestamp: 'timestamptz', json: 'jsonb', bytes: 'bytea' },
} as const satisfies Record<'sqlite' | 'postgres', Record<ColumnKind, string>>;

const timestamps = { created_at: 'timestamp' } as const;

/** Every table and column of the current schema, in restore order. */
export const TABLES = {
  users: {
    id: 'text',
    email: 'text',
    name: 'text',
    status: 'text',
    password_hash: 'text',
    failed_sign_ins: 'integer',
    locked_until: 'timestamp',
    last_sign_in_at: 'timestamp',
    ...timestamps,
    updated_at: 'timestamp',
  },
  role_grants: {
    id: 'text',
    user_id: 'text',
    role: 'text',
    scope_kind: 'text',
    scope_value: 'text',
    granted_at: 'timestamp',
    granted_by: 'text',
    revoked_at: 'timestamp',
    revoked_by: 'text',
  },
  sessions: {
    id: 'text',
    user_id: 'text',
    token_hash: 'text',
    csrf_token: 'text',
    ...timestamps,
    expires_at: 'timestamp',
    last_seen_at: 'timestamp',
    user_agent: 'text',
    ip: 'text',
    revoked_at: 'timestamp',
  },
  api_tokens: {
    id: 'text',
    user_id: 'text',
    name: 'text',
    token_hash: 'text',
    ...timestamps,
    expires_at: 'timestamp',
    last_used_at: 'timestamp',
    revoked_at: 'timestamp',
  },
  invitations: {
    id: 'text',
    email: 'text',
    role: 'text',
    scope_kind: 'text',
    scope_value: 'text',
    token_hash: 'text',
    expires_at: 'timestamp',
    invited_by: 'text',
    ...timestamps,
    accepted_at: 'timestamp',
    accepted_user_id: 'text',
    revoked_at: 'timestamp',
  },
  audit_log: { id: 'text', at: 'timestamp', actor_id: 'text', action: 'text', target_type: 'text', target_id: 'text', details: 'json' },
  jurisdictions: { code: 'text', name: 'text', level: 'text', parent_code: 'text', ...timestamps, created_by: 'text' },
  instrument_versions: { instrument: 'text', version: 'text', definition: 'json', ...timestamps, created_by: 'text' },
  rounds: { id: 'text', year: 'integer', instrument: 'text', version: 'text', opens_on: 'text', closes_on: 'text', ...timestamps, created_by: 'text' },
  assessments: {
    id: 'text',
    jurisdiction: 'text',
    round_id: 'text',
    state: 'text',
    lock_version: 'integer',
    revision_count: 'integer',
    cycle: 'integer',
    published_version: 'integer',
    ...timestamps,
    created_by: 'text',
    updated_at: 'timestamp',
    updated_by: 'text',
  },
  responses: { assessment_id: 'text', item_id: 'text', option_id: 'text', comment: 'text', updated_at: 'timestamp', updated_by: 'text' },
  evidence: {
    id: 'text',
    assessment_id: 'text',
    item_id: 'text',
    kind: 'text',
    title: 'text',
    url: 'text',
    filename: 'text',
    media_type: 'text',
    size: 'bigint',
    sha256: 'text',
    bytes: 'bytes',
    ...timestamps,
    created_by: 'text',
    withdrawn_at: 'timestamp',
    withdrawn_by: 'text',
    withdrawn_reason: 'text',
  },
  review_comments: { id: 'text', assessment_id: 'text', item_id: 'text', body: 'text', ...timestamps, created_by: 'text' },
  revisions: { assessment_id: 'text', revision: 'integer', at: 'timestamp', actor_id: 'text', action: 'text', reason: 'text', before: 'json', after: 'json' },
  publications: {
    id: 'text',
    assessment_id: 'text',
    jurisdiction: 'text',
    round_id: 'text',
    year: 'integer',
    instrument: 'text',
    version: 'text',
    publication_number: 'integer',
    responses: 'json',
    results: 'json',
    published_at: 'timestamp',
    published_by: 'text',
  },
  observation_imports: {
    id: 'text',
    source_name: 'text',
    source_format: 'text',
    source_imported_at: 'timestamp',
    observation_count: 'integer',
    imported_by: 'text',
    ...timestamps,
  },
  observations: {
    id: 'text',
    import_id: 'text',
    series: 'text',
    area: 'text',
    year: 'integer',
    domain: 'text',
    value: 'decimal',
    value_flag: 'text',
    time_detail: 'text',
    nature: 'text',
    source: 'text',
    footnote: 'text',
    numerator: 'decimal',
    denominator: 'decimal',
  },
  briefs: { id: 'text', version: 'integer', area: 'text', year: 'integer', change: 'text', description: 'text', content: 'json', ...timestamps, created_by: 'text' },
  indicator_datasets: { id: 'text', indicator: 'text', series: 'text', unit: 'text', series_description: 'text', observation_count: 'integer', source_name: 'text', source_format: 'text', ...timestamps, created_by: 'text' },
  indicator_observations: { id: 'text', dataset_id: 'text', area: 'text', year: 'integer', dimension_key: 'text', value: 'decimal', value_label: 'text', dimensions: 'json', attributes: 'json' },
} as const satisfies Record<string, Record<string, ColumnKind>>;

/** A table of the schema. */
export type TableName = keyof typeof TABLES;

/** Table names in restore order (parents first). */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The key columns that give each table a stable order in backups. */
export const TABLE_ORDER_BY: Record<TableName, readonly string[]> = {
  users: ['id'],
  role_grants: ['id'],
  sessions: ['id'],
  api_tokens: ['id'],
  invitations: ['id'],
  audit_log: ['id'],
  jurisdictions: ['code'],
  instrument_versions: ['instrument', 'version'],
  rounds: ['id'],
  assessments: ['id'],
  responses: ['assessment_id', 'item_id'],
  evidence: ['id'],
  review_comments: ['id'],
  revisions: ['assessment_id', 'revision'],
  publications: ['id'],
  observation_imports: ['id'],
  observations: ['id'],
  briefs: ['id', 'version'],
  indicator_datasets: ['id'],
  indicator_observations: ['id'],
};
