/**
 * 0007: a publication records the evidence attached to each item when it was published (links, and
 * files as name, type, size and SHA-256), so the public profile shows it as it was, immutable with
 * the publication. Older publications have none (null).
 */
import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES } from '../schema/tables.ts';

/** The evidence column of publications. */
export function publishedEvidence(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('publications')
        .addColumn('evidence', DIALECT_TYPES[dialect].json as ColumnDataType)
        .execute();
    },
  };
}
