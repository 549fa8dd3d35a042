/**
 * 0005: MGI-style assessments on the platform, and the governance reference data (crosswalk and
 * partnership registry) as stored, editable documents.
 *
 * - `mgi_assessments`: one row per jurisdiction and round, with the current answers, the process (the
 *   core state machine's value) and a lock version for optimistic locking.
 * - `mgi_answer_history`, `mgi_process_events`: append-only (UPDATE and DELETE refused by trigger).
 * - `mgi_consultation_members`: users invited to comment on a draft profile for a ministry.
 * - `governance_documents`: append-only versions of the crosswalk and the partnership registry, primary
 *   key (name, version) so two editors of the same version cannot both write the next one.
 */
import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

const APPEND_ONLY = ['mgi_answer_history', 'mgi_process_events', 'governance_documents'] as const;

/** MGI-style assessments and stored governance reference data. */
export function mgiAssessmentsAndGovernanceData(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('mgi_assessments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('jurisdiction', 'text', (column) => column.notNull())
        .addColumn('jurisdiction_name', 'text', (column) => column.notNull())
        .addColumn('level', 'text', (column) => column.notNull().check(sql`level in ('national', 'local')`))
        .addColumn('year', 'integer', (column) => column.notNull())
        .addColumn('round_kind', 'text', (column) =>
          column.notNull().check(sql`round_kind in ('baseline', 'follow-up')`),
        )
        .addColumn('instrument', 'text', (column) => column.notNull())
        .addColumn('instrument_version', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('lock_version', 'integer', (column) => column.notNull())
        .addColumn('responses', type('json'), (column) => column.notNull())
        .addColumn('process', type('json'), (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .addColumn('updated_at', type('timestamp'), (column) => column.notNull())
        .addUniqueConstraint('mgi_assessments_round', ['jurisdiction', 'year'])
        .execute();
      await db.schema
        .createTable('mgi_answer_history')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('mgi_assessments.id'))
        .addColumn('item_id', 'text', (column) => column.notNull())
        .addColumn('option_id', 'text')
        .addColumn('evidence', 'text')
        .addColumn('lock_version', 'integer', (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .execute();
      await db.schema
        .createIndex('mgi_answer_history_assessment')
        .on('mgi_answer_history')
        .columns(['assessment_id', 'item_id'])
        .execute();
      await db.schema
        .createTable('mgi_process_events')
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('mgi_assessments.id'))
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('from_state', 'text', (column) => column.notNull())
        .addColumn('to_state', 'text', (column) => column.notNull())
        .addColumn('detail', type('json'), (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .addPrimaryKeyConstraint('mgi_process_events_pk', ['assessment_id', 'seq'])
        .execute();
      await db.schema
        .createTable('mgi_consultation_members')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assessment_id', 'text', (column) => column.notNull().references('mgi_assessments.id'))
        .addColumn('consultation', 'integer', (column) => column.notNull())
        .addColumn('ministry', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .addUniqueConstraint('mgi_consultation_members_unique', ['assessment_id', 'consultation', 'user_id'])
        .execute();
      await db.schema
        .createTable('governance_documents')
        .addColumn('name', 'text', (column) =>
          column.notNull().check(sql`name in ('crosswalk', 'partnership-registry')`),
        )
        .addColumn('version', 'integer', (column) => column.notNull().check(sql`version >= 1`))
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('change', type('json'), (column) => column.notNull())
        .addColumn('content', type('json'), (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .addPrimaryKeyConstraint('governance_documents_pk', ['name', 'version'])
        .execute();
      for (const table of APPEND_ONLY) {
        if (dialect === 'postgres') {
          // migov_append_only() comes from 0001.
          await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function migov_append_only()`.execute(
            db,
          );
          continue;
        }
        for (const operation of ['update', 'delete'] as const) {
          await sql`create trigger ${sql.id(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.table(table)}
            begin select raise(abort, ${sql.lit(`${table} is append-only: ${operation} refused`)}); end`.execute(db);
        }
      }
    },
  };
}
