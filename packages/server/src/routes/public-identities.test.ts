/**
 * No public answer names a user by id or email: after editors changed the crosswalk and the partnership
 * registry and an assessment with evidence was published, every public GET route of the app is read
 * and searched for their ids and emails. Editors appear by their role title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019, type InstrumentVersion } from '@migov/core';
import {
  addEvidence,
  createAssessment,
  createRound,
  saveResponses,
  transitionAssessment,
  type MigovDatabase,
} from '@migov/db';
import type { MigovApp } from '../app.ts';
import { asUser, createTestApp, createTestDatabase, createTestUser, DIALECTS, signIn } from '../testing/test-app.ts';

/** Sample values for the path parameters of public routes. */
const PARAMS: Record<string, string> = {
  code: '50',
  year: '2019',
  jurisdiction: '50',
  format: 'csv',
  instrument: 'sdg-10-7-2',
  version: '2019',
  id: 'colombo-process',
  evidenceId: 'none',
};

describe.each(DIALECTS)('public answers and user identities (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  const secrets: string[] = [];

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    const analystUser = await createTestUser(
      db,
      'editor.analyst@example.org',
      [{ role: 'global-analyst', scope: { kind: 'global' } }],
      'Ana Lyst',
    );
    const adminUser = await createTestUser(
      db,
      'editor.admin@example.org',
      [{ role: 'administrator', scope: { kind: 'global' } }],
      'Ad Min',
    );
    secrets.push(analystUser.id, adminUser.id, analystUser.email, adminUser.email);
    const analyst = await signIn(app, analystUser.email);
    const admin = await signIn(app, adminUser.email);
    // An edit sends the version it starts from as If-Match.
    const post = (url: string, session: typeof analyst, { expectedVersion, ...payload }: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...asUser(session), 'if-match': `"${String(expectedVersion)}"` },
        payload,
      });
    const read = (await app.inject('/api/v1/crosswalks?status=all')).json() as {
      version: number;
      items: { status: string; from: { kind: string; id: string }; to: { kind: string; id: string } }[];
    };
    const linked = new Set(
      read.items
        .filter((link) => link.status === 'active' && link.from.id === 'DOMAIN1' && link.to.kind === 'gcm-objective')
        .map((link) => link.to.id),
    );
    const objective = Array.from({ length: 23 }, (_, index) => String(index + 1)).find((id) => !linked.has(id))!;
    const added = await post('/api/v1/crosswalks/links', analyst, {
      expectedVersion: read.version,
      source: 'A published mapping, p. 4',
      link: {
        from: { kind: 'sdg-10-7-2-domain', id: 'DOMAIN1' },
        to: { kind: 'gcm-objective', id: objective },
        basis: 'source',
        source: 'A published mapping, p. 4',
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const { link, version } = added.json() as { link: { id: string }; version: number };
    const retired = await post(`/api/v1/crosswalks/links/${encodeURIComponent(link.id)}/retire`, admin, {
      expectedVersion: version,
      source: 'Review',
      reason: 'Not a gap-relevant link',
    });
    expect(retired.statusCode, retired.body).toBe(200);
    const registryVersion = ((await app.inject('/api/v1/partnerships')).json() as { version: number }).version;
    const membership = await post('/api/v1/partnerships/memberships', analyst, {
      expectedVersion: registryVersion,
      source: 'Ministerial declaration 2026',
      membership: {
        process: 'colombo-process',
        area: '4',
        name: 'Afghanistan (test record)',
        role: 'Member State',
        kind: 'member',
        asOf: '2026',
        from: '2026-01',
        source: 'Ministerial declaration 2026',
      },
    });
    expect(membership.statusCode, membership.body).toBe(201);
    // A publication with evidence, made by the administrator.
    const round = await createRound(
      db,
      { year: 2019, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2019-01-01', closesOn: '2019-12-31' },
      adminUser.id,
    );
    let assessment = await createAssessment(db, { jurisdiction: '50', roundId: round.id }, adminUser.id);
    const instrument: InstrumentVersion = SDG_10_7_2_V2019;
    const answers = instrument.domains
      .flatMap((domain) => domain.items)
      .map((item) => ({ itemId: item.id, optionId: instrument.scales[item.scale]![0]!.id }));
    assessment = await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes: answers },
      adminUser.id,
    );
    const evidence = await addEvidence(
      db,
      {
        assessmentId: assessment.id,
        itemId: '1a',
        kind: 'link',
        title: 'Ministry page',
        url: 'https://example.org/policy',
      },
      adminUser.id,
    );
    PARAMS.evidenceId = evidence.id;
    for (const action of ['submit', 'validate', 'publish'] as const)
      assessment = await transitionAssessment(
        db,
        { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, action },
        adminUser.id,
      );
    await app.migov.publicCache.invalidate();
    expect((await app.inject('/api/v1/published/2019/50')).json().items).toHaveLength(1);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('names editors by role title in the crosswalk and its history, and the registry history', async () => {
    const history = (await app.inject('/api/v1/crosswalks/history')).json() as {
      items: { version: number; createdBy: string | null }[];
    };
    expect(history.items.slice(0, 2).map((item) => item.createdBy)).toEqual(['Administrator', 'Global analyst']);
    const links = (await app.inject('/api/v1/crosswalks?status=all')).json() as {
      items: { createdBy: string; retired?: { by: string } }[];
    };
    const retired = links.items.filter((item) => item.retired);
    expect(retired.at(-1)).toMatchObject({ createdBy: 'Global analyst', retired: { by: 'Administrator' } });
    const registry = (await app.inject('/api/v1/partnerships/history')).json() as {
      items: { createdBy: string | null }[];
    };
    expect(registry.items[0]?.createdBy).toBe('Global analyst');
  });

  it('answers no public route with a user id or an email', async () => {
    const routes = app.routesWithAccess.filter(
      (route) =>
        route.method === 'GET' &&
        route.access.permission === 'public' &&
        route.url.startsWith('/api/v1/') &&
        !route.url.startsWith('/api/v1/docs'),
    );
    expect(routes.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, (_match, name: string) => PARAMS[name] ?? 'x');
      for (const query of ['', '?status=all', '?format=json']) {
        const response = await app.inject({ url: `${url}${query}` });
        for (const secret of secrets)
          if (response.body.includes(secret))
            leaks.push(`${route.url}${query} (${response.statusCode}) contains ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
