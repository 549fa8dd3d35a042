// `migov db migrate | backup --out <file> | restore <file>`: database upkeep. The database is
// --database, else DATABASE_URL, else ./.migov/migov.sqlite. Progress goes to stderr.
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import {
  ConflictError,
  DEFAULT_DATABASE_URL,
  NotFoundError,
  ValidationError,
  backupDatabase,
  createDatabase,
  parseDatabaseUrl,
  restoreDatabase,
  type MigovDatabase,
} from '@migov/db';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';

interface DatabaseOption {
  database?: string;
}

/** The database URL: the flag, then DATABASE_URL, then the product default. */
export function resolveDatabaseUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/** A URL safe to print: the password is masked. */
export function describeUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** The database of --database / DATABASE_URL / the default, opened (not migrated); one-line CLI errors when it cannot be. */
export async function openDatabaseOption(option: string | undefined): Promise<MigovDatabase> {
  const url = resolveDatabaseUrl(option);
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  try {
    return await createDatabase({ url });
  } catch (error) {
    throw new CliError(`cannot open the database ${describeUrl(url)}: ${(error as Error).message}`, EXIT.unavailable);
  }
}

/** Run `work` on an open database, closing it afterwards and turning data-layer errors into one-line CLI errors. */
async function withDatabase<T>(option: string | undefined, work: (db: MigovDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabaseOption(option);
  try {
    return await work(db);
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError || error instanceof NotFoundError)
      throw new CliError(error.message, EXIT.refused);
    const code = (error as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01') {
      throw new CliError(
        `cannot reach the database ${describeUrl(resolveDatabaseUrl(option))}: ${(error as Error).message}`,
        EXIT.unavailable,
      );
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** Progress lines on stderr for tables large enough to take a while (every 10 %). */
function progressPrinter(verb: string): (table: string, done: number, total: number) => void {
  const printed = new Map<string, number>();
  return (table, done, total) => {
    if (total < 10_000) return;
    const tenth = Math.floor((done / total) * 10);
    if ((printed.get(table) ?? -1) >= tenth) return;
    printed.set(table, tenth);
    process.stderr.write(`${verb} ${table}: ${done}/${total} rows\n`);
  };
}

/** Adds `db migrate`, `db backup` and `db restore`. */
export function registerDbCommands(program: Command): void {
  const db = program
    .command('db')
    .description('database upkeep: migrations, backup and restore (SQLite or PostgreSQL)');
  const databaseOption = [
    '--database <url>',
    'sqlite:<path>, a file path or postgres://… (default: DATABASE_URL or ./.migov/migov.sqlite)',
  ] as const;

  db.command('migrate')
    .description('apply pending schema migrations')
    .option(...databaseOption)
    .action(async (options: DatabaseOption) => {
      await withDatabase(options.database, async (database) => {
        await database.migrate();
        process.stderr.write(`migrated ${describeUrl(resolveDatabaseUrl(options.database))}\n`);
      });
    });

  db.command('backup')
    .description('write a consistent, dialect-neutral backup (gzipped JSON lines)')
    .requiredOption('--out <file>', 'the backup file to write (e.g. migov-2024-06-01.jsonl.gz)')
    .option(...databaseOption)
    .action(async (options: DatabaseOption & { out: string }) => {
      // Written beside the target and renamed at the end, so a failed backup never looks like a good one.
      const partial = `${options.out}.partial`;
      await withDatabase(options.database, async (database) => {
        try {
          // Owner-only: a backup holds password and token hashes and evidence files.
          const summary = await backupDatabase(database, createWriteStream(partial, { mode: 0o600 }), {
            onProgress: progressPrinter('backup'),
          });
          renameSync(partial, options.out);
          const total = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
          process.stderr.write(
            `backup of schema ${summary.schemaVersion}: ${total} rows in ${Object.keys(summary.rows).length} tables -> ${options.out}\n`,
          );
        } catch (error) {
          rmSync(partial, { force: true });
          throw error;
        }
      });
    });

  db.command('restore')
    .description('restore a backup into an empty database (migrated first); all or nothing')
    .argument('<file>', 'a backup written by `migov db backup`')
    .option(...databaseOption)
    .action(async (file: string, options: DatabaseOption) => {
      const input = createReadStream(file);
      await new Promise<void>((resolve, reject) => {
        input.once('open', () => resolve());
        input.once('error', (error) => reject(new CliError(`cannot read ${file}: ${error.message}`, EXIT.unavailable)));
      });
      await withDatabase(options.database, async (database) => {
        await database.migrate();
        const summary = await restoreDatabase(database, input, { onProgress: progressPrinter('restore') });
        const total = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
        process.stderr.write(`restored ${total} rows in ${Object.keys(summary.rows).length} tables from ${file}\n`);
      });
    });
}
