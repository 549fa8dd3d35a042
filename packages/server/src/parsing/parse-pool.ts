/**
 * A small, bounded pool of parsing threads. Heavy parsing (uploaded workbooks, imported data files)
 * runs here, never on the thread that answers requests: each thread has a heap limit
 * (resourceLimits), each task a time limit (the thread is stopped and replaced past it), and only a
 * few tasks may wait; beyond that the caller is told the server is busy.
 */
import { Worker } from 'node:worker_threads';
import { LimitExceededError, PARSING_LIMIT_VARIABLES, type ParsingLimits } from './limits.ts';
import type { ParseOutcome, ParseResults, ParseTask } from './parse-tasks.ts';

/** Every parsing thread is busy and the queue is full. */
export class ParserBusyError extends Error {
  override readonly name = 'ParserBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super(`the server is parsing other uploads; try again in ${retryAfterSeconds} seconds`);
  }
}

type PoolOptions = Pick<ParsingLimits, 'parseThreads' | 'parseQueue' | 'parseTimeoutMs' | 'parseMemoryMb'>;

interface Job {
  task: ParseTask;
  transfer: ArrayBuffer[];
  resolve(outcome: ParseOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job & { id: number; timer?: NodeJS.Timeout };
}

const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url);

/** The pool; threads start on first use and are stopped by {@link ParsePool.close}. */
export class ParsePool {
  readonly #options: PoolOptions;
  readonly #slots: (Slot | undefined)[];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: Math.max(1, options.parseThreads) }, () => undefined);
  }

  /**
   * Run a task on a parsing thread. Resolves with the task's result; rejects with
   * {@link LimitExceededError} (a bound, the time limit or the heap limit was hit) or
   * {@link ParserBusyError}. The task's byte arrays are copied, never shared.
   */
  async run<K extends ParseTask['kind']>(task: Extract<ParseTask, { kind: K }>): Promise<ParseResults[K]> {
    if (this.#closed) throw new Error('the parsing pool is closed');
    const busy = this.#slots.every((slot) => slot?.job !== undefined);
    if (busy && this.#queue.length >= this.#options.parseQueue)
      throw new ParserBusyError(Math.max(1, Math.ceil(this.#options.parseTimeoutMs / 1000)));
    // A private copy of the bytes is moved to the thread: the request's buffer may be a slice of a shared pool.
    const bytes = new Uint8Array(task.bytes);
    const outcome = await new Promise<ParseOutcome>((resolve, reject) => {
      this.#queue.push({ task: { ...task, bytes }, transfer: [bytes.buffer as ArrayBuffer], resolve, reject });
      this.#dispatch();
    });
    if (outcome.ok) return outcome.value as ParseResults[K];
    if ('exceeded' in outcome) throw new LimitExceededError(outcome.exceeded);
    throw new Error(`parsing failed: ${outcome.error}`);
  }

  /** Stop every thread; tasks still waiting are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error('the server is stopping'));
    await Promise.all(
      this.#slots.map(async (slot, index) => {
        this.#slots[index] = undefined;
        if (!slot) return;
        if (slot.job) {
          clearTimeout(slot.job.timer);
          slot.job.reject(new Error('the server is stopping'));
        }
        await slot.worker.terminate();
      }),
    );
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      let index = this.#slots.findIndex((slot) => slot !== undefined && slot.job === undefined);
      if (index < 0) index = this.#slots.findIndex((slot) => slot === undefined);
      if (index < 0) return;
      const slot = this.#slots[index] ?? this.#start(index);
      const job = this.#queue.shift()!;
      const id = this.#nextId++;
      slot.job = { ...job, id };
      // The time limit starts when the thread is ready: starting a thread is not the upload's cost.
      slot.ready.then(
        () => {
          if (slot.job?.id !== id) return;
          slot.job.timer = setTimeout(
            () => this.#fail(index, slot, timeLimit(this.#options.parseTimeoutMs)),
            this.#options.parseTimeoutMs,
          );
          slot.worker.postMessage({ id, task: job.task }, job.transfer);
        },
        () => undefined,
      );
    }
  }

  #start(index: number): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.#options.parseMemoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(this.#options.parseMemoryMb / 8))),
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    let markReady: () => void = () => undefined;
    let failStart: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    const slot: Slot = { worker, ready };
    this.#slots[index] = slot;
    worker.on('message', (message: { ready?: true; id?: number; outcome?: ParseOutcome }) => {
      if (message.ready) return markReady();
      const job = slot.job;
      if (!job || job.id !== message.id || !message.outcome) return;
      clearTimeout(job.timer);
      slot.job = undefined;
      job.resolve(message.outcome);
      this.#dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      failStart(error);
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.#fail(
        index,
        slot,
        outOfMemory ? memoryLimit(this.#options.parseMemoryMb) : new Error(`a parsing thread failed: ${error.message}`),
      );
    });
    worker.on('exit', (code) => {
      failStart(new Error(`a parsing thread exited (code ${code})`));
      this.#fail(index, slot, new Error(`a parsing thread exited (code ${code})`));
    });
    return slot;
  }

  /** End the slot's job with an error and replace its thread. */
  #fail(index: number, slot: Slot, error: Error): void {
    if (this.#slots[index] !== slot) return;
    this.#slots[index] = undefined;
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    void slot.worker.terminate();
    this.#dispatch();
  }
}

const timeLimit = (ms: number) =>
  new LimitExceededError({
    limit: 'parse-time',
    max: ms,
    setting: PARSING_LIMIT_VARIABLES.parseTimeoutMs,
    message: `parsing the file took longer than ${(ms / 1000).toLocaleString('en')} second${ms === 1000 ? '' : 's'}, the limit; it was stopped`,
  });

const memoryLimit = (mb: number) =>
  new LimitExceededError({
    limit: 'parse-memory',
    max: mb,
    setting: PARSING_LIMIT_VARIABLES.parseMemoryMb,
    message: `parsing the file needed more than ${mb} MiB of memory, the limit; it was stopped`,
  });
