/**
 * Starting a server for real: open and migrate the database, on an empty database create the first
 * administrator (and, unless disabled, clearly labelled demo data), build the app, listen, and
 * shut down gracefully. Used by main.ts and the CLI's `serve` command.
 */
import * as db from '@migov/db';
import type { FastifyServerOptions } from 'fastify';
import type { Observation } from '@migov/core';
import { createApp, type MigovApp } from './app.ts';
import { loadConfigFromEnv, type ServerConfig } from './config.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
import { createSecret } from './auth/tokens.ts';
import { localSharedState, type SharedState } from './cluster/shared-state.ts';
import { databaseSharedState, type DatabaseSharedState } from './cluster/database-shared-state.ts';
import { loggerOptions, parseLogFormat, type LogFormat } from './log-format.ts';
import type { PublicPageRenderer } from './routes/web.routes.ts';

/** What startServer needs. */
export interface StartServerOptions {
  databaseUrl: string;
  host: string;
  port: number;
  /** Seed demo data into an empty database. */
  demo: boolean;
  /** 10.7.2 observations to include in the demo data, stored as demo values (by default none: the official values come from the snapshot). */
  demoObservations?: readonly Observation[];
  adminEmail?: string;
  /** The first administrator's password; generated (and reported once) when absent. */
  adminPassword?: string;
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
  /** The log's format when no logger is given: text (one line per request) or json; default MIGOV_LOG_FORMAT, else text. */
  logFormat?: LogFormat;
  config?: Partial<ServerConfig>;
  /** Where to tell the operator what happened (the URL, a generated password). */
  report?: (line: string) => void;
  /** Migrate and seed an empty database first (default true; a cluster's workers leave it to the primary). */
  bootstrap?: boolean;
  /** State shared with the other processes of the server (a cluster worker's). */
  shared?: SharedState;
  /** Draws the web app's public pages on the server (createApp's `renderPage`). */
  renderPage?: PublicPageRenderer;
}

/** A running server. */
export interface RunningServer {
  app: MigovApp;
  database: db.MigovDatabase;
  url: string;
  /** Stop accepting connections, finish in-flight requests, close the database. */
  close(): Promise<void>;
}

/** What an empty database gets on first start. */
export interface BootstrapResult {
  /** The official data snapshot shipped with migov, when this start loaded it. */
  loadedSnapshot?: { id: string; label: string; rows: number };
  createdAdmin?: { email: string; generatedPassword?: string };
  seededDemo: boolean;
  /** The demo users' shared password (generated; demo users exist only with demo data). */
  demoPassword?: string;
}

/**
 * Load the official data snapshot shipped with migov unless it, or a snapshot retrieved later (from
 * `migov fetch`), is already loaded. Idempotent: every start may call it.
 */
export async function ensureOfficialSnapshot(database: db.MigovDatabase): Promise<BootstrapResult['loadedSnapshot']> {
  const bundled = db.readBundledSnapshot();
  const loaded = await db.listOfficialSnapshots(database);
  if (loaded.some((snapshot) => snapshot.retrievedOn >= bundled.manifest.retrievedOn)) return undefined;
  const result = await db.loadOfficialSnapshot(database, bundled, { origin: 'bundled' });
  if (!result.loaded) return undefined;
  return {
    id: result.snapshot.id,
    label: result.snapshot.label,
    rows: result.snapshot.series.reduce((sum, series) => sum + series.rows, 0),
  };
}

/**
 * Migrate, load the official data snapshot when missing, and on a database without users create the
 * first administrator and optionally the demo data (demo assessments, fenced off as demo).
 */
export async function bootstrapDatabase(
  database: db.MigovDatabase,
  options: Pick<StartServerOptions, 'demo' | 'demoObservations' | 'adminEmail' | 'adminPassword'>,
): Promise<BootstrapResult> {
  await database.migrate();
  const loadedSnapshot = await ensureOfficialSnapshot(database);
  const users = await db.listUsers(database, { page: { limit: 1 } });
  if (users.total > 0) return { seededDemo: false, ...(loadedSnapshot ? { loadedSnapshot } : {}) };
  const email = options.adminEmail ?? 'admin@migov.local';
  if (options.adminPassword !== undefined && options.adminPassword.length < MIN_PASSWORD_LENGTH) {
    throw new RangeError(`MIGOV_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const password = options.adminPassword ?? createSecret().slice(0, 24);
  const admin = await db.createUser(database, {
    email,
    name: 'Administrator',
    passwordHash: await hashPassword(password),
  });
  await db.grantRole(database, { userId: admin.id, role: 'administrator', scope: { kind: 'global' } }, null);
  await db.recordAudit(database, {
    action: 'bootstrap.admin',
    targetType: 'user',
    targetId: admin.id,
    details: { email },
  });
  const createdAdmin = { email, ...(options.adminPassword === undefined ? { generatedPassword: password } : {}) };
  if (!options.demo) return { createdAdmin, seededDemo: false, ...(loadedSnapshot ? { loadedSnapshot } : {}) };
  // Demo users get a random password, shown once: a known demo password would be a way in on a reachable server.
  const demoPassword = createSecret().slice(0, 16);
  // The official values come from the snapshot: the demo adds assessments and publications, labelled demo, and no 10.7.2 series of its own.
  await db.seedDemoData(database, {
    seed: 1,
    passwordHash: await hashPassword(demoPassword),
    observations: options.demoObservations ?? [],
    syntheticIndicators: false,
    // The newest demo round stays open for a while after the first start, so the workflow can be tried at once.
    today: new Date().toISOString().slice(0, 10),
  });
  return { createdAdmin, seededDemo: true, demoPassword, ...(loadedSnapshot ? { loadedSnapshot } : {}) };
}

/** Tell the operator what the first start did (the administrator's generated password is shown only here). */
export function reportBootstrap(bootstrap: BootstrapResult, report: (line: string) => void): void {
  if (bootstrap.loadedSnapshot)
    report(
      `Loaded the official data snapshot ${bootstrap.loadedSnapshot.id} (${bootstrap.loadedSnapshot.label}; ${bootstrap.loadedSnapshot.rows} values).`,
    );
  if (bootstrap.createdAdmin) {
    report(`Created the administrator ${bootstrap.createdAdmin.email}.`);
    if (bootstrap.createdAdmin.generatedPassword)
      report(`Its password (shown only now): ${bootstrap.createdAdmin.generatedPassword}`);
  }
  if (bootstrap.seededDemo) {
    report('Added DEMO data (demo users, rounds and assessments, clearly labelled): not for production use.');
    report(
      `Demo users demo-<role>@${db.DEMO_EMAIL_DOMAIN} (e.g. demo-focal-point@${db.DEMO_EMAIL_DOMAIN}) share the password: ${bootstrap.demoPassword}`,
    );
  }
}

/** Open, bootstrap, build and listen. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const report = options.report ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await db.createDatabase({ url: options.databaseUrl });
  let app: MigovApp | undefined;
  let shared: SharedState | undefined;
  let listening: DatabaseSharedState | undefined;
  try {
    if (options.bootstrap !== false) reportBootstrap(await bootstrapDatabase(database, options), report);
    // On PostgreSQL other instances may serve the same database: limits and pending sign-ins are
    // kept in it, and changes are heard through it (cluster/database-shared-state.ts, docs/scaling.md).
    shared = options.shared ?? localSharedState();
    if (database.dialect === 'postgres')
      shared = listening = await databaseSharedState({
        db: database,
        url: options.databaseUrl,
        processes: shared,
        onListenerError: (error) =>
          app?.log.warn({ err: error }, 'the change listener lost its database connection; reconnecting'),
      });
    const config = loadConfigFromEnv(process.env, {
      publicUrl: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`,
      ...options.config,
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
    app = await createApp({
      db: database,
      config,
      logger:
        options.logger ??
        loggerOptions(
          options.logFormat ?? parseLogFormat(process.env.MIGOV_LOG_FORMAT) ?? 'text',
          process.env.MIGOV_LOG_LEVEL ?? 'info',
        ),
      shared,
      ...(options.renderPage ? { renderPage: options.renderPage } : {}),
    });
    const address = await app.listen({ host: options.host, port: options.port });
    const url = address.replace('[::1]', 'localhost');
    return {
      app,
      database,
      url,
      async close() {
        await app!.close();
        await listening?.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close();
    await listening?.close();
    await database.close();
    throw error;
  }
}

/** Close the server on SIGINT/SIGTERM (a second signal exits at once). */
export function closeOnSignals(
  server: Pick<RunningServer, 'close'>,
  report: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    report(`${signal}: finishing requests and closing…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        report(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
