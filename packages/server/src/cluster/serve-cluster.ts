/**
 * Serving with several processes (`migov serve --workers N`) through node:cluster. The primary does
 * the first-start work once (migrate; on an empty database the administrator and demo data), holds
 * the state the processes share (cluster/shared-state.ts), forks the workers, which share one
 * listening port, and replaces a worker that dies. Stopping the primary stops every worker
 * gracefully: each finishes its requests and closes its database connection.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import * as db from '@migov/db';
import {
  bootstrapDatabase,
  reportBootstrap,
  startServer,
  type RunningServer,
  type StartServerOptions,
} from '../start-server.ts';
import { hostSharedState, workerSharedState } from './shared-state.ts';
import { youngGenerationArgv } from './young-generation.ts';

/** The number of processes `--workers` asks for: a positive integer, or `auto` (one per core). */
export function parseWorkerCount(text: string): number {
  if (text.trim().toLowerCase() === 'auto') return availableParallelism();
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 256)
    throw new RangeError(`invalid --workers: ${text} (expected a number from 1 to 256, or auto)`);
  return count;
}

/** Whether this process is a worker forked by the primary of a cluster. */
export const isClusterWorker = (): boolean => cluster.isWorker;

/** A running cluster, seen from the primary. */
export interface RunningCluster {
  url: string;
  workers: number;
  /** Stop every worker gracefully (SIGKILL after `timeoutMs`) and stop replacing them. */
  close(timeoutMs?: number): Promise<void>;
}

/** What a worker tells the primary. */
type WorkerMessage =
  | { migov: 'worker'; kind: 'listening'; url: string }
  | { migov: 'worker'; kind: 'failed'; message: string; code?: string };

const isWorkerMessage = (message: unknown): message is WorkerMessage =>
  typeof message === 'object' && message !== null && (message as { migov?: unknown }).migov === 'worker';

/** Replacements of dead workers allowed per minute before the primary stops replacing them. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** Wait until a new worker listens; rejects with its start-up error (with the error's code) or its exit. */
function whenListening(worker: Worker): Promise<string> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      if (message.kind === 'listening') resolve(message.url);
      else reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    };
    const onExit = (code: number | null, signal: string | null) => {
      worker.off('message', onMessage);
      reject(
        Object.assign(new Error(`a worker process exited while starting (${signal ?? `exit code ${code}`})`), {
          code: 'WORKER_EXITED',
        }),
      );
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

/** In the primary: first-start work once, then fork `workers` processes serving the same port. */
export async function startCluster(options: StartServerOptions & { workers: number }): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new Error('startCluster runs in the primary process');
  const report = options.report ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await db.createDatabase({ url: options.databaseUrl });
  try {
    reportBootstrap(await bootstrapDatabase(database, options), report);
  } finally {
    await database.close();
  }
  hostSharedState(cluster);
  let closing = false;
  const restarts: number[] = [];
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...youngGenerationArgv()] });
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    // A worker that stopped by itself with code 0 was asked to (a signal to the process group).
    if (closing || (code === 0 && signal === null)) return;
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      report(
        `worker ${worker.process.pid} exited (${signal ?? `exit code ${code}`}); not replaced: ${MAX_RESTARTS_PER_MINUTE} replacements in the last minute`,
      );
      return;
    }
    restarts.push(now);
    report(`worker ${worker.process.pid} exited (${signal ?? `exit code ${code}`}); starting a replacement`);
    whenListening(fork()).catch((error: unknown) =>
      report(`the replacement worker did not start: ${(error as Error).message}`),
    );
  });
  const live = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
  const close = async (timeoutMs = 30_000) => {
    closing = true;
    const exits = live().map((worker) => {
      if (worker.isDead()) return Promise.resolve();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // A signal, not a message: a worker still loading its code has no message listener yet, and
      // SIGTERM then simply ends it; a running worker closes gracefully on it.
      worker.process.kill('SIGTERM');
      const timer = setTimeout(() => worker.process.kill('SIGKILL'), timeoutMs);
      return exited.finally(() => clearTimeout(timer));
    });
    await Promise.all(exits);
  };
  try {
    const urls = await Promise.all(Array.from({ length: options.workers }, () => whenListening(fork())));
    return { url: urls[0]!, workers: options.workers, close };
  } catch (error) {
    await close(5_000);
    throw error;
  }
}

/** In a worker: serve without first-start work, with the primary's shared state; stop when told to. */
export async function runClusterWorker(options: StartServerOptions): Promise<RunningServer> {
  const send = (message: WorkerMessage) => process.send?.(message);
  let server: RunningServer | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Told to stop while starting: the start finishes first (below), then the server closes.
    server?.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // The primary stops workers with SIGTERM, which may come while the server starts.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The primary is gone: nothing would stop or replace this worker any more.
  process.once('disconnect', stop);
  try {
    server = await startServer({ ...options, bootstrap: false, shared: workerSharedState() });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    send({ migov: 'worker', kind: 'failed', message: (error as Error).message, ...(code ? { code } : {}) });
    process.exit(1);
  }
  if (stopping) {
    await server.close();
    process.exit(0);
  }
  send({ migov: 'worker', kind: 'listening', url: server.url });
  return server;
}
