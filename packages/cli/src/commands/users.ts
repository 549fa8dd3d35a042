// `migov users reset-password <email>`: a one-time password reset link for an account, printed for an
// administrator to pass on privately, e.g. when no SMTP server is configured (docs/mail.md). The same
// expiry and one-time rules as the e-mailed link; audited as password-reset.request with via: cli.
import { appliedSchemaVersion, findUserByEmail, SCHEMA_VERSION } from '@migov/db';
import { ConfigError, createPasswordResetLink, loadConfigFromEnv } from '@migov/server';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { openDatabaseOption } from './db.ts';

interface ResetOptions {
  database?: string;
  publicUrl?: string;
}

/** Make the link; `now` is the clock (tests move it). Answers the link and its expiry. */
export async function resetPasswordLink(
  email: string,
  options: ResetOptions,
  env: Record<string, string | undefined> = process.env,
  now: () => Date = () => new Date(),
): Promise<{ url: string; expiresAt: string }> {
  let config;
  try {
    config = loadConfigFromEnv({ ...env, ...(options.publicUrl ? { MIGOV_PUBLIC_URL: options.publicUrl } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  const db = await openDatabaseOption(options.database);
  try {
    const version = await appliedSchemaVersion(db);
    if (version !== SCHEMA_VERSION)
      throw new CliError(
        `the database schema is ${version ?? 'not created'}, not ${SCHEMA_VERSION}: run migov db migrate first`,
        EXIT.refused,
      );
    const user = await findUserByEmail(db, email);
    if (!user || user.status !== 'active')
      throw new CliError(`no active account has the address ${email}`, EXIT.refused);
    return await createPasswordResetLink(db, config, user, { now: now(), via: 'cli' });
  } finally {
    await db.close();
  }
}

/** Adds `users reset-password`. */
export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('user accounts');
  users
    .command('reset-password')
    .description(
      'print a one-time link to choose a new password (as the e-mailed one: valid MIGOV_PASSWORD_RESET_TTL_SECONDS, default one hour, once); pass it on privately',
    )
    .argument('<email>', 'the address of the account')
    .option('--database <url>', 'database URL (default: DATABASE_URL or ./.migov/migov.sqlite)')
    .option('--public-url <url>', 'the address users open, the base of the link (default: MIGOV_PUBLIC_URL)')
    .action(async (email: string, options: ResetOptions) => {
      const link = await resetPasswordLink(email, options);
      process.stdout.write(`${link.url}\n`);
      process.stderr.write(
        `The link works once, until ${link.expiresAt}; using it signs the account out everywhere. Pass it on privately.\n`,
      );
    });
}
