import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '@migov/core';
import { importObservations, type MigovDatabase } from '@migov/db';
import type { MigovApp } from '../app.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';

interface Link {
  id: string;
  from: { kind: string; id: string };
  to: { kind: string; id: string };
  basis: string;
  status: string;
}

describe.each(DIALECTS)('editing the crosswalk and the partnership registry (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let analyst: SignedIn;
  let regional: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    const observations: Observation[] = [
      { series: 'SG_CPA_MIGRS', area: '50', year: 2021, domain: 'DOMAIN1', value: 1 },
    ];
    await importObservations(
      db,
      {
        observations,
        source: { name: 'hand-made test figures', format: 'json', importedAt: '2026-01-01T00:00:00.000Z' },
      },
      null,
    );
    app = await createTestApp(db);
    await createTestUser(db, 'analyst@example.org', [{ role: 'global-analyst', scope: { kind: 'global' } }]);
    await createTestUser(db, 'regional@example.org', [
      { role: 'regional-analyst', scope: { kind: 'group', group: '142' } },
    ]);
    analyst = await signIn(app, 'analyst@example.org');
    regional = await signIn(app, 'regional@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  /** An edit: the version it starts from travels as If-Match, the rest is the body. */
  const send = (
    method: 'POST' | 'PUT',
    url: string,
    session: SignedIn | undefined,
    { expectedVersion, ...payload }: Record<string, unknown>,
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...(session ? asUser(session) : {}),
        ...(expectedVersion !== undefined ? { 'if-match': `"${String(expectedVersion)}"` } : {}),
      },
      payload,
    });
  const post = (url: string, session: SignedIn | undefined, payload: Record<string, unknown>) =>
    send('POST', url, session, payload);

  it('adds, replaces and retires crosswalk links with their source, and the gaps read the stored crosswalk', async () => {
    const read = (await app.inject('/api/v1/crosswalks?status=all')).json() as { version: number; items: Link[] };
    expect(read.version).toBe(1);
    const linked = new Set(
      read.items
        .filter((link) => link.status === 'active' && [link.from, link.to].some((node) => node.id === 'DOMAIN1'))
        .flatMap((link) => [link.from, link.to])
        .filter((node) => node.kind === 'gcm-objective')
        .map((node) => node.id),
    );
    const objective = Array.from({ length: 23 }, (_, index) => String(index + 1)).find((id) => !linked.has(id));
    if (!objective) throw new Error('DOMAIN1 links to every objective');
    const link = {
      from: { kind: 'sdg-10-7-2-domain', id: 'DOMAIN1' },
      to: { kind: 'gcm-objective', id: objective },
      basis: 'source',
      source: 'A published mapping, p. 4',
    };

    expect(
      (await post('/api/v1/crosswalks/links', undefined, { expectedVersion: 1, source: 's', link })).statusCode,
    ).toBe(401);
    expect(
      (await post('/api/v1/crosswalks/links', regional, { expectedVersion: 1, source: 's', link })).statusCode,
    ).toBe(403);
    const added = await post('/api/v1/crosswalks/links', analyst, {
      expectedVersion: 1,
      source: 'A published mapping, p. 4',
      link,
    });
    expect(added.statusCode, added.body).toBe(201);
    const addedBody = added.json() as { version: number; link: Link };
    expect(addedBody).toMatchObject({
      version: 2,
      source: 'A published mapping, p. 4',
      link: { basis: 'source', status: 'active' },
    });
    const stale = await post('/api/v1/crosswalks/links', analyst, {
      expectedVersion: 1,
      source: 's',
      link: { ...link, to: { kind: 'gcm-objective', id: '23' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit-conflict', current: { version: 2 } });
    const duplicate = await post('/api/v1/crosswalks/links', analyst, { expectedVersion: 2, source: 's', link });
    expect(duplicate.statusCode).toBe(422);
    const unconditional = await post('/api/v1/crosswalks/links', analyst, { source: 's', link });
    expect(unconditional.statusCode).toBe(428);
    expect(duplicate.json().problems).toEqual([expect.objectContaining({ field: 'to' })]);

    const gaps = (await app.inject('/api/v1/areas/50/gaps')).json() as {
      gaps: { domain: string; gcmObjectives: { objective: number; basis: string }[] }[];
    };
    expect(gaps.gaps[0]?.gcmObjectives).toContainEqual(
      expect.objectContaining({ objective: Number(objective), basis: 'source' }),
    );

    const replaced = await send('PUT', `/api/v1/crosswalks/links/${encodeURIComponent(addedBody.link.id)}`, analyst, {
      expectedVersion: 2,
      source: 'Review of the mapping',
      reason: 'The source does not say so',
      link: { ...link, basis: 'editorial', source: undefined },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const replacement = (replaced.json() as { link: Link & { replaces: string } }).link;
    expect(replacement).toMatchObject({ basis: 'editorial', replaces: addedBody.link.id });
    const retired = await post(`/api/v1/crosswalks/links/${encodeURIComponent(replacement.id)}/retire`, analyst, {
      expectedVersion: 3,
      source: 'Review of the mapping',
      reason: 'Not a gap-relevant link',
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(
      (
        await post('/api/v1/crosswalks/links/no-such-link/retire', analyst, {
          expectedVersion: 4,
          source: 's',
          reason: 'r',
        })
      ).statusCode,
    ).toBe(404);

    const after = (await app.inject('/api/v1/areas/50/gaps')).json() as {
      gaps: { gcmObjectives: { objective: number }[] }[];
    };
    expect(after.gaps[0]?.gcmObjectives.map((entry) => entry.objective)).not.toContain(Number(objective));
    const all = (await app.inject('/api/v1/crosswalks?status=all')).json() as { version: number; items: Link[] };
    expect(all.version).toBe(4);
    expect(
      all.items
        .filter((entry) => entry.id === addedBody.link.id || entry.id === replacement.id)
        .map((entry) => entry.status),
    ).toEqual(['retired', 'retired']);
    const historyRead = await app.inject('/api/v1/crosswalks/history');
    // The history's ETag is the latest version: what the next edit sends as If-Match.
    expect(historyRead.headers.etag).toBe('"4"');
    const history = historyRead.json() as {
      items: { version: number; source: string; change: { type: string } }[];
    };
    expect(history.items.map((entry) => [entry.version, entry.change.type, entry.source])).toEqual([
      [4, 'retire-link', 'Review of the mapping'],
      [3, 'replace-link', 'Review of the mapping'],
      [2, 'add-link', 'A published mapping, p. 4'],
      [1, 'seed', expect.any(String)],
    ]);
  });

  it('adds and ends memberships and adds meetings, with sources, and the process pages read the stored registry', async () => {
    const before = (await app.inject('/api/v1/partnerships/colombo-process?asOf=2026')).json() as {
      memberCount: number;
      members: { area?: string }[];
    };
    const registryVersion = ((await app.inject('/api/v1/partnerships')).json() as { version: number }).version;
    const membership = {
      process: 'colombo-process',
      area: '144',
      name: 'Sri Lanka (second record)',
      role: 'Member State',
      kind: 'member',
      asOf: '2026',
      from: '2026-01',
      source: 'Ministerial declaration 2026',
    };
    expect(
      (
        await post('/api/v1/partnerships/memberships', regional, {
          expectedVersion: registryVersion,
          source: 's',
          membership,
        })
      ).statusCode,
    ).toBe(403);
    const invalid = await post('/api/v1/partnerships/memberships', analyst, {
      expectedVersion: registryVersion,
      source: 's',
      membership: { ...membership, area: '999' },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().problems).toEqual([expect.objectContaining({ field: 'area', value: '999' })]);
    const newcomer = { ...membership, area: '4', name: 'Afghanistan (test record)' };
    const added = await post('/api/v1/partnerships/memberships', analyst, {
      expectedVersion: registryVersion,
      source: 'Ministerial declaration 2026',
      membership: newcomer,
    });
    expect(added.statusCode, added.body).toBe(201);
    const record = (added.json() as { version: number; record: { id: string } }).record;
    const wasMember = before.members.some((member) => member.area === '4');
    const during = (await app.inject('/api/v1/partnerships/colombo-process?asOf=2026-06')).json() as {
      memberCount: number;
      members: { area?: string }[];
    };
    expect(during.members.some((member) => member.area === '4')).toBe(true);
    expect(during.memberCount).toBe(before.memberCount + (wasMember ? 0 : 1));

    const ended = await post(`/api/v1/partnerships/memberships/${encodeURIComponent(record.id)}/end`, analyst, {
      expectedVersion: registryVersion + 1,
      source: 'Withdrawal note',
      until: '2026-09',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(
      (
        await post('/api/v1/partnerships/memberships/nope/end', analyst, {
          expectedVersion: registryVersion + 2,
          source: 's',
          until: '2027',
        })
      ).statusCode,
    ).toBe(404);
    const meeting = await post('/api/v1/partnerships/meetings', analyst, {
      expectedVersion: registryVersion + 2,
      source: 'Meeting report',
      meeting: {
        process: 'colombo-process',
        title: 'Senior Officials Meeting',
        date: '3 March 2026',
        year: 2026,
        place: 'Colombo',
        theme: 'Skills',
        outcomes: [{ title: 'Chair summary', source: 'Meeting report' }],
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const page = (await app.inject('/api/v1/partnerships/colombo-process?asOf=2027')).json() as {
      members: { area?: string; name: string }[];
      meetings: { title: string }[];
      membershipRecords: { id: string; until?: string }[];
    };
    expect(page.membershipRecords.find((entry) => entry.id === record.id)?.until).toBe('2026-09');
    expect(page.members.some((member) => member.name === 'Afghanistan (test record)')).toBe(false);
    expect(page.meetings.map((entry) => entry.title)).toContain('Senior Officials Meeting');
    const history = (await app.inject('/api/v1/partnerships/history')).json() as {
      items: { change: { type: string }; source: string }[];
    };
    expect(history.items.slice(0, 3).map((entry) => [entry.change.type, entry.source])).toEqual([
      ['add-meeting', 'Meeting report'],
      ['end-membership', 'Withdrawal note'],
      ['add-membership', 'Ministerial declaration 2026'],
    ]);
  });

  it("adds an entry to a process's type history with its source; the latest entry is the current type", async () => {
    const before = (await app.inject('/api/v1/partnerships/colombo-process')).json() as {
      type: string;
      types: { type: string; asOf: string; source: string }[];
    };
    const version = ((await app.inject('/api/v1/partnerships')).json() as { version: number }).version;
    const claim = {
      expectedVersion: version,
      source: 'Regional review 2026',
      type: 'interregional-forum',
      asOf: '2026',
    };
    expect((await post('/api/v1/partnerships/processes/colombo-process/types', regional, claim)).statusCode).toBe(403);
    expect((await post('/api/v1/partnerships/processes/nope/types', analyst, claim)).statusCode).toBe(404);
    expect(
      (await post('/api/v1/partnerships/processes/colombo-process/types', analyst, { ...claim, type: 'club' }))
        .statusCode,
    ).toBe(400);
    const added = await post('/api/v1/partnerships/processes/colombo-process/types', analyst, claim);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      version: version + 1,
      record: { process: 'colombo-process', type: 'interregional-forum', asOf: '2026', source: 'Regional review 2026' },
    });
    const after = (await app.inject('/api/v1/partnerships/colombo-process')).json() as typeof before;
    expect(after.types).toEqual([
      ...before.types,
      { type: 'interregional-forum', asOf: '2026', source: 'Regional review 2026' },
    ]);
    expect(after.type).toBe('interregional-forum');
    const again = await post('/api/v1/partnerships/processes/colombo-process/types', analyst, {
      ...claim,
      expectedVersion: version + 1,
    });
    expect(again.statusCode).toBe(422);
    expect(
      (await post('/api/v1/partnerships/processes/colombo-process/types', analyst, { ...claim, asOf: '2027' }))
        .statusCode,
    ).toBe(409);
  });
});
