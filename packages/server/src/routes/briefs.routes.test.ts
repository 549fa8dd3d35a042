import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { MGI_NATIONAL_EXAMPLE, type Observation } from '@migov/core';
import { importObservations, publishMgiRound, type MigovDatabase } from '@migov/db';
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

const obs = (area: string, domain: Observation['domain'], value: Observation['value'], year = 2021): Observation => ({
  series: 'SG_CPA_MIGRS',
  area,
  year,
  domain,
  value,
});

interface BriefView {
  id: string;
  area: string;
  year: number | null;
  latestVersion: number;
  versions: {
    version: number;
    change: string;
    description: string;
    createdBy: string;
    content: { title: string; summary: string; gaps: { domain: string }[] };
  }[];
}

describe.each(DIALECTS)('the brief routes (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let coordinator: SignedIn;
  let analyst: SignedIn;
  let focalPoint: SignedIn;
  let otherCoordinator: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    // Bangladesh 2021: DOMAIN2 and DOMAIN5 below "meets".
    const observations = [
      obs('50', 'ALLDOMAINS', 3),
      obs('50', 'DOMAIN1', 4),
      obs('50', 'DOMAIN2', 2),
      obs('50', 'DOMAIN3', 3),
      obs('50', 'DOMAIN4', 3),
      obs('50', 'DOMAIN5', 1),
      obs('50', 'DOMAIN6', 4),
      obs('50', 'ALLDOMAINS', 2, 2019),
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
    await createTestUser(db, 'coordinator@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '50' } },
    ]);
    await createTestUser(db, 'analyst@example.org', [{ role: 'global-analyst', scope: { kind: 'global' } }]);
    await createTestUser(db, 'focal@example.org', [{ role: 'focal-point', scope: { kind: 'area', area: '50' } }]);
    await createTestUser(db, 'other@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
    ]);
    coordinator = await signIn(app, 'coordinator@example.org');
    analyst = await signIn(app, 'analyst@example.org');
    focalPoint = await signIn(app, 'focal@example.org');
    otherCoordinator = await signIn(app, 'other@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  async function generate(session: SignedIn, payload: unknown) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/briefs',
      headers: asUser(session),
      payload: payload as Record<string, unknown>,
    });
  }

  it('generates a brief from the published data of the latest round, with its gaps, as version 1', async () => {
    const response = await generate(coordinator, { area: 'BGD' });
    expect(response.statusCode, response.body).toBe(201);
    const brief = response.json() as BriefView;
    expect(response.headers.location).toBe(`/api/v1/briefs/${brief.id}`);
    expect(brief).toMatchObject({ area: '50', year: 2021, latestVersion: 1 });
    expect(brief.versions).toHaveLength(1);
    expect(brief.versions[0]?.change).toBe('generated');
    expect(brief.versions[0]?.content.gaps.map((gap) => gap.domain)).toEqual(['DOMAIN2', 'DOMAIN5']);
    const read = await app.inject({ url: `/api/v1/briefs/${brief.id}`, headers: asUser(analyst) });
    expect(read.json()).toEqual(brief);
  });

  it('generates for a named round, and refuses a round without data, a non-country and unknown fields', async () => {
    const older = await generate(analyst, { area: '50', round: 2019 });
    expect(older.statusCode, older.body).toBe(201);
    expect(older.json()).toMatchObject({ year: 2019 });
    const noData = await generate(analyst, { area: '50', round: 2023 });
    expect(noData.statusCode).toBe(422);
    expect(noData.json().problems).toEqual([expect.objectContaining({ field: 'round', value: 2023 })]);
    const region = await generate(analyst, { area: '419' });
    expect(region.statusCode).toBe(422);
    expect(region.json().detail).toContain('419');
    expect((await generate(analyst, { area: '50', extra: true })).statusCode).toBe(400);
  });

  it('lets only brief authors in scope generate and read', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/briefs', payload: { area: '50' } })).statusCode).toBe(401);
    expect((await generate(focalPoint, { area: '50' })).statusCode).toBe(403);
    expect((await generate(otherCoordinator, { area: '50' })).statusCode).toBe(403);
    const brief = (await generate(coordinator, { area: '50' })).json() as BriefView;
    // Outside their scope a brief does not exist for them.
    expect(
      (await app.inject({ url: `/api/v1/briefs/${brief.id}`, headers: asUser(otherCoordinator) })).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: `/api/v1/briefs/${brief.id}`, headers: asUser(focalPoint) })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/briefs/${brief.id}` })).statusCode).toBe(401);
  });

  it("lists only the briefs in the reader's scope", async () => {
    const brief = (await generate(coordinator, { area: '50' })).json() as BriefView;
    const mine = (await app.inject({ url: '/api/v1/briefs?area=BGD', headers: asUser(coordinator) })).json().items as {
      id: string;
      area: string;
      latestVersion: number;
    }[];
    expect(mine.map((item) => item.id)).toContain(brief.id);
    expect(mine.every((item) => item.area === '50')).toBe(true);
    expect((await app.inject({ url: '/api/v1/briefs', headers: asUser(otherCoordinator) })).json().items).toEqual([]);
    expect((await app.inject({ url: '/api/v1/briefs', headers: asUser(focalPoint) })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/briefs?area=XYZ', headers: asUser(analyst) })).statusCode).toBe(404);
  });

  it('edits with If-Match, keeps every version, and answers 409 with the latest on a stale edit', async () => {
    const created = await generate(coordinator, { area: '50' });
    expect(created.headers.etag).toBe('"1"');
    const brief = created.json() as BriefView;
    const edit = (session: SignedIn, expectedVersion: number, title: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/briefs/${brief.id}`,
        headers: { ...asUser(session), 'if-match': `"${expectedVersion}"` },
        payload: { description: `Title ${title}`, edit: { title } },
      });
    const first = await edit(coordinator, 1, 'Bangladesh: migration in the Cooperation Framework');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect((first.json() as BriefView).versions.map((version) => [version.version, version.change])).toEqual([
      [1, 'generated'],
      [2, 'edited'],
    ]);
    const stale = await edit(analyst, 1, 'A competing title');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit-conflict', current: { latestVersion: 2 } });
    const read = await app.inject({ url: `/api/v1/briefs/${brief.id}`, headers: asUser(analyst) });
    expect(read.headers.etag).toBe('"2"');
    const stored = read.json() as BriefView;
    expect(stored.versions.map((version) => version.content.title)).toEqual([
      brief.versions[0]?.content.title,
      'Bangladesh: migration in the Cooperation Framework',
    ]);
    const empty = await app.inject({
      method: 'PUT',
      url: `/api/v1/briefs/${brief.id}`,
      headers: { ...asUser(analyst), 'if-match': '"2"' },
      payload: { description: 'x', edit: { title: '  ' } },
    });
    expect(empty.statusCode).toBe(400);
    const unconditional = await app.inject({
      method: 'PUT',
      url: `/api/v1/briefs/${brief.id}`,
      headers: asUser(analyst),
      payload: { description: 'x', edit: { title: 'No version named' } },
    });
    expect(unconditional.statusCode).toBe(428);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/v1/briefs/${brief.id}`,
          headers: { cookie: analyst.cookie, 'if-match': '"2"' },
          payload: { description: 'x', edit: {} },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('regenerates the facts from corrected published data of the round, keeping the edits', async () => {
    const brief = (await generate(coordinator, { area: '50' })).json() as BriefView;
    await app.inject({
      method: 'PUT',
      url: `/api/v1/briefs/${brief.id}`,
      headers: { ...asUser(coordinator), 'if-match': '"1"' },
      payload: { description: 'title', edit: { title: 'Our own title' } },
    });
    // A correction: DOMAIN5 now meets.
    await importObservations(
      db,
      {
        observations: [obs('50', 'DOMAIN5', 3)],
        source: { name: 'correction', format: 'json', importedAt: '2026-02-01T00:00:00.000Z' },
      },
      null,
    );
    const stale = await app.inject({
      method: 'POST',
      url: `/api/v1/briefs/${brief.id}/regenerate`,
      headers: { ...asUser(coordinator), 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(409);
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/briefs/${brief.id}/regenerate`,
      headers: { ...asUser(coordinator), 'if-match': '"2"' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const regenerated = response.json() as BriefView;
    expect(regenerated.latestVersion).toBe(3);
    const latest = regenerated.versions[2];
    expect(latest?.change).toBe('generated');
    expect(latest?.content.title).toBe('Our own title');
    expect(latest?.content.gaps.map((gap) => gap.domain)).toEqual(['DOMAIN2']);
    expect(regenerated.versions[0]?.content.gaps.map((gap) => gap.domain)).toEqual(['DOMAIN2', 'DOMAIN5']);
  });

  it("includes the country's latest published MGI-style profile and what changed since the one before", async () => {
    const items = MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) => domain.items);
    const [first] = items;
    if (!first) throw new Error('the example instrument has no item');
    const all = Object.fromEntries(items.map((item) => [item.id, 'in-place']));
    await publishMgiRound(db, {
      jurisdiction: '50',
      jurisdictionName: 'Bangladesh',
      year: 2019,
      answers: { ...all, [first.id]: 'absent' },
    });
    await publishMgiRound(db, { jurisdiction: '50', jurisdictionName: 'Bangladesh', year: 2023, answers: all });
    const response = await generate(coordinator, { area: '50' });
    expect(response.statusCode, response.body).toBe(201);
    const mgi = (
      response.json() as {
        versions: {
          content: {
            mgi?: {
              year: number;
              dimensions: { wellDeveloped: string[]; furtherDevelopment: string[] }[];
              changes?: { sinceYear: number; dimensions: { becameWellDeveloped: string[] }[] };
            };
          };
        }[];
      }
    ).versions[0]?.content.mgi;
    expect(mgi?.year).toBe(2023);
    expect(mgi?.dimensions.every((dimension) => dimension.furtherDevelopment.length === 0)).toBe(true);
    expect(mgi?.changes).toMatchObject({ sinceYear: 2019, dimensions: [{ becameWellDeveloped: [first.subArea] }] });
  });

  it('renders any version as Markdown, PDF and DOCX', async () => {
    const brief = (await generate(coordinator, { area: '50' })).json() as BriefView;
    await app.inject({
      method: 'PUT',
      url: `/api/v1/briefs/${brief.id}`,
      headers: { ...asUser(coordinator), 'if-match': '"1"' },
      payload: { description: 'note', edit: { notes: 'Edited note for version two' } },
    });
    const md1 = await app.inject({ url: `/api/v1/briefs/${brief.id}/versions/1.md`, headers: asUser(coordinator) });
    expect(md1.statusCode).toBe(200);
    expect(md1.headers['content-type']).toContain('text/markdown');
    expect(md1.body).toContain(brief.versions[0]?.content.title);
    expect(md1.body).not.toContain('Edited note for version two');
    const md2 = await app.inject({ url: `/api/v1/briefs/${brief.id}/versions/2.md`, headers: asUser(coordinator) });
    expect(md2.body).toContain('Edited note for version two');
    const pdf = await app.inject({ url: `/api/v1/briefs/${brief.id}/versions/2.pdf`, headers: asUser(coordinator) });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await app.inject({ url: `/api/v1/briefs/${brief.id}/versions/2.docx`, headers: asUser(coordinator) });
    expect(docx.headers['content-disposition']).toContain('.docx');
    const files = unzipSync(new Uint8Array(docx.rawPayload));
    expect(strFromU8(files['word/document.xml'] ?? new Uint8Array())).toContain('Edited note for version two');
    expect(
      (await app.inject({ url: `/api/v1/briefs/${brief.id}/versions/3.md`, headers: asUser(coordinator) })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: `/api/v1/briefs/${brief.id}/versions/1.exe`, headers: asUser(coordinator) })).statusCode,
    ).toBe(400);
  });
});
