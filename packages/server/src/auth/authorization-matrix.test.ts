/**
 * The authorization matrix: every route of the app x every role x an object in the role's own
 * country and in another country. A request that the table below does not allow must be refused
 * (401/403); one it allows must not be. The route list comes from the app itself, so a new route
 * without a row here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addEvidence,
  createApiToken,
  createAssessment,
  createInvitation,
  createRound,
  getAssessment,
  grantRole,
  type MigovDatabase,
} from '@migov/db';
import type { MigovApp } from '../app.ts';
import { createSecret, hashSecret } from './tokens.ts';
import {
  asUser,
  createTestApp,
  createTestDatabase,
  createTestUser,
  DIALECTS,
  signIn,
  type SignedIn,
} from '../testing/test-app.ts';
import type { Role, RoleScope } from './permissions.ts';

type Actor = Role | 'public';
type Where = 'own' | 'other';

const OWN = '484'; // Mexico, in Latin America and the Caribbean (419)
const OTHER = '250'; // France

const ACTORS: Record<Exclude<Actor, 'public'>, RoleScope> = {
  administrator: { kind: 'global' },
  'global-analyst': { kind: 'global' },
  'regional-analyst': { kind: 'group', group: '419' },
  'national-coordinator': { kind: 'area', area: OWN },
  'focal-point': { kind: 'area', area: OWN },
  reviewer: { kind: 'area', area: OWN },
};

const everyone = () => true;
const signedIn = (actor: Actor) => actor !== 'public';
const adminOnly = (actor: Actor) => actor === 'administrator';
const reads = (actor: Actor, where: Where) =>
  actor === 'administrator' ||
  actor === 'global-analyst' ||
  (where === 'own' && ['regional-analyst', 'national-coordinator', 'focal-point', 'reviewer'].includes(actor));
const own =
  (...roles: Actor[]) =>
  (actor: Actor, where: Where) =>
    actor === 'administrator' || (where === 'own' && roles.includes(actor));
const briefAuthors = (actor: Actor) =>
  ['administrator', 'global-analyst', 'regional-analyst', 'national-coordinator'].includes(actor);

/** Who may succeed on each route: written by hand from the role descriptions, independent of the code's tables. */
const EXPECTED: Record<string, (actor: Actor, where: Where) => boolean> = {
  'GET /health': everyone,
  'GET /ready': everyone,
  'GET /api/v1/openapi.json': everyone,
  'GET /api/v1/docs': everyone,
  'GET /api/v1/docs/': everyone,
  'GET /api/v1/docs/json': everyone,
  'GET /api/v1/docs/yaml': everyone,
  'GET /api/v1/docs/*': everyone,
  'GET /api/v1/docs/static/*': everyone,
  'GET /api/v1/docs/static/index.html': everyone,
  'GET /api/v1/docs/static/swagger-initializer.js': everyone,
  'GET /': everyone,
  'GET /*': everyone,
  'GET /api/v1/instruments': everyone,
  'GET /api/v1/instruments/schema': everyone,
  'GET /api/v1/instruments/:instrument/versions/:version': everyone,
  'GET /api/v1/areas': everyone,
  'GET /api/v1/areas/:code': everyone,
  'GET /api/v1/published/:year': everyone,
  'GET /api/v1/published/:year/:jurisdiction': everyone,
  'GET /api/v1/published/:year/:jurisdiction/evidence/:evidenceId/file': everyone,
  'GET /api/v1/aggregates/:year': everyone,
  'GET /api/v1/downloads/:year/:format': everyone,
  'GET /api/v1/rounds': everyone,
  'GET /api/v1/official-data': everyone,
  'GET /api/v1/results': everyone,
  'GET /api/v1/results/:year': everyone,
  'GET /api/v1/areas/:code/results': everyone,
  'GET /api/v1/jurisdictions': everyone,
  'POST /api/v1/session': everyone,
  'POST /api/v1/invitations/accept': everyone,
  'POST /api/v1/invitations/preview': everyone,
  'POST /api/v1/invitations/accept-signed-in': signedIn,
  'POST /api/v1/password-reset': everyone,
  'POST /api/v1/password-reset/confirm': everyone,
  'GET /api/v1/invitations/offers': signedIn,
  'GET /api/v1/auth/oidc/login': everyone,
  'GET /api/v1/auth/oidc/callback': everyone,
  'GET /api/v1/session': signedIn,
  'DELETE /api/v1/session': signedIn,
  'GET /api/v1/account/preferences': signedIn,
  'PUT /api/v1/account/preferences': signedIn,
  'GET /api/v1/tokens': signedIn,
  'POST /api/v1/tokens': signedIn,
  'DELETE /api/v1/tokens/:id': signedIn,
  'GET /api/v1/assessments': signedIn,
  'POST /api/v1/assessments': own('national-coordinator'),
  'GET /api/v1/assessments/:id': reads,
  'GET /api/v1/assessments/:id/history': reads,
  'GET /api/v1/assessments/:id/diff': reads,
  'GET /api/v1/assessments/:id/evidence': reads,
  'GET /api/v1/assessments/:id/evidence/:evidenceId/file': reads,
  'GET /api/v1/assessments/:id/comments': reads,
  'GET /api/v1/assessments/:id/workbook': reads,
  'PATCH /api/v1/assessments/:id/responses': own('focal-point'),
  'PUT /api/v1/assessments/:id/workbook': own('focal-point'),
  'POST /api/v1/assessments/:id/evidence': own('focal-point'),
  'POST /api/v1/assessments/:id/evidence-links': own('focal-point'),
  'POST /api/v1/assessments/:id/evidence/:evidenceId/withdraw': own('focal-point'),
  'POST /api/v1/assessments/:id/submit': own('focal-point'),
  'POST /api/v1/assessments/:id/resubmit': own('focal-point'),
  'POST /api/v1/assessments/:id/return': own('reviewer'),
  'POST /api/v1/assessments/:id/validate': own('reviewer', 'national-coordinator'),
  'POST /api/v1/assessments/:id/publish': own('national-coordinator'),
  'POST /api/v1/assessments/:id/reopen': own('national-coordinator'),
  'POST /api/v1/assessments/:id/comments': own('focal-point', 'reviewer', 'national-coordinator'),
  'POST /api/v1/rounds': adminOnly,
  'POST /api/v1/rounds/:id/reopen': adminOnly,
  'POST /api/v1/rounds/:id/close': adminOnly,
  'GET /api/v1/users': adminOnly,
  'GET /api/v1/users/:id': adminOnly,
  'PATCH /api/v1/users/:id': adminOnly,
  'POST /api/v1/users/:id/roles': adminOnly,
  'DELETE /api/v1/users/:id/roles/:grantId': adminOnly,
  'POST /api/v1/invitations': own('national-coordinator'),
  // National coordinators list the invitations they made; the target invitation (global) is beyond them.
  'GET /api/v1/invitations': (actor) => actor === 'administrator' || actor === 'national-coordinator',
  'GET /api/v1/invitations/:id': adminOnly,
  'DELETE /api/v1/invitations/:id': adminOnly,
  'POST /api/v1/invitations/:id/resend': adminOnly,
  'GET /api/v1/role-grants': (actor) => actor === 'administrator' || actor === 'national-coordinator',
  // The target grant is a reviewer's in France: beyond Mexico's coordinator.
  'DELETE /api/v1/role-grants/:grantId': adminOnly,
  'GET /api/v1/outbox': adminOnly,
  'POST /api/v1/outbox/:id/retry': adminOnly,
  'POST /api/v1/instruments': adminOnly,
  'POST /api/v1/jurisdictions': adminOnly,
  'GET /api/v1/audit': adminOnly,
  'POST /api/v1/imports': adminOnly,
  'GET /api/v1/imports': adminOnly,
  'GET /api/v1/partnerships': everyone,
  'GET /api/v1/partnerships/overlaps': everyone,
  'GET /api/v1/partnerships/:id': everyone,
  'GET /api/v1/crosswalks': everyone,
  'GET /api/v1/areas/:code/gaps': everyone,
  'POST /api/v1/briefs': (actor, where) =>
    actor === 'administrator' ||
    actor === 'global-analyst' ||
    (where === 'own' && (actor === 'regional-analyst' || actor === 'national-coordinator')),
  'GET /api/v1/briefs': briefAuthors,
  'GET /api/v1/briefs/:id': briefAuthors,
  'GET /api/v1/briefs/:id/versions/:file': briefAuthors,
  'PUT /api/v1/briefs/:id': briefAuthors,
  'POST /api/v1/briefs/:id/regenerate': briefAuthors,
  'GET /api/v1/crosswalks/history': everyone,
  'POST /api/v1/crosswalks/links': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'PUT /api/v1/crosswalks/links/:id': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'POST /api/v1/crosswalks/links/:id/retire': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'GET /api/v1/partnerships/history': everyone,
  'POST /api/v1/partnerships/memberships': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'POST /api/v1/partnerships/memberships/:id/end': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'POST /api/v1/partnerships/meetings': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'POST /api/v1/partnerships/processes/:id/types': (actor) => actor === 'administrator' || actor === 'global-analyst',
  'POST /api/v1/mgi/assessments': own('national-coordinator'),
  // MGI assessments by id are checked per role in mgi.routes.test.ts; here the id is unknown (404 to the signed-in).
  'GET /api/v1/mgi/assessments': signedIn,
  'GET /api/v1/mgi/assessments/:id': signedIn,
  // Saving answers needs assessment:edit somewhere before the (unknown) id is looked up.
  'PUT /api/v1/mgi/assessments/:id/answers': (actor) => actor === 'administrator' || actor === 'focal-point',
  'POST /api/v1/mgi/assessments/:id/actions': signedIn,
  'GET /api/v1/mgi/assessments/:id/answers/history': signedIn,
  'GET /api/v1/mgi/assessments/:id/changes': signedIn,
  'GET /api/v1/mgi/profiles': everyone,
  'GET /api/v1/mgi/profiles/:jurisdiction/:year': everyone,
  'GET /api/v1/indicators': everyone,
  'GET /api/v1/indicators/:id': everyone,
  'GET /api/v1/indicators/:id/datasets/:datasetId/chart': everyone,
  'GET /api/v1/areas/:code/indicators': everyone,
  'POST /api/v1/indicators/imports': (actor) => actor === 'administrator' || actor === 'global-analyst',
};

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe.each(DIALECTS)('the authorization matrix (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  const sessions = new Map<Actor, SignedIn>();
  const tokens = new Map<Actor, string>();
  const assessments: Record<Where, { id: string; evidenceId: string }> = {
    own: { id: '', evidenceId: '' },
    other: { id: '', evidenceId: '' },
  };
  let roundId = '';
  let target: { userId: string; grantId: string; invitationId: string };
  let counter = 0;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    // Hundreds of sign-ins from one address here; the per-IP limit has its own test.
    app = await createTestApp(db, { config: { signInPerIpPerMinute: 100_000 } });
    const round = await createRound(db, {
      year: 2019,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2019-01-01',
      closesOn: '2019-12-31',
    });
    roundId = round.id;
    await createRound(db, {
      year: 2021,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2021-01-01',
      closesOn: '2021-12-31',
    });
    for (const where of ['own', 'other'] as const) {
      const assessment = await createAssessment(db, { jurisdiction: where === 'own' ? OWN : OTHER, roundId }, null);
      const evidence = await addEvidence(
        db,
        { assessmentId: assessment.id, itemId: '1a', kind: 'link', title: 'x', url: 'https://example.org' },
        null,
      );
      const file = await addEvidence(
        db,
        {
          assessmentId: assessment.id,
          itemId: '1b',
          kind: 'file',
          title: 'f',
          file: { filename: 'f.pdf', mediaType: 'application/pdf', bytes: PDF },
        },
        null,
      );
      assessments[where] = { id: assessment.id, evidenceId: file.id };
      void evidence;
    }
    const targetUser = await createTestUser(db, 'target@example.org');
    const grant = await grantRole(
      db,
      { userId: targetUser.id, role: 'reviewer', scope: { kind: 'area', area: OTHER } },
      null,
    );
    const invitation = await createInvitation(db, {
      email: 'pending@example.org',
      role: 'reviewer',
      scope: { kind: 'global' },
      tokenHash: hashSecret(createSecret()),
      expiresAt: '2999-01-01T00:00:00.000Z',
      invitedBy: null,
    });
    target = { userId: targetUser.id, grantId: grant.id, invitationId: invitation.id };
    for (const [role, scope] of Object.entries(ACTORS) as [Exclude<Actor, 'public'>, RoleScope][]) {
      const user = await createTestUser(db, `${role}@example.org`, [{ role, scope }]);
      sessions.set(role, await signIn(app, `${role}@example.org`));
      const secret = createSecret('mgv_');
      await createApiToken(db, { userId: user.id, name: 'matrix', tokenHash: hashSecret(secret) });
      tokens.set(role, secret);
    }
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('has an expectation for every route the app serves', () => {
    const missing = app.routesWithAccess
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !(key in EXPECTED));
    expect(missing).toEqual([]);
  });

  async function request(actor: Actor, where: Where, method: string, url: string, auth: 'cookie' | 'token') {
    const assessment = assessments[where];
    const jurisdiction = where === 'own' ? OWN : OTHER;
    counter += 1;
    let path = url
      .replace(':id/evidence/:evidenceId', `${assessment.id}/evidence/${assessment.evidenceId}`)
      .replace('/assessments/:id', `/assessments/${assessment.id}`)
      .replace('/users/:id', `/users/${target.userId}`)
      .replace(':grantId', target.grantId)
      .replace('/invitations/:id', `/invitations/${target.invitationId}`)
      .replace(':instrument/versions/:version', 'sdg-10-7-2/versions/2019')
      .replace(':code', jurisdiction)
      .replace('/published/:year/:jurisdiction', `/published/2019/${jurisdiction}`)
      .replace(':year/:format', '2019/csv')
      .replace(':year', '2019')
      .replace('/docs/static/*', '/docs/static/index.html')
      .replace('/docs/*', '/docs/index.html');
    if (url === '/api/v1/tokens/:id') {
      const created =
        actor === 'public'
          ? undefined
          : await app.inject({
              method: 'POST',
              url: '/api/v1/tokens',
              headers: asUser(sessions.get(actor)!),
              payload: { name: 'x' },
            });
      path = `/api/v1/tokens/${created?.json().id ?? 'none'}`;
    }
    if (url === '/api/v1/assessments/:id/diff') path += '?from=0&to=1';
    const headers: Record<string, string> = {};
    if (actor !== 'public') {
      if (auth === 'cookie') Object.assign(headers, asUser(sessions.get(actor)!));
      else headers.authorization = `Bearer ${tokens.get(actor)!}`;
    }
    if (/\/(responses|submit|resubmit|return|validate|publish|reopen)$/.test(url))
      headers['if-match'] = `"${(await getAssessment(db, assessment.id)).lockVersion}"`;
    let payload: unknown;
    const key = `${method} ${url}`;
    switch (key) {
      case 'POST /api/v1/session':
        payload = { email: 'target@example.org', password: 'wrong password' };
        break;
      case 'POST /api/v1/invitations/accept':
        payload = { token: 'x'.repeat(20), name: 'x', password: 'a long enough password' };
        break;
      case 'POST /api/v1/password-reset':
        payload = { email: 'target@example.org' };
        break;
      case 'POST /api/v1/password-reset/confirm':
        payload = { token: 'x'.repeat(20), password: 'a long enough password' };
        break;
      case 'POST /api/v1/invitations/preview':
      case 'POST /api/v1/invitations/accept-signed-in':
        payload = { token: 'x'.repeat(20) };
        break;
      case 'POST /api/v1/tokens':
        payload = { name: 'matrix' };
        break;
      case 'POST /api/v1/rounds/:id/reopen':
        payload = { closesOn: '2099-12-31' };
        break;
      case 'PUT /api/v1/account/preferences':
        payload = { preferredLanguage: 'fr' };
        break;
      case 'POST /api/v1/assessments':
        payload = { jurisdiction, roundId };
        break;
      case 'PATCH /api/v1/assessments/:id/responses':
        payload = { changes: [{ itemId: '1a', optionId: 'no' }] };
        break;
      case 'POST /api/v1/assessments/:id/evidence-links':
        payload = { itemId: '1a', title: 'link', url: 'https://example.org/x' };
        break;
      case 'POST /api/v1/assessments/:id/evidence/:evidenceId/withdraw':
      case 'POST /api/v1/assessments/:id/return':
      case 'POST /api/v1/assessments/:id/reopen':
        payload = { reason: 'matrix' };
        break;
      case 'POST /api/v1/assessments/:id/comments':
        payload = { body: 'matrix' };
        break;
      case 'POST /api/v1/rounds':
        payload = {
          year: 2000 + (counter % 100),
          instrument: 'sdg-10-7-2',
          version: '2019',
          opensOn: '2030-01-01',
          closesOn: '2030-12-31',
        };
        break;
      case 'PATCH /api/v1/users/:id':
        payload = { name: `Target ${counter}` };
        break;
      case 'POST /api/v1/users/:id/roles':
        payload = { role: 'reviewer', scope: { kind: 'area', area: jurisdiction } };
        break;
      case 'POST /api/v1/invitations':
        payload = {
          email: `invitee${counter}@example.org`,
          role: 'focal-point',
          scope: { kind: 'area', area: jurisdiction },
        };
        break;
      case 'POST /api/v1/instruments':
        payload = { instrument: 'x' };
        break;
      case 'POST /api/v1/jurisdictions':
        payload = { code: `${jurisdiction}-M${counter}`, name: 'Somewhere', level: 'city', parent: jurisdiction };
        break;
      case 'POST /api/v1/briefs':
        payload = { area: jurisdiction };
        break;
      case 'POST /api/v1/mgi/assessments':
        payload = { jurisdiction, year: 2016 + (counter % 85) };
        break;
      case 'POST /api/v1/imports':
        payload = 'not a data file';
        headers['content-type'] = 'text/csv';
        break;
      case 'POST /api/v1/assessments/:id/evidence': {
        const boundary = 'matrix';
        payload = Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n1a\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
        );
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        break;
      }
      case 'PUT /api/v1/assessments/:id/workbook':
        payload = Buffer.from('PK not really a workbook');
        headers['content-type'] = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        break;
    }
    const response = await app.inject({
      method: method as 'GET',
      url: path,
      headers,
      ...(payload !== undefined ? { payload: payload as string } : {}),
    });
    if (key === 'DELETE /api/v1/session' && actor !== 'public' && response.statusCode === 200)
      sessions.set(actor, await signIn(app, `${actor}@example.org`));
    return response;
  }

  it('refuses every request the table does not allow, and lets through every one it allows', async () => {
    const failures: string[] = [];
    const routes = app.routesWithAccess.filter(
      (route) => !(route.method === 'DELETE' && route.url === '/api/v1/session'),
    );
    const last = app.routesWithAccess.filter((route) => route.method === 'DELETE' && route.url === '/api/v1/session');
    for (const auth of ['token', 'cookie'] as const) {
      for (const route of [...routes, ...(auth === 'cookie' ? last : [])]) {
        const allow = EXPECTED[`${route.method} ${route.url}`];
        if (!allow) continue; // reported by the completeness test
        // Actors run concurrently (each has its own session); only the status codes matter here, not the order.
        await Promise.all(
          (['public', ...Object.keys(ACTORS)] as Actor[]).map(async (actor) => {
            for (const where of ['own', 'other'] as const) {
              const response = await request(actor, where, route.method, route.url, auth);
              const refused = response.statusCode === 401 || response.statusCode === 403;
              // An object outside the actor's scope is also refused by answering not-found, like an unknown id.
              const hidden = response.statusCode === 404;
              const allowed = allow(actor, where);
              if (!allowed && !refused && !hidden)
                failures.push(
                  `UNAUTHORIZED ${response.statusCode}: ${actor} (${where}, ${auth}) ${route.method} ${route.url} ${response.body.slice(0, 200)}`,
                );
              if (allowed && refused && route.access.permission !== 'public')
                failures.push(
                  `WRONGLY REFUSED ${response.statusCode}: ${actor} (${where}, ${auth}) ${route.method} ${route.url} ${response.body.slice(0, 200)}`,
                );
              if (response.statusCode >= 500)
                failures.push(
                  `5xx ${response.statusCode}: ${actor} ${route.method} ${route.url} ${response.body.slice(0, 200)}`,
                );
            }
          }),
        );
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("lists only the assessments in the user's scope", async () => {
    for (const [actor, expected] of [
      ['focal-point', [OWN]],
      ['regional-analyst', [OWN]],
      ['global-analyst', [OTHER, OWN]],
    ] as const) {
      const response = await app.inject({
        url: '/api/v1/assessments?limit=500',
        headers: { cookie: sessions.get(actor)!.cookie },
      });
      const seen = [
        ...new Set((response.json().items as { jurisdiction: string }[]).map((item) => item.jurisdiction)),
      ].sort();
      expect(seen, actor).toEqual([...expected].sort());
    }
  });
});
