/**
 * 0010: the e-mail outbox (docs/mail.md): every message the platform sends is written here first and
 * sent by a sender loop that claims rows one at a time, so no message is lost while the mail server is
 * down and, with several server processes, only one sends each; and one-time password reset tokens
 * (stored as hashes).
 */
import type { ColumnDataType, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { DIALECT_TYPES, type ColumnKind } from '../schema/tables.ts';

/** The outbox and password_resets tables. */
export function outboxAndPasswordResets(dialect: Dialect): Migration {
  const type = (kind: ColumnKind) => DIALECT_TYPES[dialect][kind] as ColumnDataType;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('recipient', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull())
        .addColumn('dedupe_key', 'text', (column) => column.unique())
        .addColumn('status', 'text', (column) =>
          column.notNull().check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
        )
        .addColumn('attempts', 'integer', (column) => column.notNull())
        .addColumn('next_attempt_at', type('timestamp'), (column) => column.notNull())
        .addColumn('claim', 'text')
        .addColumn('claimed_until', type('timestamp'))
        .addColumn('last_error', 'text')
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('sent_at', type('timestamp'))
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at']).execute();

      await db.schema
        .createTable('password_resets')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', type('timestamp'), (column) => column.notNull())
        .addColumn('expires_at', type('timestamp'), (column) => column.notNull())
        .addColumn('used_at', type('timestamp'))
        .execute();
      await db.schema.createIndex('password_resets_user').on('password_resets').columns(['user_id']).execute();
    },
  };
}
