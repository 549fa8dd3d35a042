/**
 * 0003: the governance layer's storage: Cooperation Framework briefs, one row per version. Versions are
 * append-only (refused UPDATE and DELETE by trigger, as for publications): an edit is version n+1, and
 * the primary key (id, version) makes two editors who start from the same version conflict instead of
 * both writing n+1.
 */
import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

/** Brief versions. */
export function governanceAndIndicators(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('briefs')
        .addColumn('id', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull().check(sql`version >= 1`))
        .addColumn('area', 'text', (column) => column.notNull())
        .addColumn('year', 'integer')
        .addColumn('change', 'text', (column) => column.notNull().check(sql`change in ('generated', 'edited')`))
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('content', type('json'), (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .addPrimaryKeyConstraint('briefs_pk', ['id', 'version'])
        .execute();
      await db.schema.createIndex('briefs_area').on('briefs').columns(['area', 'year']).execute();
      if (dialect === 'postgres') {
        // migov_append_only() comes from 0001.
        await sql`create trigger briefs_append_only before update or delete on briefs for each row execute function migov_append_only()`.execute(
          db,
        );
        return;
      }
      for (const operation of ['update', 'delete'] as const) {
        await sql`create trigger ${sql.id(`briefs_no_${operation}`)} before ${sql.raw(operation)} on briefs
          begin select raise(abort, ${sql.lit(`briefs is append-only: ${operation} refused`)}); end`.execute(db);
      }
    },
  };
}
