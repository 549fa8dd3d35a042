/**
 * 0008: the official data snapshots loaded into the database (docs/official-data.md): which snapshot,
 * from which source, retrieved when, and the observation import that holds its 10.7.2 values.
 */
import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

/** The official_snapshots table. */
export function officialSnapshots(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('official_snapshots')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('snapshot_id', 'text', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('source_detail', 'text', (column) => column.notNull())
        .addColumn('retrieved_on', 'text', (column) => column.notNull())
        .addColumn('origin', 'text', (column) => column.notNull())
        .addColumn('manifest', type('json'), (column) => column.notNull())
        .addColumn('observation_import_id', 'text', (column) => column.references('observation_imports.id'))
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .execute();
    },
  };
}
