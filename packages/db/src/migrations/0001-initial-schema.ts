/**
 * 0001: the initial schema. Column types come from the per-dialect mapping of logical types; the
 * append-only tables (audit log, revisions, publications) refuse UPDATE and DELETE by trigger, so even
 * a mistaken query cannot rewrite history.
 */
import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

const APPEND_ONLY = ['audit_log', 'revisions', 'publications'] as const;

/** The first version of the schema. */
export function initialSchema(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('email', 'text', (column) => column.notNull().unique())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('active', 'disabled')`))
        .addColumn('password_hash', 'text')
        .addColumn('failed_sign_ins', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('locked_until', type('timestamp'))
        .addColumn('last_sign_in_at', type('timestamp'))
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('updated_at', type('timestamp'), (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('role_grants')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('scope_kind', 'text', (column) =>
          column.notNull().check(sql`scope_kind in ('global', 'area', 'group')`),
        )
        .addColumn('scope_value', 'text', (column) => column.notNull())
        .addColumn('granted_at', type('timestamp'), (column) => column.notNull())
        .addColumn('granted_by', 'text')
        .addColumn('revoked_at', type('timestamp'))
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema
        .createIndex('role_grants_active_unique')
        .on('role_grants')
        .columns(['user_id', 'role', 'scope_kind', 'scope_value'])
        .unique()
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('csrf_token', 'text', (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('expires_at', type('timestamp'), (column) => column.notNull())
        .addColumn('last_seen_at', type('timestamp'), (column) => column.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('ip', 'text')
        .addColumn('revoked_at', type('timestamp'))
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('expires_at', type('timestamp'))
        .addColumn('last_used_at', type('timestamp'))
        .addColumn('revoked_at', type('timestamp'))
        .execute();

      await db.schema
        .createTable('invitations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('scope_kind', 'text', (column) =>
          column.notNull().check(sql`scope_kind in ('global', 'area', 'group')`),
        )
        .addColumn('scope_value', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('expires_at', type('timestamp'), (column) => column.notNull())
        .addColumn('invited_by', 'text', (column) => column.references('users.id'))
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('accepted_at', type('timestamp'))
        .addColumn('accepted_user_id', 'text', (column) => column.references('users.id'))
        .addColumn('revoked_at', type('timestamp'))
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('at', type('timestamp'), (column) => column.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('details', type('json'))
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();

      await db.schema
        .createTable('jurisdictions')
        .addColumn('code', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('level', 'text', (column) => column.notNull())
        .addColumn('parent_code', 'text', (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text')
        .execute();

      await db.schema
        .createTable('instrument_versions')
        .addColumn('instrument', 'text', (column) => column.notNull())
        .addColumn('version', 'text', (column) => column.notNull())
        .addColumn('definition', type('json'), (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text')
        .addPrimaryKeyConstraint('instrument_versions_pk', ['instrument', 'version'])
        .execute();

      await db.schema
        .createTable('rounds')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('year', 'integer', (column) => column.notNull())
        .addColumn('instrument', 'text', (column) => column.notNull())
        .addColumn('version', 'text', (column) => column.notNull())
        .addColumn('opens_on', 'text', (column) => column.notNull())
        .addColumn('closes_on', 'text', (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text')
        .addUniqueConstraint('rounds_year_instrument', ['year', 'instrument'])
        .execute();

      await db.schema
        .createTable('assessments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('jurisdiction', 'text', (column) => column.notNull())
        .addColumn('round_id', 'text', (column) => column.notNull().references('rounds.id'))
        .addColumn('state', 'text', (column) =>
          column
            .notNull()
            .check(sql`state in ('draft', 'submitted', 'returned', 'resubmitted', 'validated', 'published')`),
        )
        .addColumn('lock_version', 'integer', (column) => column.notNull().check(sql`lock_version >= 1`))
        .addColumn('revision_count', 'integer', (column) => column.notNull())
        .addColumn('cycle', 'integer', (column) => column.notNull())
        .addColumn('published_version', 'integer')
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', type('timestamp'), (column) => column.notNull())
        .addColumn('updated_by', 'text')
        .addUniqueConstraint('assessments_jurisdiction_round', ['jurisdiction', 'round_id'])
        .execute();
      await db.schema.createIndex('assessments_round_state').on('assessments').columns(['round_id', 'state']).execute();

      await db.schema
        .createTable('responses')
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('assessments.id'))
        .addColumn('item_id', 'text', (column) => column.notNull())
        .addColumn('option_id', 'text')
        .addColumn('comment', 'text')
        .addColumn('updated_at', type('timestamp'), (column) => column.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('responses_pk', ['assessment_id', 'item_id'])
        .execute();

      await db.schema
        .createTable('evidence')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('assessments.id'))
        .addColumn('item_id', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('file', 'link')`))
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('url', 'text')
        .addColumn('filename', 'text')
        .addColumn('media_type', 'text')
        .addColumn('size', type('bigint'))
        .addColumn('sha256', 'text')
        .addColumn('bytes', type('bytes'))
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text')
        .addColumn('withdrawn_at', type('timestamp'))
        .addColumn('withdrawn_by', 'text')
        .addColumn('withdrawn_reason', 'text')
        .execute();
      await db.schema.createIndex('evidence_assessment').on('evidence').columns(['assessment_id', 'item_id']).execute();

      await db.schema
        .createTable('review_comments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('assessments.id'))
        .addColumn('item_id', 'text')
        .addColumn('body', 'text', (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema
        .createIndex('review_comments_assessment')
        .on('review_comments')
        .columns(['assessment_id'])
        .execute();

      await db.schema
        .createTable('revisions')
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('assessments.id'))
        .addColumn('revision', 'integer', (column) => column.notNull())
        .addColumn('at', type('timestamp'), (column) => column.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('before', type('json'))
        .addColumn('after', type('json'))
        .addPrimaryKeyConstraint('revisions_pk', ['assessment_id', 'revision'])
        .execute();

      await db.schema
        .createTable('publications')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('assessments.id'))
        .addColumn('jurisdiction', 'text', (column) => column.notNull())
        .addColumn('round_id', 'text', (column) => column.notNull().references('rounds.id'))
        .addColumn('year', 'integer', (column) => column.notNull())
        .addColumn('instrument', 'text', (column) => column.notNull())
        .addColumn('version', 'text', (column) => column.notNull())
        .addColumn('publication_number', 'integer', (column) => column.notNull())
        .addColumn('responses', type('json'), (column) => column.notNull())
        .addColumn('results', type('json'), (column) => column.notNull())
        .addColumn('published_at', type('timestamp'), (column) => column.notNull())
        .addColumn('published_by', 'text')
        .addUniqueConstraint('publications_assessment_number', ['assessment_id', 'publication_number'])
        .execute();
      await db.schema
        .createIndex('publications_year')
        .on('publications')
        .columns(['year', 'instrument', 'jurisdiction'])
        .execute();

      await db.schema
        .createTable('observation_imports')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('source_name', 'text', (column) => column.notNull())
        .addColumn('source_format', 'text', (column) => column.notNull())
        .addColumn('source_imported_at', type('timestamp'), (column) => column.notNull())
        .addColumn('observation_count', 'integer', (column) => column.notNull())
        .addColumn('imported_by', 'text')
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('observations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('import_id', 'text', (column) => column.notNull().references('observation_imports.id'))
        .addColumn('series', 'text', (column) => column.notNull())
        .addColumn('area', 'text', (column) => column.notNull())
        .addColumn('year', 'integer', (column) => column.notNull())
        .addColumn('domain', 'text', (column) => column.notNull())
        .addColumn('value', type('decimal'))
        .addColumn('value_flag', 'text')
        .addColumn('time_detail', 'text')
        .addColumn('nature', 'text')
        .addColumn('source', 'text')
        .addColumn('footnote', 'text')
        .addColumn('numerator', type('decimal'))
        .addColumn('denominator', type('decimal'))
        .execute();
      await db.schema
        .createIndex('observations_lookup')
        .on('observations')
        .columns(['series', 'year', 'area', 'domain'])
        .execute();
      await db.schema.createIndex('observations_import').on('observations').columns(['import_id']).execute();

      await createAppendOnlyTriggers(db, dialect);
    },
  };
}

async function createAppendOnlyTriggers(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`create function migov_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only: % refused', tg_table_name, tg_op; end $$`.execute(db);
    for (const table of APPEND_ONLY) {
      await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function migov_append_only()`.execute(db);
    }
    return;
  }
  for (const table of APPEND_ONLY) {
    for (const operation of ['update', 'delete'] as const) {
      await sql`create trigger ${sql.id(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only: ${operation} refused`)}); end`.execute(db);
    }
  }
}
