/**
 * 0004: datasets of the migration-related SDG indicators (docs/indicators.md). Each import stores the
 * whole dataset it results in (the earlier one merged with the file) as a new row, so every release
 * stays readable and the newest row per indicator, series and unit is the current dataset.
 */
import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

/** Indicator datasets and their observations. */
export function indicatorDatasets(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('indicator_datasets')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('indicator', 'text', (column) => column.notNull())
        .addColumn('series', 'text', (column) => column.notNull())
        .addColumn('unit', 'text')
        .addColumn('series_description', 'text')
        .addColumn('observation_count', 'integer', (column) => column.notNull())
        .addColumn('source_name', 'text', (column) => column.notNull())
        .addColumn('source_format', 'text', (column) => column.notNull())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('created_by', 'text', (column) => column.references('users.id'))
        .execute();
      await db.schema
        .createIndex('indicator_datasets_key')
        .on('indicator_datasets')
        .columns(['indicator', 'series', 'unit'])
        .execute();
      await db.schema
        .createTable('indicator_observations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('dataset_id', 'text', (column) => column.notNull().references('indicator_datasets.id'))
        .addColumn('area', 'text', (column) => column.notNull())
        .addColumn('year', 'integer', (column) => column.notNull())
        .addColumn('dimension_key', 'text', (column) => column.notNull())
        .addColumn('value', type('decimal'))
        .addColumn('value_label', 'text')
        .addColumn('dimensions', type('json'), (column) => column.notNull())
        .addColumn('attributes', type('json'), (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('indicator_observations_dataset')
        .on('indicator_observations')
        .columns(['dataset_id', 'area', 'year'])
        .execute();
    },
  };
}
