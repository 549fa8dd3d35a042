// `migov serve`: run the platform locally. On an empty database: migrate, create the first
// administrator, load the official data snapshot shipped with migov, add demo data (unless --no-demo),
// then print the URL; stops cleanly on Ctrl-C.
// With --workers N the first-start work runs once in the primary, which then forks N processes
// serving the same port (docs/api.md, "Serving with several processes").
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { DEFAULT_DATABASE_URL } from '@migov/db';
import {
  closeOnSignals,
  isClusterWorker,
  parseLogFormat,
  parseWorkerCount,
  runClusterWorker,
  startCluster,
  startServer,
  type StartServerOptions,
} from '@migov/server';
import { createLivePageRenderer } from '@migov/web/ssr';
import { CliError, EXIT } from '../cli-error.ts';

interface ServeOptions {
  port: string;
  host: string;
  database?: string;
  demo: boolean;
  workers: string;
  logFormat?: string;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Adds the `serve` command. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'run the migov server (API, docs and web app); on an empty database: migrate, create an administrator and demo data',
    )
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option(
      '--database <url>',
      `sqlite:<path>, a file path or postgres://… (default: DATABASE_URL or ${DEFAULT_DATABASE_URL})`,
    )
    .option('--no-demo', 'do not add demo data to an empty database')
    .option('--workers <count>', 'processes serving requests: a number, or auto for one per core', '1')
    .option(
      '--log-format <format>',
      'text (one short line per request, the default) or json (for log collectors; default MIGOV_LOG_FORMAT)',
    )
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new CliError(`invalid --port: ${options.port} (expected 0-65535)`, EXIT.usage);
      let workers: number;
      try {
        workers = parseWorkerCount(options.workers);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage);
      }
      let logFormat: ReturnType<typeof parseLogFormat>;
      try {
        logFormat = parseLogFormat(options.logFormat ?? process.env.MIGOV_LOG_FORMAT);
      } catch (error) {
        throw new CliError(`invalid --log-format: ${(error as Error).message}`, EXIT.usage);
      }
      const webRoot = resolve(repositoryRoot, 'apps/web/dist');
      const startOptions: StartServerOptions = {
        databaseUrl: options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
        host: options.host,
        port,
        demo: options.demo,
        ...(logFormat ? { logFormat } : {}),
        ...(process.env.MIGOV_ADMIN_PASSWORD ? { adminPassword: process.env.MIGOV_ADMIN_PASSWORD } : {}),
        ...(process.env.MIGOV_ADMIN_EMAIL ? { adminEmail: process.env.MIGOV_ADMIN_EMAIL } : {}),
        // The public pages arrive drawn (rendered here with the web app's components, kept until public data changes).
        ...(existsSync(webRoot)
          ? {
              webRoot,
              renderPage: createLivePageRenderer({
                readFile: (path) => readFile(join(webRoot, path), 'utf8').catch(() => undefined),
              }),
            }
          : {}),
        report: (line) => process.stdout.write(`${line}\n`),
      };
      if (isClusterWorker()) {
        await runClusterWorker(startOptions);
        return new Promise<never>(() => undefined);
      }
      let url: string;
      let close: () => Promise<void>;
      try {
        if (workers === 1) {
          const server = await startServer(startOptions);
          ({ url } = server);
          close = () => server.close();
        } else {
          const running = await startCluster({ ...startOptions, workers });
          ({ url } = running);
          close = () => running.close();
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new CliError(`port ${port} on ${options.host} is in use: choose another with --port`, EXIT.unavailable);
        if (code === 'ECONNREFUSED')
          throw new CliError(`the database cannot be reached: ${(error as Error).message}`, EXIT.unavailable);
        if (code === 'WORKER_EXITED')
          throw new CliError(`${(error as Error).message}; the server did not start`, EXIT.unavailable);
        throw error;
      }
      const processes = workers === 1 ? '' : ` with ${workers} worker processes`;
      process.stdout.write(
        `migov is running${processes}: open ${url}/  (API docs: ${url}/api/v1/docs; Ctrl-C stops it)\n`,
      );
      closeOnSignals({ close });
      // Keep the command pending while the server runs; the signal handler exits the process.
      await new Promise<never>(() => undefined);
    });
}
