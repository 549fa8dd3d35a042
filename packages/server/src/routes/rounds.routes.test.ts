/**
 * Closing dates that are enforced, through the real HTTP server on loopback, on SQLite and PostgreSQL,
 * on a clock the test moves (never a sleep): a closed round refuses starting and first submissions
 * with 409 round-closed and changes nothing, while review goes on; an administrator reopens and closes
 * it again, all in the audit log; reminders waiting for the old closing day are withdrawn and new ones
 * follow the new day.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment, enqueueMessages, listOutbox, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import { roundReminders } from '../mail/notices.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';

/** What the API answered, as far as these tests read it. */
interface Answer {
  id?: string;
  code?: string;
  detail?: string;
  problems?: unknown[];
  assessment?: { id: string; lockVersion: number; state: string };
  items?: { jurisdiction?: string; action?: string; details?: unknown }[];
  [key: string]: unknown;
}

describe.each(DIALECTS)('rounds with enforced closing dates, over HTTP (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let base: string;
  let admin: SignedIn;
  let focal: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  // The server's clock, moved by the test.
  let nowMs = Date.parse('2027-03-30T12:00:00Z');

  async function call(
    method: string,
    path: string,
    session?: SignedIn,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; type: string; json: Answer }> {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(session ? asUser(session) : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      json: text ? (JSON.parse(text) as Answer) : {},
    };
  }

  async function act(session: SignedIn, id: string, action: string, body: unknown = {}) {
    const current = await call('GET', `/assessments/${id}`, session);
    return call('POST', `/assessments/${id}/${action}`, session, body, {
      'if-match': `"${current.json.assessment!.lockVersion}"`,
    });
  }

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, {
      now: () => new Date(nowMs),
      config: { signInPerIpPerMinute: 10_000, sessionTtlSeconds: 365 * 24 * 3600 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    const countries = ['484', '76', '32'].map((area) => ({ kind: 'area' as const, area }));
    await createTestUser(
      db,
      'focal@example.org',
      countries.map((scope) => ({ role: 'focal-point' as const, scope })),
    );
    await createTestUser(
      db,
      'coordinator@example.org',
      countries.map((scope) => ({ role: 'national-coordinator' as const, scope })),
    );
    await createTestUser(db, 'reviewer@example.org', [{ role: 'reviewer', scope: { kind: 'area', area: '484' } }]);
    admin = await signIn(app, 'admin@example.org');
    focal = await signIn(app, 'focal@example.org');
    coordinator = await signIn(app, 'coordinator@example.org');
    reviewer = await signIn(app, 'reviewer@example.org');
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('refuses starting and first submissions once the closing day is over, keeps review open, and lets an administrator reopen and close again', async () => {
    const created = await call('POST', '/rounds', admin, {
      year: 2027,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2027-01-01',
      closesOn: '2027-03-31',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'open', closedAt: '2027-04-01T00:00:00.000Z' });
    const roundId = created.json.id!;

    const start = (jurisdiction: string) => call('POST', '/assessments', coordinator, { jurisdiction, roundId });
    const first = await start('484');
    expect(first.status).toBe(201);
    const submittedBefore = await start('32');
    expect(submittedBefore.status).toBe(201);
    // On its closing day the round is still open.
    nowMs = Date.parse('2027-03-31T23:59:00Z');
    expect((await act(focal, submittedBefore.json.assessment!.id, 'submit')).status).toBe(200);

    nowMs = Date.parse('2027-04-01T00:00:01Z');
    const listed = await call('GET', '/rounds?year=2027');
    expect(listed.json.items).toEqual([expect.objectContaining({ id: roundId, status: 'closed' })]);

    const late = await start('76');
    expect(late.status).toBe(409);
    expect(late.type).toContain('application/problem+json');
    expect(late.json).toMatchObject({
      code: 'round-closed',
      type: 'https://migov.org/docs/errors#round-closed',
      round: { id: roundId, year: 2027, closesOn: '2027-03-31' },
      closedAt: '2027-04-01T00:00:00.000Z',
    });
    expect(late.json.detail).toContain('2027-03-31');
    const firstId = first.json.assessment!.id;
    const lockBefore = (await call('GET', `/assessments/${firstId}`, focal)).json.assessment!.lockVersion;
    const refused = await act(focal, firstId, 'submit');
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('round-closed');
    // Nothing changed: no assessment for 76, the draft is still a draft at the same version.
    const assessments = await call('GET', `/assessments?roundId=${roundId}`, admin);
    expect(assessments.json.items!.map((item) => item.jurisdiction).sort()).toEqual(['32', '484']);
    const after = (await call('GET', `/assessments/${firstId}`, focal)).json.assessment;
    expect(after).toMatchObject({ state: 'draft', lockVersion: lockBefore });

    // Review of what was submitted goes on: return, resubmit, validate.
    const submittedId = submittedBefore.json.assessment!.id as string;
    expect((await act(admin, submittedId, 'return', { reason: 'please check 1a' })).status).toBe(200);
    expect((await act(focal, submittedId, 'resubmit')).status).toBe(200);
    expect((await act(admin, submittedId, 'validate')).status).toBe(200);

    // Only an administrator reopens or closes.
    expect((await call('POST', `/rounds/${roundId}/reopen`, reviewer, { closesOn: '2027-04-30' })).status).toBe(403);
    expect((await call('POST', `/rounds/${roundId}/close`, focal)).status).toBe(403);
    const past = await call('POST', `/rounds/${roundId}/reopen`, admin, { closesOn: '2027-03-31' });
    expect(past.status).toBe(422);
    expect(past.json.problems).toEqual([expect.objectContaining({ field: 'closesOn' })]);

    const reopened = await call('POST', `/rounds/${roundId}/reopen`, admin, { closesOn: '2027-04-30' });
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ status: 'open', closesOn: '2027-04-30' });
    expect((await start('76')).status).toBe(201);
    expect((await act(focal, firstId, 'submit')).status).toBe(200);

    nowMs = Date.parse('2027-04-10T09:30:00Z');
    const closed = await call('POST', `/rounds/${roundId}/close`, admin);
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({
      status: 'closed',
      closesOn: '2027-04-30',
      closedAt: '2027-04-10T09:30:00.000Z',
    });
    const again = await call('POST', `/rounds/${roundId}/close`, admin);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'round-closed', closedAt: '2027-04-10T09:30:00.000Z' });
    const closedStart = await call('POST', '/assessments', admin, { jurisdiction: '250', roundId });
    expect(closedStart).toMatchObject({ status: 409, json: { code: 'round-closed' } });

    // Every change is in the audit log, newest first, with the closing day before and after.
    const audit = await call('GET', `/audit?targetType=round&targetId=${roundId}`, admin);
    expect(audit.json.items!.map((entry) => entry.action)).toEqual(['round.close', 'round.reopen', 'round.create']);
    expect(audit.json.items![1]!.details).toMatchObject({
      before: { closesOn: '2027-03-31', status: 'closed' },
      after: { closesOn: '2027-04-30' },
    });
  });

  it('withdraws the reminders waiting for the old closing day; reminders follow the new one and stop once it is closed', async () => {
    nowMs = Date.parse('2027-05-01T08:00:00Z');
    const created = await call('POST', '/rounds', admin, {
      year: 2030,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2027-01-01',
      closesOn: '2027-05-04',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const roundId = created.json.id!;
    await createAssessment(db, { jurisdiction: '484', roundId }, null);
    const remind = async () =>
      enqueueMessages(db, await roundReminders(app.migov, new Date(nowMs), 7), new Date(nowMs));
    const mine = async () =>
      (await listOutbox(db, { kind: 'round.reminder', recipient: 'focal@example.org', page: { limit: 100 } })).items;

    expect(await remind()).toHaveLength(1);
    expect(await remind()).toHaveLength(0);
    const [waiting] = await mine();
    expect(waiting).toMatchObject({
      status: 'pending',
      subject: 'Mexico (484) 2030: the round closes on May 4, 2027',
    });

    // Moved to a day beyond the reminder horizon: the waiting reminder is withdrawn, none is due yet.
    expect((await call('POST', `/rounds/${roundId}/reopen`, admin, { closesOn: '2027-06-15' })).status).toBe(200);
    expect((await mine()).find((message) => message.id === waiting!.id)).toMatchObject({
      status: 'failed',
      lastError: 'the round was reopened until 2027-06-15',
    });
    expect(await remind()).toHaveLength(0);

    // A week before the new day: one reminder naming it.
    nowMs = Date.parse('2027-06-10T08:00:00Z');
    const added = await remind();
    expect(added.map((message) => message.subject)).toEqual(['Mexico (484) 2030: the round closes on June 15, 2027']);

    // Closed early: what waits is withdrawn and nothing more is added.
    expect((await call('POST', `/rounds/${roundId}/close`, admin)).status).toBe(200);
    expect((await mine()).filter((message) => message.status === 'pending')).toEqual([]);
    expect(await remind()).toHaveLength(0);
  });
});
