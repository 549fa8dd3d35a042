/**
 * The static publication on several threads. Each worker builds one part of the site
 * (`buildStaticSite`'s `part`: every n-th country, profile and indicator, in every language) with
 * React's production build, and writes its own files. The data still comes from the calling thread:
 * a worker asks for an API answer over its port and gets the answer's text from the transport there
 * (the one app, and the profiles read in bulk), so workers open no database and read exactly what a
 * single thread would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { UiLanguage } from '@migov/web';
import {
  buildStaticSite,
  transportClient,
  type StaticSiteSummary,
  type TextAnswer,
  type Transport,
} from '@migov/web/ssr';

type RequestOptions = Parameters<Transport['text']>[1];
type RawAnswer = Awaited<ReturnType<Transport['raw']>>;

/** What a part needs to build its pages (all of it can be copied to a worker). */
interface PartOptions {
  kind: 'migov-static-site-part';
  part: { index: number; count: number };
  out: string;
  base: string;
  languages?: readonly UiLanguage[] | undefined;
  css: string;
  /** The world map's TopoJSON, as text. */
  topology: string;
}

type FromWorker =
  | { type: 'text'; id: number; path: string; options: RequestOptions }
  | { type: 'raw'; id: number; path: string }
  | { type: 'pages'; paths: string[] }
  | { type: 'done'; summary: StaticSiteSummary }
  | { type: 'failed'; message: string };

type Reply = { id: number; answer: TextAnswer | RawAnswer } | { id: number; error: string };

/** Replies go in batches: each message wakes a thread, which on a busy machine costs a time slice. */
type ToWorker = { type: 'replies'; replies: Reply[] };

/**
 * Writes into a folder (never outside it), creating each folder once. Writes are synchronous: on a
 * worker thread a write holds up only that worker, and it saves the file system calls' round trips
 * through the thread pool (tens of thousands of small files).
 */
export function folderWriter(out: string): (path: string, content: string | Uint8Array) => Promise<void> {
  const root = resolve(out);
  const folders = new Set<string>();
  return async (path, content) => {
    const target = join(root, ...path.split('/'));
    if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${path}`);
    const folder = dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(target, content);
  };
}

/** Build this worker's part: data over the port, files into the folder, progress back in batches. */
async function buildPart(options: PartOptions): Promise<void> {
  const port = parentPort!;
  const waiting = new Map<number, { resolve(value: never): void; reject(error: Error): void }>();
  port.on('message', (message: ToWorker) => {
    for (const reply of message.replies) {
      const call = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('error' in reply) call?.reject(new Error(reply.error));
      else call?.resolve(reply.answer as never);
    }
  });
  let next = 0;
  const ask = <Answer>(
    message: { type: 'text'; path: string; options: RequestOptions } | { type: 'raw'; path: string },
  ) =>
    new Promise<Answer>((resolveAnswer, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolveAnswer as (value: never) => void, reject });
      port.postMessage({ ...message, id } satisfies FromWorker);
    });
  const transport: Transport = {
    text: (path, requestOptions) => ask<TextAnswer>({ type: 'text', path, options: requestOptions }),
    raw: (path) => ask<RawAnswer>({ type: 'raw', path }),
  };
  let done: string[] = [];
  let sent = Date.now();
  const summary = await buildStaticSite({
    api: transportClient(transport),
    base: options.base,
    ...(options.languages ? { languages: options.languages } : {}),
    css: options.css,
    loadTopology: async () => JSON.parse(options.topology),
    write: folderWriter(options.out),
    part: options.part,
    onPage(path) {
      done.push(path);
      if (Date.now() - sent < 100) return;
      port.postMessage({ type: 'pages', paths: done } satisfies FromWorker);
      done = [];
      sent = Date.now();
    },
  });
  if (done.length > 0) port.postMessage({ type: 'pages', paths: done } satisfies FromWorker);
  port.postMessage({ type: 'done', summary } satisfies FromWorker);
}

const part = workerData as PartOptions | undefined;
if (part?.kind === 'migov-static-site-part') {
  buildPart(part).catch((error: Error) =>
    parentPort!.postMessage({ type: 'failed', message: error.stack ?? error.message } satisfies FromWorker),
  );
}

export interface ParallelSiteOptions {
  /** What answers every worker's API calls, in this thread (the app; bodies as bytes, to move to the worker). */
  transport: Transport;
  /** The folder the site is written to. */
  out: string;
  base?: string;
  languages?: readonly UiLanguage[];
  css: string;
  /** The world map's TopoJSON, as text. */
  topology: string;
  /** Worker threads (at least 1). */
  workers: number;
  /** Called after each page, for progress (in batches, as the workers report). */
  onPage?(path: string): void;
}

/**
 * Build the whole site with `workers` worker threads into a folder: the same files as
 * `buildStaticSite` on one thread. Rendering runs in the workers; this thread answers their API calls.
 */
export async function buildStaticSiteInParallel(options: ParallelSiteOptions): Promise<StaticSiteSummary> {
  const count = Math.max(1, Math.floor(options.workers));
  // The workers run this module's TypeScript source: they load tsx first, as the `migov` command does.
  const tsx =
    import.meta.resolve?.('tsx/esm/api') ??
    pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
  const self = pathToFileURL(fileURLToPath(import.meta.url)).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); });`;
  const workers: Worker[] = [];
  const { transport } = options;
  // Calls from several workers for the same answer share one call while it runs (and its body is
  // then copied to each); an answer only one worker asked for moves to it without a copy.
  const running = new Map<string, { answer: Promise<TextAnswer>; askers: number }>();
  const text = async (path: string, requestOptions: RequestOptions) => {
    if ((requestOptions.method ?? 'GET') !== 'GET')
      return { answer: await transport.text(path, requestOptions), alone: true };
    let call = running.get(path);
    if (call) call.askers += 1;
    else {
      call = { answer: transport.text(path, requestOptions).finally(() => running.delete(path)), askers: 1 };
      running.set(path, call);
    }
    const answer = await call.answer;
    return { answer, alone: call.askers === 1 };
  };
  try {
    const summaries = await Promise.all(
      Array.from({ length: count }, (_, index) => {
        const data: PartOptions = {
          kind: 'migov-static-site-part',
          part: { index, count },
          out: options.out,
          base: options.base ?? '/',
          languages: options.languages,
          css: options.css,
          topology: options.topology,
        };
        const worker = new Worker(bootstrap, {
          eval: true,
          workerData: data,
          // The production build of React renders the same markup without development checks.
          env: { ...process.env, NODE_ENV: 'production' },
        });
        workers.push(worker);
        let replies: Reply[] = [];
        let moved: ArrayBuffer[] = [];
        const reply = (entry: Reply, move?: ArrayBuffer) => {
          if (replies.length === 0)
            setImmediate(() => {
              worker.postMessage({ type: 'replies', replies } satisfies ToWorker, moved);
              replies = [];
              moved = [];
            });
          replies.push(entry);
          if (move) moved.push(move);
        };
        return new Promise<StaticSiteSummary>((resolveSummary, reject) => {
          let finished = false;
          worker.on('message', (message: FromWorker) => {
            if (message.type === 'pages') {
              for (const path of message.paths) options.onPage?.(path);
              return;
            }
            if (message.type === 'done') {
              finished = true;
              resolveSummary(message.summary);
              return;
            }
            if (message.type === 'failed') {
              finished = true;
              reject(new Error(`publishing part ${index + 1} of ${count} failed: ${message.message}`));
              return;
            }
            const asked =
              message.type === 'text'
                ? text(message.path, message.options).then(({ answer, alone }) =>
                    reply(
                      { id: message.id, answer },
                      alone && typeof answer.body !== 'string' ? (answer.body.buffer as ArrayBuffer) : undefined,
                    ),
                  )
                : transport.raw(message.path).then((answer) => reply({ id: message.id, answer }));
            asked.catch((error: Error) => reply({ id: message.id, error: error.message }));
          });
          worker.on('error', (error) => {
            finished = true;
            reject(error);
          });
          worker.on('exit', (code) => {
            if (!finished) reject(new Error(`publishing part ${index + 1} of ${count} stopped (exit code ${code})`));
          });
        });
      }),
    );
    return {
      pages: summaries.reduce((sum, summary) => sum + summary.pages, 0),
      downloads: summaries.reduce((sum, summary) => sum + summary.downloads, 0),
      countries: summaries[0]!.countries,
      languages: summaries[0]!.languages,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
