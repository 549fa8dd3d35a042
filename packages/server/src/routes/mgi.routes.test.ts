import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MGI_NATIONAL_EXAMPLE } from '@migov/core';
import type { MigovDatabase } from '@migov/db';
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

type Level = 'in-place' | 'partial' | 'absent' | 'not-applicable';
interface DimensionView {
  dimensionId: string;
  wellDeveloped: string[];
  furtherDevelopment: string[];
  incomplete: string[];
  notApplicable: string[];
}
interface AssessmentView {
  id: string;
  roundKind: string;
  state: string;
  lockVersion: number;
  level: string;
  instrument: string;
  profile: { status: string; dimensions: DimensionView[] };
  process: { comments: { ministry: string; body: string; actor: string }[]; consultation: number };
  waitingFor: string[];
  instrumentVersion: string;
  answerOptions: Record<string, { id: string; label: Record<string, string>; level: string }[]>;
}

const ITEMS = MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) =>
  domain.items.map((item) => ({ dimension: domain.id, id: item.id, subArea: item.subArea ?? item.id })),
);

/** Baseline answers by a fixed pattern over the item list: in place, partial, absent, in place, not applicable, … */
const PATTERN: Level[] = ['in-place', 'partial', 'absent', 'in-place', 'not-applicable'];
const baselineLevels = new Map(ITEMS.map((item, index) => [item.id, PATTERN[index % PATTERN.length] as Level]));

/** The areas a dimension should list for these levels, one item per sub-area (docs/decisions/0502). */
function expectedAreas(levels: ReadonlyMap<string, Level>, dimension: string) {
  const own = ITEMS.filter((item) => item.dimension === dimension);
  return {
    wellDeveloped: own.filter((item) => levels.get(item.id) === 'in-place').map((item) => item.subArea),
    furtherDevelopment: own
      .filter((item) => ['partial', 'absent'].includes(levels.get(item.id) ?? ''))
      .map((item) => item.subArea),
    notApplicable: own.filter((item) => levels.get(item.id) === 'not-applicable').map((item) => item.subArea),
  };
}

/** An official-style answer scale: its own ids and scores (top = in place, 0 = absent, between = partial). */
const OFFICIAL_SCALE = [
  { id: 'yes', label: { en: 'Yes', fr: 'Oui' }, score: '2' },
  { id: 'partly', label: { en: 'Partly', fr: 'En partie' }, score: '1' },
  { id: 'no', label: { en: 'No', fr: 'Non' }, score: '0' },
  { id: 'na', label: { en: 'Not applicable', fr: 'Sans objet' }, notApplicable: true },
];
const OFFICIAL_LEVELS: Record<string, Level> = {
  yes: 'in-place',
  partly: 'partial',
  no: 'absent',
  na: 'not-applicable',
};

/**
 * An instrument shaped like an official MGI question list as an administrator loads it: its own ids
 * and version, its own answer scale, several questions per sub-area, official wording.
 */
function officialStyleInstrument(instrument: string, version: string) {
  const dimensions: [id: string, label: string, questions: [id: string, text: string, subArea: string][]][] = [
    [
      'rights',
      'Migrants’ rights',
      [
        ['d1.a1', 'Access to health care', 'Access to social services'],
        ['d1.a2', 'Access to education', 'Access to social services'],
        ['d1.b1', 'Family reunification', 'Family reunification'],
      ],
    ],
    [
      'partnerships',
      'Partnerships',
      [
        ['d3.a1', 'Regional consultative processes', 'Regional cooperation'],
        ['d3.b1', 'Bilateral labour agreements', 'Bilateral cooperation'],
      ],
    ],
  ];
  return {
    instrument,
    version,
    kind: 'profile',
    title: { en: `${instrument} official-style profile instrument` },
    source: 'Loaded by an administrator from the official question list',
    languages: ['en'],
    scales: { status: OFFICIAL_SCALE },
    domains: dimensions.map(([id, label, questions], index) => ({
      id,
      code: `D${index + 1}`,
      label: { en: label },
      items: questions.map(([itemId, text, subArea]) => ({
        id: itemId,
        text: { en: text },
        wording: 'official',
        scale: 'status',
        subArea,
      })),
    })),
  };
}

describe.each(DIALECTS)('MGI-style assessments over HTTP (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let coordinator: SignedIn;
  let focal: SignedIn;
  let labour: SignedIn;
  let foreign: SignedIn;
  let outsider: SignedIn;
  let otherCoordinator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    await createTestUser(db, 'coordinator@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '484' } },
    ]);
    await createTestUser(db, 'focal@example.org', [{ role: 'focal-point', scope: { kind: 'area', area: '484' } }]);
    await createTestUser(db, 'labour@example.org');
    await createTestUser(db, 'foreign@example.org');
    await createTestUser(db, 'outsider@example.org');
    await createTestUser(db, 'other@example.org', [
      { role: 'national-coordinator', scope: { kind: 'area', area: '76' } },
    ]);
    coordinator = await signIn(app, 'coordinator@example.org');
    focal = await signIn(app, 'focal@example.org');
    labour = await signIn(app, 'labour@example.org');
    foreign = await signIn(app, 'foreign@example.org');
    outsider = await signIn(app, 'outsider@example.org');
    otherCoordinator = await signIn(app, 'other@example.org');
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const launch = (session: SignedIn | undefined, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/mgi/assessments',
      ...(session ? { headers: asUser(session) } : {}),
      payload,
    });
  async function act(session: SignedIn, view: AssessmentView, payload: Record<string, unknown>, status = 200) {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/mgi/assessments/${view.id}/actions`,
      headers: asUser(session, { 'if-match': `"${view.lockVersion}"` }),
      payload,
    });
    expect(response.statusCode, response.body).toBe(status);
    return status === 200 ? (response.json() as AssessmentView) : view;
  }
  async function answer(session: SignedIn, view: AssessmentView, levels: ReadonlyMap<string, Level>, status = 200) {
    const answers = Object.fromEntries(
      [...levels].map(([id, level]) => [id, { optionId: level, comment: `Evidence for ${id}: ${level}` }]),
    );
    const response = await app.inject({
      method: 'PUT',
      url: `/api/v1/mgi/assessments/${view.id}/answers`,
      headers: asUser(session, { 'if-match': `"${view.lockVersion}"` }),
      payload: { answers },
    });
    expect(response.statusCode, response.body).toBe(status);
    return status === 200 ? (response.json() as AssessmentView) : view;
  }

  it('goes from launch to publication with comments from two ministries, and a follow-up shows what changed', async () => {
    expect((await launch(undefined, { jurisdiction: '484', year: 2019 })).statusCode).toBe(401);
    expect((await launch(focal, { jurisdiction: '484', year: 2019 })).statusCode).toBe(403);
    expect((await launch(otherCoordinator, { jurisdiction: '484', year: 2019 })).statusCode).toBe(403);
    const launched = await launch(coordinator, { jurisdiction: '484', year: 2019 });
    expect(launched.statusCode, launched.body).toBe(201);
    expect(launched.headers.etag).toBe('"1"');
    let baseline = launched.json() as AssessmentView;
    expect(baseline).toMatchObject({
      roundKind: 'baseline',
      state: 'launch',
      level: 'national',
      instrument: 'mgi-example',
    });

    baseline = await act(coordinator, baseline, { type: 'begin-data-collection' });
    // Opening the consultation too early is refused alike whether the invited email has an account or not.
    const tooEarly = async (email: string) => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/mgi/assessments/${baseline.id}/actions`,
        headers: asUser(coordinator, { 'if-match': `"${baseline.lockVersion}"` }),
        payload: { type: 'open-consultation', ministries: ['Labour'], invite: [{ ministry: 'Labour', email }] },
      });
      return { status: response.statusCode, body: response.json() as Record<string, unknown> };
    };
    const [withAccount, withoutAccount] = [await tooEarly('labour@example.org'), await tooEarly('nobody@example.org')];
    expect(withAccount.status).toBe(409);
    expect(withAccount.body.code).toBe('invalid-transition');
    expect(withoutAccount).toEqual(withAccount);
    // Only focal points of the jurisdiction answer; the If-Match header is required and must be current.
    await answer(coordinator, baseline, baselineLevels, 403);
    const noLock = await app.inject({
      method: 'PUT',
      url: `/api/v1/mgi/assessments/${baseline.id}/answers`,
      headers: asUser(focal),
      payload: { answers: {} },
    });
    expect(noLock.statusCode).toBe(428);
    const wrongOption = await answer(focal, baseline, new Map([['1.1', 'maybe' as Level]]), 422);
    expect(wrongOption).toBe(baseline);
    baseline = await answer(focal, baseline, baselineLevels);
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/v1/mgi/assessments/${baseline.id}/answers`,
      headers: asUser(focal, { 'if-match': `"${baseline.lockVersion - 1}"` }),
      payload: { answers: { '1.1': { optionId: 'absent' } } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit-conflict', current: { lockVersion: baseline.lockVersion } });
    expect(baseline.profile.status).toBe('complete');

    baseline = await act(focal, baseline, { type: 'submit-draft' });
    await act(focal, baseline, { type: 'open-consultation', ministries: ['Labour'] }, 403);
    const unknownUser = await app.inject({
      method: 'POST',
      url: `/api/v1/mgi/assessments/${baseline.id}/actions`,
      headers: asUser(coordinator, { 'if-match': `"${baseline.lockVersion}"` }),
      payload: {
        type: 'open-consultation',
        ministries: ['Labour'],
        invite: [{ ministry: 'Labour', email: 'nobody@example.org' }],
      },
    });
    expect(unknownUser.statusCode).toBe(422);
    expect(unknownUser.json().problems).toEqual([
      expect.objectContaining({ field: 'invite[0].email', value: 'nobody@example.org' }),
    ]);
    // The outsider cannot see the draft; invited users can once invited.
    expect(
      (await app.inject({ url: `/api/v1/mgi/assessments/${baseline.id}`, headers: asUser(labour) })).statusCode,
    ).toBe(404);
    baseline = await act(coordinator, baseline, {
      type: 'open-consultation',
      ministries: ['Ministry of Labour', 'Ministry of Foreign Affairs', 'Ministry of the Interior'],
      invite: [
        { ministry: 'Ministry of Labour', email: 'labour@example.org' },
        { ministry: 'Ministry of Foreign Affairs', email: 'foreign@example.org' },
      ],
    });
    expect(baseline.state).toBe('inter-ministerial-consultation');
    expect(
      (await app.inject({ url: `/api/v1/mgi/assessments/${baseline.id}`, headers: asUser(labour) })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: `/api/v1/mgi/assessments/${baseline.id}`, headers: asUser(outsider) })).statusCode,
    ).toBe(404);

    // Each invited user comments for their own ministry only; an outsider cannot comment at all.
    await act(
      labour,
      baseline,
      { type: 'comment', ministry: 'Ministry of Foreign Affairs', body: 'Not mine to say' },
      403,
    );
    await act(outsider, baseline, { type: 'comment', ministry: 'Ministry of Labour', body: 'x' }, 404);
    baseline = await act(labour, baseline, {
      type: 'comment',
      ministry: 'Ministry of Labour',
      body: 'Item 1.2: the 2018 labour decree is partly applied',
      itemId: '1.2',
    });
    await act(coordinator, baseline, { type: 'close-consultation' }, 409);
    baseline = await act(foreign, baseline, {
      type: 'comment',
      ministry: 'Ministry of Foreign Affairs',
      body: 'The consular network answers are right',
    });
    expect(baseline.waitingFor).toEqual(['Ministry of the Interior']);
    // What each reader may do now comes with the assessment: the invited user comments for their ministry only.
    const you = (view: AssessmentView) =>
      (view as AssessmentView & { you: { availableActions: string[]; commentFor: string[]; editsAnswers: boolean } })
        .you;
    expect(you(baseline)).toMatchObject({
      availableActions: ['comment'],
      commentFor: ['Ministry of Foreign Affairs'],
      editsAnswers: false,
    });
    const forCoordinator = await app.inject({
      url: `/api/v1/mgi/assessments/${baseline.id}`,
      headers: asUser(coordinator),
    });
    expect(you(forCoordinator.json())).toMatchObject({
      availableActions: ['comment', 'revise-draft'],
      commentFor: ['Ministry of Labour', 'Ministry of Foreign Affairs', 'Ministry of the Interior'],
    });
    // A comment the Interior sent on paper, entered by the coordinator on its behalf.
    baseline = await act(coordinator, baseline, {
      type: 'comment',
      ministry: 'Ministry of the Interior',
      body: 'No objection (letter of 3 May)',
    });
    expect(baseline.process.comments.map((comment) => [comment.ministry, comment.actor])).toEqual([
      ['Ministry of Labour', labour.userId],
      ['Ministry of Foreign Affairs', foreign.userId],
      ['Ministry of the Interior', coordinator.userId],
    ]);
    baseline = await act(coordinator, baseline, { type: 'close-consultation' });
    await act(focal, baseline, { type: 'approve', authority: 'Ministry of the Interior' }, 403);
    await act(coordinator, baseline, { type: 'publish' }, 409);
    expect((await app.inject({ url: '/api/v1/mgi/profiles/484/2019' })).statusCode).toBe(404);
    baseline = await act(coordinator, baseline, {
      type: 'approve',
      authority: 'Council of Ministers',
      reference: 'Decision 12/2019',
    });
    baseline = await act(coordinator, baseline, { type: 'publish' });
    expect(baseline.state).toBe('published');
    await answer(focal, baseline, new Map([['1.1', 'absent']]), 409);

    // The published profile is public: the right areas per dimension, no comments, no score.
    const published = await app.inject({ url: '/api/v1/mgi/profiles/484/2019' });
    expect(published.statusCode, published.body).toBe(200);
    const profile = published.json() as {
      roundKind: string;
      profile: { dimensions: DimensionView[] };
      consultedMinistries: string[];
      approval: { authority: string };
      changes: unknown;
    };
    expect(profile.roundKind).toBe('baseline');
    for (const dimension of profile.profile.dimensions) {
      expect({ dimension: dimension.dimensionId, ...expectedAreas(baselineLevels, dimension.dimensionId) }).toEqual({
        dimension: dimension.dimensionId,
        wellDeveloped: dimension.wellDeveloped,
        furtherDevelopment: dimension.furtherDevelopment,
        notApplicable: dimension.notApplicable,
      });
    }
    expect(profile.profile.dimensions.map((dimension) => dimension.dimensionId)).toEqual(
      MGI_NATIONAL_EXAMPLE.domains.map((domain) => domain.id),
    );
    expect(profile.consultedMinistries).toEqual([
      'Ministry of Labour',
      'Ministry of Foreign Affairs',
      'Ministry of the Interior',
    ]);
    expect(profile.approval.authority).toBe('Council of Ministers');
    expect(profile.changes).toBeNull();
    expect(published.body).not.toContain('labour decree');
    expect(published.body).not.toMatch(/"score"|"rank"/);
    expect((await app.inject({ url: '/api/v1/mgi/profiles?jurisdiction=484' })).json().items).toEqual([
      expect.objectContaining({ year: 2019, roundKind: 'baseline' }),
    ]);

    // Follow-up: starts from the baseline answers; one partial area is now in place, one in-place area regressed.
    const [improvedItem, regressedItem] = [ITEMS[1], ITEMS[3]];
    if (!improvedItem || !regressedItem) throw new Error('the example instrument has too few items');
    expect([baselineLevels.get(improvedItem.id), baselineLevels.get(regressedItem.id)]).toEqual([
      'partial',
      'in-place',
    ]);
    const followLaunched = await launch(coordinator, { jurisdiction: '484', year: 2023, startFromPrevious: true });
    expect(followLaunched.statusCode, followLaunched.body).toBe(201);
    let followUp = followLaunched.json() as AssessmentView;
    expect(followUp.roundKind).toBe('follow-up');
    followUp = await act(coordinator, followUp, { type: 'begin-data-collection' });
    followUp = await answer(
      focal,
      followUp,
      new Map([
        [improvedItem.id, 'in-place'],
        [regressedItem.id, 'absent'],
      ]),
    );
    const internalChanges = (
      await app.inject({ url: `/api/v1/mgi/assessments/${followUp.id}/changes`, headers: asUser(focal) })
    ).json() as { changes: { items: { itemId: string; change: string }[] } };
    expect(
      internalChanges.changes.items
        .filter((item) => item.change !== 'evidence-updated')
        .map((item) => [item.itemId, item.change]),
    ).toEqual([
      [improvedItem.id, 'improved'],
      [regressedItem.id, 'regressed'],
    ]);
    followUp = await act(focal, followUp, { type: 'submit-draft' });
    followUp = await act(coordinator, followUp, {
      type: 'open-consultation',
      ministries: ['Ministry of Labour'],
      invite: [{ ministry: 'Ministry of Labour', email: 'labour@example.org' }],
    });
    followUp = await act(labour, followUp, { type: 'comment', ministry: 'Ministry of Labour', body: 'Agreed' });
    followUp = await act(coordinator, followUp, { type: 'close-consultation' });
    followUp = await act(coordinator, followUp, { type: 'approve', authority: 'Council of Ministers' });
    followUp = await act(coordinator, followUp, { type: 'publish' });
    const followProfile = (await app.inject({ url: '/api/v1/mgi/profiles/484/2023' })).json() as {
      roundKind: string;
      changes: {
        since: { year: number };
        items: { itemId: string; change: string }[];
        dimensions: { dimensionId: string; becameWellDeveloped: string[]; newlyFurtherDevelopment: string[] }[];
      };
    };
    expect(followProfile.roundKind).toBe('follow-up');
    expect(followProfile.changes.since.year).toBe(2019);
    const moved = followProfile.changes.dimensions.filter(
      (dimension) => dimension.becameWellDeveloped.length + dimension.newlyFurtherDevelopment.length > 0,
    );
    expect(moved).toEqual(
      improvedItem.dimension === regressedItem.dimension
        ? [
            expect.objectContaining({
              dimensionId: improvedItem.dimension,
              becameWellDeveloped: [improvedItem.subArea],
              newlyFurtherDevelopment: [regressedItem.subArea],
            }),
          ]
        : [
            expect.objectContaining({
              dimensionId: improvedItem.dimension,
              becameWellDeveloped: [improvedItem.subArea],
              newlyFurtherDevelopment: [],
            }),
            expect.objectContaining({
              dimensionId: regressedItem.dimension,
              becameWellDeveloped: [],
              newlyFurtherDevelopment: [regressedItem.subArea],
            }),
          ],
    );
    expect(followProfile.changes.items.map((item) => [item.itemId, item.change])).toEqual([
      [improvedItem.id, 'improved'],
      [regressedItem.id, 'regressed'],
    ]);
    const history = (
      await app.inject({
        url: `/api/v1/mgi/assessments/${followUp.id}/answers/history?item=${improvedItem.id}`,
        headers: asUser(coordinator),
      })
    ).json() as { items: { optionId: string }[] };
    expect(history.items.map((entry) => entry.optionId)).toEqual(['in-place']);
  });

  it('launches city assessments on the local instrument and refuses a second round of a year', async () => {
    const city = await launch(coordinator, { jurisdiction: '484-cmx', jurisdictionName: 'Mexico City', year: 2021 });
    expect(city.statusCode, city.body).toBe(201);
    expect(city.json()).toMatchObject({
      jurisdiction: '484-CMX',
      level: 'local',
      instrument: 'mgi-local-example',
      roundKind: 'baseline',
    });
    expect(
      (await launch(coordinator, { jurisdiction: '484-CMX', jurisdictionName: 'Mexico City', year: 2021 })).statusCode,
    ).toBe(409);
    expect((await launch(coordinator, { jurisdiction: '484-GDL', year: 2021 })).json()).toMatchObject({
      status: 422,
      problems: [{ field: 'jurisdictionName' }],
    });
    expect((await launch(coordinator, { jurisdiction: '484', year: 2019, extra: 1 })).statusCode).toBe(400);
    const listed = (
      await app.inject({ url: '/api/v1/mgi/assessments?jurisdiction=484-CMX', headers: asUser(focal) })
    ).json() as { items: { year: number }[] };
    expect(listed.items.map((item) => item.year)).toEqual([2021]);
    expect(
      (await app.inject({ url: '/api/v1/mgi/assessments', headers: asUser(otherCoordinator) })).json().items,
    ).toEqual([]);
  });

  const upload = (session: SignedIn, body: string, contentType: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: asUser(session, { 'content-type': contentType }),
      payload: body,
    });

  it('runs an assessment on an official-style profile instrument loaded as JSON: its own options, profiled by sub-area', async () => {
    const file = JSON.stringify(officialStyleInstrument('mgi-official', '2024'));
    expect((await upload(coordinator, file, 'application/json')).statusCode).toBe(403);
    const loaded = await upload(admin, file, 'application/json');
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(loaded.json()).toEqual({ instrument: 'mgi-official', version: '2024' });

    const launched = await launch(coordinator, {
      jurisdiction: '484-MTY',
      jurisdictionName: 'Monterrey',
      year: 2024,
      instrument: 'mgi-official',
      instrumentVersion: '2024',
    });
    expect(launched.statusCode, launched.body).toBe(201);
    let view = launched.json() as AssessmentView;
    expect(view).toMatchObject({ instrument: 'mgi-official', instrumentVersion: '2024', level: 'local' });
    // The answer form offers the loaded instrument's own options and the level each stands for.
    expect(view.answerOptions['d3.b1']).toEqual(
      OFFICIAL_SCALE.map((option) => ({ id: option.id, label: option.label, level: OFFICIAL_LEVELS[option.id] })),
    );

    view = await act(coordinator, view, { type: 'begin-data-collection' });
    const given = { 'd1.a1': 'yes', 'd1.a2': 'partly', 'd1.b1': 'yes', 'd3.a1': 'na', 'd3.b1': 'no' };
    view = await answer(focal, view, new Map(Object.entries(given) as [string, Level][]));
    expect(view.profile.status).toBe('complete');
    const byDimension = Object.fromEntries(
      view.profile.dimensions.map((dimension) => [dimension.dimensionId, dimension]),
    );
    // A sub-area with one question only partly in place shows potential for further development (decision 0502).
    expect(byDimension.rights).toMatchObject({
      wellDeveloped: ['Family reunification'],
      furtherDevelopment: ['Access to social services'],
      notApplicable: [],
    });
    expect(byDimension.partnerships).toMatchObject({
      wellDeveloped: [],
      furtherDevelopment: ['Bilateral cooperation'],
      notApplicable: ['Regional cooperation'],
    });
    // Only the loaded instrument's options are accepted.
    await answer(focal, view, new Map([['d1.a1', 'in-place']]), 422);
  });

  it('launches on the latest version of a profile instrument loaded as YAML; a bad one is refused with its problems', async () => {
    const loaded = await upload(
      admin,
      stringify(officialStyleInstrument('mgi-official-yaml', '2025-1')),
      'application/yaml',
    );
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(
      (await upload(admin, stringify(officialStyleInstrument('mgi-official-yaml', '2025-1')), 'application/yaml'))
        .statusCode,
    ).toBe(409);
    const launched = await launch(coordinator, {
      jurisdiction: '484-PUE',
      jurisdictionName: 'Puebla',
      year: 2025,
      instrument: 'mgi-official-yaml',
    });
    expect(launched.statusCode, launched.body).toBe(201);
    expect(launched.json()).toMatchObject({ instrument: 'mgi-official-yaml', instrumentVersion: '2025-1' });

    const broken = officialStyleInstrument('mgi-broken', '1');
    broken.domains[0]!.items[0]!.scale = 'missing-scale';
    const refused = await upload(admin, JSON.stringify(broken), 'application/json');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('missing-scale');
    expect(
      (
        await launch(coordinator, {
          jurisdiction: '484-PUE',
          jurisdictionName: 'Puebla',
          year: 2026,
          instrument: 'mgi-broken',
        })
      ).statusCode,
    ).toBe(422);
  });
});
