import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { SDG_10_7_2_V2019 } from '@migov/core';
import {
  createAssessment,
  createRound,
  listObservations,
  recordAudit,
  USERS_COUNT_LIMIT,
  type MigovDatabase,
} from '@migov/db';
import { sharedData } from '../../../../test-support/shared-data.ts';
import type { MigovApp } from '../app.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  invitationToken,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';

describe.each(DIALECTS)('administration through the API (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db, { config: { maxEvidenceBytes: 1024 } });
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('loads an instrument version from JSON and from YAML, refuses an invalid one with paths, and never overwrites', async () => {
    const corrected = {
      ...SDG_10_7_2_V2019,
      version: '2019-corrected',
      title: { ...SDG_10_7_2_V2019.title, en: 'Corrected wording' },
    };
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: asUser(admin),
      payload: corrected,
    });
    expect(json.statusCode, json.body).toBe(201);
    const yaml = await app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: asUser(admin, { 'content-type': 'application/yaml' }),
      payload: toYaml({ ...corrected, version: '2019-yaml' }),
    });
    expect(yaml.statusCode, yaml.body).toBe(201);
    const listed = (await app.inject('/api/v1/instruments')).json().items as { version: string }[];
    expect(listed.map((entry) => entry.version)).toEqual(expect.arrayContaining(['2019-corrected', '2019-yaml']));
    expect((await app.inject('/api/v1/instruments/sdg-10-7-2/versions/2019-yaml')).json().title.en).toBe(
      'Corrected wording',
    );

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: asUser(admin),
      payload: corrected,
    });
    expect(again.statusCode).toBe(409);
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: asUser(admin),
      payload: { ...corrected, version: 'x', scales: {} },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().code).toBe('invalid-instrument');
    expect((invalid.json().problems as { field: string }[]).some((problem) => problem.field.includes('scale'))).toBe(
      true,
    );
    const brokenYaml = await app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: asUser(admin, { 'content-type': 'application/yaml' }),
      payload: 'a: [unclosed',
    });
    expect(brokenYaml.json().code).toBe('invalid-instrument');
  });

  it('lists invitations by status with paging, shows one, and withdraws only a pending one', async () => {
    const invite = async (email: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asUser(admin),
        payload: { email, role: 'reviewer', scope: { kind: 'area', area: '76' } },
      });
      expect(response.statusCode, response.body).toBe(201);
      return { id: (response.json() as { id: string }).id, token: invitationToken(response) };
    };
    const first = await invite('first-listed@example.org');
    const second = await invite('second-listed@example.org');
    const third = await invite('third-listed@example.org');
    const accept = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: second.token, name: 'Second', password: 'a long enough password' },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/invitations/${third.id}`, headers: asUser(admin) }))
        .statusCode,
    ).toBe(200);

    const list = async (query: string) => {
      const response = await app.inject({ url: `/api/v1/invitations?email=-listed${query}`, headers: asUser(admin) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { id: string; status: string; email: string }[]; total: number };
    };
    expect((await list('')).items.map((item) => [item.id, item.status])).toEqual([
      [third.id, 'revoked'],
      [second.id, 'accepted'],
      [first.id, 'pending'],
    ]);
    expect((await list('&status=pending')).items.map((item) => item.id)).toEqual([first.id]);
    expect((await list('&status=accepted')).items.map((item) => item.id)).toEqual([second.id]);
    const paged = await list('&limit=1&offset=1');
    expect(paged).toMatchObject({ total: 3, items: [{ id: second.id }] });
    expect(JSON.stringify(await list(''))).not.toContain(first.token);
    const bad = await app.inject({ url: '/api/v1/invitations?status=lost', headers: asUser(admin) });
    expect(bad.statusCode).toBe(400);

    const one = await app.inject({ url: `/api/v1/invitations/${first.id}`, headers: asUser(admin) });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: first.id,
      email: 'first-listed@example.org',
      role: 'reviewer',
      scope: { kind: 'area', area: '76' },
      status: 'pending',
    });
    expect((await app.inject({ url: '/api/v1/invitations/no-such-id', headers: asUser(admin) })).statusCode).toBe(404);
    const withdrawAccepted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${second.id}`,
      headers: asUser(admin),
    });
    expect(withdrawAccepted.statusCode).toBe(409);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/invitations/${first.id}`, headers: asUser(admin) }))
        .statusCode,
    ).toBe(200);
    expect((await app.inject({ url: `/api/v1/invitations/${first.id}`, headers: asUser(admin) })).json().status).toBe(
      'revoked',
    );
  });

  it('grants and revokes roles, and the audit log shows both', async () => {
    const user = await createTestUser(db, 'analyst@example.org');
    const granted = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/roles`,
      headers: asUser(admin),
      payload: { role: 'regional-analyst', scope: { kind: 'group', group: '419' } },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const shown = await app.inject({ url: `/api/v1/users/${user.id}`, headers: { cookie: admin.cookie } });
    expect(shown.json().roles).toMatchObject([{ role: 'regional-analyst', scope: { kind: 'group', group: '419' } }]);
    expect(shown.json()).not.toHaveProperty('passwordHash');
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${user.id}/roles/${granted.json().id}`,
      headers: asUser(admin),
    });
    expect(revoked.statusCode).toBe(200);
    expect(
      (await app.inject({ url: `/api/v1/users/${user.id}`, headers: { cookie: admin.cookie } })).json().roles,
    ).toEqual([]);
    const audit = await app.inject({ url: `/api/v1/audit?targetId=${user.id}`, headers: { cookie: admin.cookie } });
    expect((audit.json().items as { action: string }[]).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['role.grant', 'role.revoke']),
    );
    expect(audit.json().items).toContainEqual(
      expect.objectContaining({
        action: 'role.grant',
        actorId: admin.userId,
        details: { grantId: granted.json().id, role: 'regional-analyst', scope: { kind: 'group', group: '419' } },
      }),
    );
    const users = await app.inject({ url: '/api/v1/users?search=analyst&limit=5', headers: { cookie: admin.cookie } });
    expect(users.json()).toMatchObject({ total: 1, limit: 5, offset: 0, items: [{ email: 'analyst@example.org' }] });
  });

  it(`answers users by page, total counted up to offset + ${USERS_COUNT_LIMIT} and said to be exact or not`, async () => {
    const count = USERS_COUNT_LIMIT + 30;
    const at = new Date().toISOString();
    const rows = Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      email: `listed-${String(index).padStart(4, '0')}@example.org`,
      name: `Listed ${index}`,
      status: 'active',
      password_hash: null,
      failed_sign_ins: 0,
      created_at: at,
      updated_at: at,
    }));
    for (let start = 0; start < count; start += 250)
      await db.kysely
        .insertInto('users')
        .values(rows.slice(start, start + 250))
        .execute();
    const page = async (query: string) => {
      const answer = await app.inject({ url: `/api/v1/users?${query}`, headers: { cookie: admin.cookie } });
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<{ items: { email: string }[]; total: number; totalExact: boolean; offset: number }>();
    };
    const first = await page('search=listed-&limit=200');
    expect(first).toMatchObject({ total: USERS_COUNT_LIMIT, totalExact: false, limit: 200, offset: 0 });
    expect(first.items.map((user) => user.email)).toEqual(rows.slice(0, 200).map((row) => row.email));
    const last = await page('search=listed-&limit=200&offset=1000');
    expect(last).toMatchObject({ total: count, totalExact: true, offset: 1000 });
    expect(last.items.map((user) => user.email)).toEqual(rows.slice(1000).map((row) => row.email));
    // Exactly the limit, and fewer, are exact counts.
    expect(await page('search=listed-0&limit=5')).toMatchObject({ total: USERS_COUNT_LIMIT, totalExact: true });
    expect(await page('search=LISTED-1&limit=5')).toMatchObject({ total: 30, totalExact: true });
    expect((await page('limit=1')).totalExact).toBe(false);
    // A reader without user:manage gets no list, whatever its size.
    await createTestUser(db, 'counter@example.org', [{ role: 'reviewer', scope: { kind: 'global' } }]);
    const reviewer = await signIn(app, 'counter@example.org');
    expect((await app.inject({ url: '/api/v1/users?limit=1', headers: { cookie: reviewer.cookie } })).statusCode).toBe(
      403,
    );
  });

  it('imports a published data file all or nothing', async () => {
    const file = readFileSync(sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv'));
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=UN%20SDG%20database',
      headers: asUser(admin, { 'content-type': 'text/csv' }),
      payload: file,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ format: 'ddf-csv' });
    const count = imported.json().observationCount as number;
    expect(count).toBeGreaterThan(500);
    const broken = Buffer.concat([file, Buffer.from('4,c,domain9,number,2021,7\n')]);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=broken',
      headers: asUser(admin, { 'content-type': 'text/csv' }),
      payload: broken,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('invalid-import');
    expect(refused.json().problems[0]).toMatchObject({ row: expect.any(Number) });
    expect((await listObservations(db, { series: 'SG_CPA_MIGRS' })).length).toBe(count);
    const imports = await app.inject({ url: '/api/v1/imports', headers: { cookie: admin.cookie } });
    expect(imports.statusCode, imports.body).toBe(200);
    expect(imports.json().items[0]).toEqual({
      id: imported.json().id,
      source: { name: 'UN SDG database', format: 'ddf-csv', importedAt: expect.any(String) },
      observationCount: count,
      importedBy: admin.userId,
      createdAt: expect.any(String),
    });
  });

  it('answers an audit entry whose action or details have no known shape as it is stored', async () => {
    const details = { role: 'focal-point', scope: '484', note: 'entered by a tool' };
    await recordAudit(db, { action: 'role.grant', targetType: 'user', targetId: 'shapeless', details });
    await recordAudit(db, {
      action: 'archive.export',
      targetType: 'user',
      targetId: 'shapeless',
      details: { rows: 3 },
    });
    const audit = await app.inject({ url: '/api/v1/audit?targetId=shapeless', headers: { cookie: admin.cookie } });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items).toEqual([
      expect.objectContaining({ action: 'archive.export', details: { rows: 3 } }),
      expect.objectContaining({ action: 'role.grant', details }),
    ]);
  });

  it('imports an aggregator export whose areas are ISO alpha-3 codes and names, as migov import does', async () => {
    const file = [
      'Country;ISO3;Year;SG_CPA_MIGRS (All domains);SG_CPA_MIGRS (Domain 1);SG_CPA_MIGRS (Domain 2);SG_CPA_MIGRS (Domain 3);SG_CPA_MIGRS (Domain 4);SG_CPA_MIGRS (Domain 5);SG_CPA_MIGRS (Domain 6)',
      'Colombia;COL;2019;3;3;3;4;2;3;4',
      'Ecuador;ECU;2019;2;2;2;3;2;2;3',
      '',
    ].join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=aggregator',
      headers: asUser(admin, { 'content-type': 'text/csv' }),
      payload: file,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().observationCount).toBe(14);
    const stored = await listObservations(db, { series: 'SG_CPA_MIGRS' });
    expect(
      stored
        .filter((observation) => observation.area === '170' && observation.year === 2019)
        .map((observation) => [observation.domain, observation.value])
        .sort(),
    ).toEqual([
      ['ALLDOMAINS', 3],
      ['DOMAIN1', 3],
      ['DOMAIN2', 3],
      ['DOMAIN3', 4],
      ['DOMAIN4', 2],
      ['DOMAIN5', 3],
      ['DOMAIN6', 4],
    ]);
    expect(
      stored.some(
        (observation) => observation.area === '218' && observation.domain === 'ALLDOMAINS' && observation.value === 2,
      ),
    ).toBe(true);
  });

  it('refuses evidence that is too large or whose content is not an accepted type', async () => {
    const round = await createRound(db, {
      year: 2023,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2023-01-01',
      closesOn: '2023-12-31',
    });
    const assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, null);
    const upload = (filename: string, bytes: Buffer) => {
      const boundary = 'limit';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n1a\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({
        method: 'POST',
        url: `/api/v1/assessments/${assessment.id}/evidence`,
        headers: asUser(admin, { 'content-type': `multipart/form-data; boundary=${boundary}` }),
        payload,
      });
    };
    const tooLarge = await upload('big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 32)]));
    expect(tooLarge.statusCode).toBe(413);
    const disguised = await upload('page.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(disguised.statusCode).toBe(415);
    const renamed = await upload('photo.png', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(renamed.statusCode).toBe(415);
    const fine = await upload('law.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json().file).toMatchObject({ mediaType: 'application/pdf', size: 15 });
  });
});
