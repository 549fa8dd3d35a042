/**
 * The shared-state protocol between a cluster's primary and its workers, over in-memory channels
 * that deliver messages asynchronously as IPC does (the real cluster is tested through
 * `migov serve --workers 2` in packages/cli/src/commands/serve.test.ts).
 */
import { EventEmitter } from 'node:events';
import type { Cluster } from 'node:cluster';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, createTestDatabase, type MigovDatabase, type TestDatabase } from '@migov/db';
import { hostSharedState, localSharedState, workerSharedState, type SharedState } from './shared-state.ts';
import { databaseSharedState, type DatabaseSharedState } from './database-shared-state.ts';

/** A primary with `count` connected workers; each worker's side is a process-like channel. */
function fakeCluster(count: number) {
  const cluster = new EventEmitter() as EventEmitter & { workers: Record<number, unknown> };
  cluster.workers = {};
  const workers = Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    const channel = new EventEmitter() as EventEmitter & { send(message: unknown): boolean; connected: boolean };
    channel.connected = true;
    const worker = Object.assign(new EventEmitter(), {
      id,
      isConnected: () => channel.connected,
      send: (message: unknown) => setImmediate(() => channel.emit('message', structuredClone(message))) && true,
    });
    channel.send = (message: unknown) =>
      setImmediate(() => cluster.emit('message', worker, structuredClone(message))) && true;
    cluster.workers[id] = worker;
    return { id, channel, worker };
  });
  hostSharedState(cluster as unknown as Cluster);
  const states = workers.map(({ channel }) => workerSharedState(channel as unknown as NodeJS.Process));
  const exit = (id: number) => {
    const entry = workers[id - 1]!;
    entry.channel.connected = false;
    delete cluster.workers[id];
    cluster.emit('exit', entry.worker, 1, null);
  };
  return { states, exit };
}

/** Two instances on one PostgreSQL database, each with its own pool and listener (one database for the file; the tests use distinct keys). */
const postgres: { test?: TestDatabase; second?: MigovDatabase; states: DatabaseSharedState[] } = { states: [] };
async function twoInstances(): Promise<SharedState[]> {
  postgres.test ??= await createTestDatabase('postgres');
  postgres.second ??= await createDatabase({ url: postgres.test.url });
  const states = await Promise.all(
    [postgres.test.db, postgres.second].map((db) =>
      databaseSharedState({ db, url: postgres.test!.url, processes: localSharedState() }),
    ),
  );
  postgres.states.push(...states);
  return states;
}
afterAll(async () => {
  await Promise.all(postgres.states.map((state) => state.close()));
  await postgres.second?.close();
  await postgres.test?.dispose();
});

describe.each([
  ['one process', async () => [localSharedState()]],
  ['three workers', async () => fakeCluster(3).states],
  ['two instances on PostgreSQL', twoInstances],
] as const)('shared state (%s)', (_name, make) => {
  it('counts attempts per key across every process, in fixed windows', async () => {
    const states: SharedState[] = await make();
    const at = 1_000_000;
    const hits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1)
      hits.push(
        await states[attempt % states.length]!.hitAttempt('sign-in:203.0.113.1', 5, 60_000, at + attempt * 1000),
      );
    expect(hits).toEqual([0, 0, 0, 0, 0, 55, 54]);
    expect(await states[0]!.hitAttempt('sign-in:203.0.113.2', 5, 60_000, at)).toBe(0);
    expect(await states.at(-1)!.hitAttempt('sign-in:203.0.113.1', 5, 60_000, at + 60_000)).toBe(0);
  });

  it('throttles a pair of email and address after repeated failures, with growing waits, across every process', async () => {
    const states: SharedState[] = await make();
    const policy = { threshold: 3, baseMs: 60_000 };
    const pair = 'target@example.org\n203.0.113.5';
    const at = 2_000_000;
    const admitted: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      admitted.push(await states[attempt % states.length]!.signInAttempt(pair, policy, at));
    expect(admitted).toEqual([0, 0, 0, 60]);
    expect(await states.at(-1)!.signInAttempt(pair, policy, at + 1000)).toBe(59);
    // Another address for the same email, and the same address for another email, are not held back.
    expect(await states[0]!.signInAttempt('target@example.org\n198.51.100.7', policy, at)).toBe(0);
    expect(await states[0]!.signInAttempt('other@example.org\n203.0.113.5', policy, at)).toBe(0);
    // After the wait one more attempt is admitted; failing again doubles the wait.
    expect(await states[0]!.signInAttempt(pair, policy, at + 60_000)).toBe(0);
    expect(await states.at(-1)!.signInAttempt(pair, policy, at + 60_000 + 1000)).toBe(119);
    await states.at(-1)!.signInSucceeded(pair);
    expect(await states[0]!.signInAttempt(pair, policy, at + 61_000)).toBe(0);
  });

  it('admits at most the threshold of attempts sent at once', async () => {
    const states: SharedState[] = await make();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        states[index % states.length]!.signInAttempt(
          'burst@example.org\n203.0.113.9',
          { threshold: 4, baseMs: 60_000 },
          3_000_000,
        ),
      ),
    );
    expect(answers.filter((wait) => wait === 0)).toHaveLength(4);
  });

  it('hands a kept value out once, to any process, until it expires', async () => {
    const states: SharedState[] = await make();
    await states[0]!.put('oidc:a', { state: 's', codeVerifier: 'v' }, 5000);
    await states[0]!.put('oidc:b', { state: 't' }, 5000);
    expect(await states.at(-1)!.take('oidc:a', 4000)).toEqual({ state: 's', codeVerifier: 'v' });
    expect(await states[0]!.take('oidc:a', 4000)).toBeUndefined();
    expect(await states.at(-1)!.take('oidc:b', 5000)).toBeUndefined();
  });
});

describe('change notices between workers', () => {
  it('resolves an announcement only after every other worker has acted on it', async () => {
    const { states } = fakeCluster(3);
    const acted: string[] = [];
    states.forEach((state, index) =>
      state.onChange(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20 * (index + 1)));
        acted.push(`worker ${index + 1}`);
      }),
    );
    await states[0]!.announceChange();
    expect(acted.sort()).toEqual(['worker 2', 'worker 3']);
  });

  it('does not wait for a worker that exits, and acknowledges when a listener fails', async () => {
    const { states, exit } = fakeCluster(3);
    states[1]!.onChange(async () => {
      throw new Error('reload failed');
    });
    // Worker 3 never answers (its listener hangs) and then exits.
    states[2]!.onChange(() => new Promise(() => undefined));
    const announced = states[0]!.announceChange();
    await new Promise((resolve) => setTimeout(resolve, 30));
    exit(3);
    await expect(announced).resolves.toBeUndefined();
  });
});

describe('change notices between instances on PostgreSQL', () => {
  it('reaches every other instance through PostgreSQL', async () => {
    const [first, second] = (await twoInstances()) as DatabaseSharedState[];
    let heard = 0;
    second!.onChange(async () => void (heard += 1));
    await first!.announceChange();
    const deadline = Date.now() + 5_000;
    while (heard < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toBeGreaterThanOrEqual(1);
    expect(first!.listener.connected && second!.listener.connected).toBe(true);
  });

  it('acts as on a change when its listening connection comes back, since notices may have been missed', async () => {
    const state = await databaseSharedState({
      db: postgres.test!.db,
      url: postgres.test!.url,
      processes: localSharedState(),
      listen: { retryMs: 20 },
    });
    postgres.states.push(state);
    let resets = 0;
    state.onChange(async () => void (resets += 1));
    // Every listening connection of this database is cut, as a database restart would.
    const admin = new pg.Client({ connectionString: postgres.test!.url });
    await admin.connect();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where application_name = 'migov listener' and datname = current_database()`,
    );
    await admin.end();
    const deadline = Date.now() + 5_000;
    while (state.listener.reconnections < 1 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.listener.reconnections).toBe(1);
    expect(state.listener.connected).toBe(true);
    expect(resets).toBeGreaterThanOrEqual(1);
  });
});
