/**
 * 0011: each user's preferred language for e-mail (one of the six UN languages, English until set),
 * the language chosen for an invitation, the HTML part of outbox messages (rendered in the
 * recipient's language, right to left for Arabic), and the moment an administrator closed a round
 * ahead of its closing date (docs/rounds.md).
 */
import type { ColumnDataType, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

/** users.preferred_language, invitations.language, outbox.html, rounds.closed_at. */
export function languagesAndRoundClosing(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('users')
        .addColumn('preferred_language', 'text', (column) =>
          column
            .notNull()
            .defaultTo('en')
            .check(sql`preferred_language in ('en', 'fr', 'es', 'ar', 'zh', 'ru')`),
        )
        .execute();
      await db.schema
        .alterTable('invitations')
        .addColumn('language', 'text', (column) => column.check(sql`language in ('en', 'fr', 'es', 'ar', 'zh', 'ru')`))
        .execute();
      await db.schema.alterTable('outbox').addColumn('html', 'text').execute();
      await db.schema.alterTable('rounds').addColumn('closed_at', type('timestamp')).execute();
    },
  };
}
