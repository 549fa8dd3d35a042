import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019 } from '@migov/core';
import { createAssessment, createRound, type MigovDatabase } from '@migov/db';
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

const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));
const MEXICO = { kind: 'area' as const, area: '484' };

interface ViewWithLastSave {
  assessment: { lockVersion: number; state: string };
  availableActions: string[];
  lastSave?: { at: string; by?: string };
}

describe.each(DIALECTS)('who is working on an assessment (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let coordinator: SignedIn;
  let focal: SignedIn;
  let admin: SignedIn;
  let id: string;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    const creator = await createTestUser(
      db,
      'coordinator@example.org',
      [{ role: 'national-coordinator', scope: MEXICO }],
      'Carla Coordinator',
    );
    await createTestUser(db, 'focal@example.org', [{ role: 'focal-point', scope: MEXICO }], 'Femi Focal');
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }], 'Ada Admin');
    const round = await createRound(db, {
      year: 2023,
      instrument: 'sdg-10-7-2',
      version: '2019',
      opensOn: '2023-01-01',
      closesOn: '2099-12-31',
    });
    id = (await createAssessment(db, { jurisdiction: '484', roundId: round.id }, creator.id)).id;
    coordinator = await signIn(app, 'coordinator@example.org');
    focal = await signIn(app, 'focal@example.org');
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  async function read(as: SignedIn): Promise<ViewWithLastSave> {
    const response = await app.inject({ url: `/api/v1/assessments/${id}`, headers: asUser(as) });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function save(as: SignedIn, changes: { itemId: string; optionId?: string; comment?: string }[]) {
    const { assessment } = await read(as);
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}/responses`,
      headers: asUser(as, { 'if-match': `"${assessment.lockVersion}"` }),
      payload: { changes },
    });
    expect(response.statusCode).toBe(200);
  }

  it('has no last save on a new draft, and the coordinator may read but not edit it', async () => {
    const view = await read(coordinator);
    expect(view.assessment.state).toBe('draft');
    expect(view.lastSave).toBeUndefined();
    expect(view.availableActions).not.toContain('edit');
  });

  it('names the focal point who saved last, with the time of the save in the history, to a reader who cannot edit', async () => {
    await save(focal, [{ itemId: ITEMS[0]!, optionId: 'yes-regardless' }]);
    const view = await read(coordinator);
    const history = (
      await app.inject({ url: `/api/v1/assessments/${id}/history`, headers: asUser(coordinator) })
    ).json() as { items: { action: string; at: string }[] };
    expect(view.lastSave).toEqual({ at: history.items.at(-1)!.at, by: 'Femi Focal' });
    expect(history.items.at(-1)!.action).toBe('save');
  });

  it('counts evidence as work and ignores workflow steps', async () => {
    const link = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/evidence-links`,
      headers: asUser(admin),
      payload: { itemId: ITEMS[1], title: 'Migration law', url: 'https://example.org/law' },
    });
    expect(link.statusCode).toBe(201);
    const afterEvidence = await read(coordinator);
    expect(afterEvidence.lastSave?.by).toBe('Ada Admin');

    await save(
      focal,
      ITEMS.map((itemId) => ({ itemId, optionId: itemId.startsWith('1') ? 'yes-regardless' : 'yes' })),
    );
    const saved = (await read(focal)).lastSave;
    expect(saved?.by).toBe('Femi Focal');
    const { assessment } = await read(focal);
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/submit`,
      headers: asUser(focal, { 'if-match': `"${assessment.lockVersion}"` }),
      payload: {},
    });
    expect(submitted.statusCode).toBe(200);
    const view = await read(coordinator);
    expect(view.assessment.state).toBe('submitted');
    expect(view.lastSave).toEqual(saved);
  });
});
