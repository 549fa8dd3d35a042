import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019 } from '@migov/core';
import type { MigovDatabase } from '@migov/db';
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

const ITEMS = SDG_10_7_2_V2019.domains.flatMap((domain) => domain.items.map((item) => item.id));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function multipart(
  fields: Record<string, string>,
  file: { name: string; filename: string; bytes: Buffer; type: string },
) {
  const boundary = '----migovtest';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)('the assessment workflow through the API (%s)', (dialect) => {
  let db: MigovDatabase;
  let drop: () => Promise<void>;
  let app: MigovApp;
  let admin: SignedIn;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(dialect));
    app = await createTestApp(db);
    await createTestUser(db, 'admin@example.org', [{ role: 'administrator', scope: { kind: 'global' } }]);
    admin = await signIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  async function invite(email: string, role: string, area: string): Promise<SignedIn> {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asUser(admin),
      payload: { email, role, scope: { kind: 'area', area } },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: invitationToken(invited), name: role, password: 'a long enough password' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return signIn(app, email, 'a long enough password');
  }

  it('takes an assessment from draft to published, with evidence and a return, all in the history', async () => {
    const round = await app.inject({
      method: 'POST',
      url: '/api/v1/rounds',
      headers: asUser(admin),
      // Entered late: the round stays open until 2099 (closed rounds are tested in rounds.routes.test.ts).
      payload: { year: 2019, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2019-01-01', closesOn: '2099-12-31' },
    });
    expect(round.statusCode, round.body).toBe(201);
    const focalPoint = await invite('fp@mx.example.org', 'focal-point', '484');
    const reviewer = await invite('reviewer@example.org', 'reviewer', '484');
    const coordinator = await invite('nc@mx.example.org', 'national-coordinator', '484');

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: asUser(coordinator),
      payload: { jurisdiction: '484', roundId: round.json().id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().assessment.id as string;
    let etag = created.headers.etag as string;

    const noPrecondition = await app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}/responses`,
      headers: asUser(focalPoint),
      payload: { changes: [{ itemId: '1a', optionId: 'no' }] },
    });
    expect(noPrecondition.statusCode).toBe(428);

    const saved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}/responses`,
      headers: asUser(focalPoint, { 'if-match': etag }),
      payload: {
        changes: ITEMS.map((itemId) => ({ itemId, optionId: itemId.startsWith('1') ? 'yes-legal-only' : 'yes' })),
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().scores.status).toBe('scored');
    etag = saved.headers.etag as string;

    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}/responses`,
      headers: asUser(focalPoint, { 'if-match': created.headers.etag as string }),
      payload: { changes: [{ itemId: '1a', optionId: 'no' }] },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit-conflict', current: { lockVersion: Number(JSON.parse(etag)) } });

    const upload = multipart(
      { itemId: '1a', title: 'Health law' },
      { name: 'file', filename: 'health-law.pdf', bytes: PDF, type: 'application/pdf' },
    );
    const evidence = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/evidence`,
      headers: { ...asUser(focalPoint), ...upload.headers },
      payload: upload.payload,
    });
    expect(evidence.statusCode, evidence.body).toBe(201);
    const link = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/evidence-links`,
      headers: asUser(focalPoint),
      payload: { itemId: '2a', title: 'Ministry page', url: 'https://example.org/policy' },
    });
    expect(link.statusCode, link.body).toBe(201);
    const download = await app.inject({
      url: `/api/v1/assessments/${id}/evidence/${evidence.json().id}/file`,
      headers: { cookie: reviewer.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');

    etag = (await app.inject({ url: `/api/v1/assessments/${id}`, headers: { cookie: focalPoint.cookie } })).headers
      .etag as string;
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/submit`,
      headers: asUser(focalPoint, { 'if-match': etag }),
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().assessment.state).toBe('submitted');

    const noReason = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/return`,
      headers: asUser(reviewer, { 'if-match': submitted.headers.etag as string }),
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    const comment = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/comments`,
      headers: asUser(reviewer),
      payload: { itemId: '3a', body: 'Please cite the decree.' },
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const returned = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/return`,
      headers: asUser(reviewer, { 'if-match': submitted.headers.etag as string }),
      payload: { reason: 'Item 3a needs a source' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().assessment.state).toBe('returned');

    const fixed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/assessments/${id}/responses`,
      headers: asUser(focalPoint, { 'if-match': returned.headers.etag as string }),
      payload: { changes: [{ itemId: '3a', optionId: 'no', comment: 'Decree 12/2018 not in force' }] },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/resubmit`,
      headers: asUser(focalPoint, { 'if-match': fixed.headers.etag as string }),
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    const focalPointPublishes = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/validate`,
      headers: asUser(focalPoint, { 'if-match': resubmitted.headers.etag as string }),
    });
    expect(focalPointPublishes.statusCode).toBe(403);
    const validated = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/validate`,
      headers: asUser(reviewer, { 'if-match': resubmitted.headers.etag as string }),
    });
    expect(validated.statusCode, validated.body).toBe(200);
    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/publish`,
      headers: asUser(coordinator, { 'if-match': validated.headers.etag as string }),
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().assessment.state).toBe('published');

    const full = await app.inject({ url: `/api/v1/assessments/${id}`, headers: { cookie: focalPoint.cookie } });
    expect(full.json().evidence).toHaveLength(2);
    expect(full.json().comments).toMatchObject([{ itemId: '3a', body: 'Please cite the decree.' }]);
    const history = await app.inject({
      url: `/api/v1/assessments/${id}/history`,
      headers: { cookie: focalPoint.cookie },
    });
    const actions = (history.json().items as { action: string }[]).map((entry) => entry.action);
    for (const action of ['create', 'save', 'evidence.add', 'submit', 'return', 'resubmit', 'validate', 'publish'])
      expect(actions).toContain(action);
    const returnEntry = (history.json().items as { action: string; reason?: string }[]).find(
      (entry) => entry.action === 'return',
    );
    expect(returnEntry?.reason).toBe('Item 3a needs a source');

    const publicResults = await app.inject({ url: '/api/v1/published/2019' });
    expect(publicResults.statusCode).toBe(200);
    const row = (
      publicResults.json().items as { jurisdiction: string; domains: { code: string; category?: number }[] }[]
    ).find((item) => item.jurisdiction === '484');
    expect(row?.domains.find((domain) => domain.code === 'DOMAIN1')?.category).toBeDefined();
    const again = await app.inject({
      url: '/api/v1/published/2019',
      headers: { 'if-none-match': publicResults.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const csv = await app.inject({ url: '/api/v1/downloads/2019/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('SG_CPA_MIGRS');
    const aggregates = await app.inject({ url: '/api/v1/aggregates/2019' });
    expect(aggregates.statusCode).toBe(200);
    const world = (
      aggregates.json().computed as { area: string; domain: string; coverage: { responding: number } }[]
    ).find((entry) => entry.area === '1' && entry.domain === 'ALLDOMAINS');
    expect(world?.coverage.responding).toBe(1);
    const latinAmerica = await app.inject({ url: '/api/v1/aggregates/2019?group=419' });
    expect((latinAmerica.json().computed as { area: string }[]).every((entry) => entry.area === '419')).toBe(true);
    expect((await app.inject({ url: '/api/v1/aggregates/2019?group=nowhere' })).statusCode).toBe(404);
    for (const format of ['xlsx', 'sdmx-csv', 'sdmx-ml', 'json'])
      expect((await app.inject({ url: `/api/v1/downloads/2019/${format}` })).statusCode, format).toBe(200);

    const reopenWithoutReason = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/reopen`,
      headers: asUser(coordinator, { 'if-match': published.headers.etag as string }),
      payload: { reason: ' ' },
    });
    expect(reopenWithoutReason.statusCode).toBe(400);
    const reopened = await app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/reopen`,
      headers: asUser(coordinator, { 'if-match': published.headers.etag as string }),
      payload: { reason: 'Correction of item 6e' },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().assessment.state).toBe('draft');
    const stillPublished = await app.inject({ url: `/api/v1/published/2019/484` });
    expect(stillPublished.json().items).toHaveLength(1);
  });

  it('lets exactly one of many concurrent saves on one version win; the others get 409 with the current state', async () => {
    const round = await app.inject({
      method: 'POST',
      url: '/api/v1/rounds',
      headers: asUser(admin),
      payload: { year: 2021, instrument: 'sdg-10-7-2', version: '2019', opensOn: '2021-01-01', closesOn: '2099-12-31' },
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: asUser(admin),
      payload: { jurisdiction: '76', roundId: round.json().id },
    });
    const id = created.json().assessment.id as string;
    const etag = created.headers.etag as string;
    const responses = await Promise.all(
      ITEMS.slice(0, 20).map((itemId) =>
        app.inject({
          method: 'PATCH',
          url: `/api/v1/assessments/${id}/responses`,
          headers: asUser(admin, { 'if-match': etag }),
          payload: { changes: [{ itemId, comment: `by ${itemId}` }] },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const winner = responses.find((response) => response.statusCode === 200)!;
    for (const loser of responses.filter((response) => response.statusCode === 409))
      expect(loser.json().current.lockVersion).toBe(winner.json().assessment.lockVersion);
  });
});
