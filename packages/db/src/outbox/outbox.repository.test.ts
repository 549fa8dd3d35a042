import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type MigovDatabase } from '../database.ts';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import {
  claimDueMessages,
  countOutbox,
  enqueueMessage,
  enqueueMessages,
  listOutbox,
  markMessageFailed,
  markMessageSent,
  retryMessage,
} from './outbox.repository.ts';

describe.each(TEST_DIALECTS)('the outbox on %s', (dialect) => {
  let test: TestDatabase;
  let db: MigovDatabase;
  const t0 = new Date('2030-01-01T00:00:00.000Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    db = test.db;
  });
  afterAll(async () => test?.dispose());

  it('gives each due message to exactly one of many concurrent senders, over separate connections', async () => {
    const messages = Array.from({ length: 40 }, (_, index) => ({
      kind: 'test.claim',
      recipient: `claim${index}@example.org`,
      subject: `Message ${index}`,
      body: 'x',
    }));
    await enqueueMessages(db, messages, t0);
    // Separate database handles, as separate server processes have (a file database for SQLite).
    const others = await Promise.all([1, 2, 3].map(() => createDatabase({ url: test.url })));
    try {
      const senders = [db, ...others];
      const claimed = (
        await Promise.all(
          senders.flatMap((sender) =>
            [0, 1].map(() => claimDueMessages(sender, { now: at(1), limit: 40, leaseMs: 60_000 })),
          ),
        )
      ).flat();
      const mine = claimed.filter((message) => message.kind === 'test.claim');
      expect(mine).toHaveLength(40);
      expect(new Set(mine.map((message) => message.id)).size).toBe(40);
      for (const message of mine) expect(await markMessageSent(db, message, at(2))).toBe(true);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('adds a message with a used dedupe key only once', async () => {
    const first = await enqueueMessage(
      db,
      {
        kind: 'round.reminder',
        recipient: 'once@example.org',
        subject: 'Reminder',
        body: 'b',
        dedupeKey: 'reminder:a:b',
      },
      t0,
    );
    const second = await enqueueMessage(
      db,
      {
        kind: 'round.reminder',
        recipient: 'once@example.org',
        subject: 'Reminder',
        body: 'b',
        dedupeKey: 'reminder:a:b',
      },
      t0,
    );
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    const claimed = await claimDueMessages(db, { now: at(1), leaseMs: 1000 });
    expect(claimed.map((message) => message.recipient)).toEqual(['once@example.org']);
    await markMessageSent(db, claimed[0]!, at(1));
  });

  it('retries after the wait, takes back an expired lease, and settles a message only with its current claim', async () => {
    const message = (await enqueueMessage(
      db,
      { kind: 'test.retry', recipient: 'retry@example.org', subject: 'Retry', body: 'b' },
      at(10),
    ))!;
    const [first] = await claimDueMessages(db, { now: at(10), leaseMs: 5000 });
    expect(first!.id).toBe(message.id);
    expect(first!.attempts).toBe(1);
    expect(await markMessageFailed(db, first!, { error: 'connect ECONNREFUSED', retryInMs: 30_000, now: at(11) })).toBe(
      true,
    );
    expect(await claimDueMessages(db, { now: at(20), leaseMs: 5000 })).toEqual([]);
    const [second] = await claimDueMessages(db, { now: at(41), leaseMs: 5000 });
    expect(second!.attempts).toBe(2);
    expect(second!.lastError).toBe('connect ECONNREFUSED');
    // The sender dies: after its lease another claims the message, and the first can no longer settle it.
    const [third] = await claimDueMessages(db, { now: at(47), leaseMs: 5000 });
    expect(third!.id).toBe(message.id);
    expect(await markMessageSent(db, second!, at(48))).toBe(false);
    expect(await markMessageFailed(db, third!, { error: '550 mailbox unavailable', now: at(48) })).toBe(true);
    expect((await listOutbox(db, { status: 'failed' })).items.map((item) => [item.id, item.lastError])).toEqual([
      [message.id, '550 mailbox unavailable'],
    ]);
    expect((await retryMessage(db, message.id, at(50))).status).toBe('pending');
    const counts = await countOutbox(db);
    expect(counts.pending).toBe(1);
    expect(counts.failed).toBe(0);
  });

  it('refuses a recipient that is not an address and a subject with a line break', async () => {
    await expect(enqueueMessage(db, { kind: 'x', recipient: 'nobody', subject: 'a', body: '' })).rejects.toThrow(
      /recipient/,
    );
    await expect(
      enqueueMessage(db, { kind: 'x', recipient: 'a@example.org', subject: 'a\r\nBcc: b@example.org', body: '' }),
    ).rejects.toThrow(/subject/);
  });
});
