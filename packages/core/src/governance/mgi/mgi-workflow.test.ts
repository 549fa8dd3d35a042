import { describe, expect, it } from 'vitest';
import {
  applyMgiAction,
  availableMgiActions,
  ministriesWithoutComment,
  startMgiProcess,
  type MgiProcess,
  type MgiProcessAction,
} from './mgi-workflow.ts';

const at = (day: number) => `2024-03-${String(day).padStart(2, '0')}T10:00:00Z`;

function apply(process: MgiProcess, action: MgiProcessAction): MgiProcess {
  const decision = applyMgiAction(process, action);
  if (!decision.ok) throw new Error(decision.message);
  return decision.process;
}

const MINISTRIES = ['Ministry of Labour', 'Ministry of Foreign Affairs'];

function inConsultation(): MgiProcess {
  let process = startMgiProcess({ jurisdiction: '484', year: 2024, roundKind: 'follow-up' });
  process = apply(process, { type: 'begin-data-collection', actor: 'iom-1', at: at(1) });
  process = apply(process, { type: 'submit-draft', actor: 'iom-1', at: at(2) });
  return apply(process, { type: 'open-consultation', ministries: MINISTRIES, actor: 'focal-1', at: at(3) });
}

describe('applyMgiAction', () => {
  it('goes from launch to publication with comments from two ministries', () => {
    let process = inConsultation();
    process = apply(process, {
      type: 'comment',
      ministry: 'Ministry of Labour',
      body: 'Add the 2023 labour migration decree.',
      itemId: '4.1',
      actor: 'lab-1',
      at: at(4),
    });
    process = apply(process, {
      type: 'comment',
      ministry: 'Ministry of Foreign Affairs',
      body: 'Consular crisis unit exists since 2021.',
      actor: 'mfa-1',
      at: at(5),
    });
    process = apply(process, { type: 'close-consultation', actor: 'focal-1', at: at(6) });
    process = apply(process, {
      type: 'approve',
      authority: 'Council of Ministers',
      reference: 'Decision 12/2024',
      actor: 'gov-1',
      at: at(7),
    });
    process = apply(process, { type: 'publish', url: 'https://example.org/profile', actor: 'iom-1', at: at(8) });
    expect(process.state).toBe('published');
    expect(process.history.map((event) => event.to)).toEqual([
      'data-collection',
      'draft-profile',
      'inter-ministerial-consultation',
      'inter-ministerial-consultation',
      'inter-ministerial-consultation',
      'government-approval',
      'government-approval',
      'published',
    ]);
    expect(process.comments.map((comment) => [comment.ministry, comment.consultation])).toEqual([
      ['Ministry of Labour', 1],
      ['Ministry of Foreign Affairs', 1],
    ]);
    expect(process.approval).toEqual({
      authority: 'Council of Ministers',
      reference: 'Decision 12/2024',
      actor: 'gov-1',
      at: at(7),
    });
  });

  it('keeps the consultation open until every invited ministry has commented', () => {
    const process = apply(inConsultation(), {
      type: 'comment',
      ministry: 'Ministry of Labour',
      body: 'No objection.',
      actor: 'lab-1',
      at: at(4),
    });
    expect(ministriesWithoutComment(process)).toEqual(['Ministry of Foreign Affairs']);
    expect(applyMgiAction(process, { type: 'close-consultation', actor: 'focal-1', at: at(6) })).toEqual({
      ok: false,
      refusal: 'consultation-incomplete',
      message: 'the consultation waits for comments from Ministry of Foreign Affairs',
    });
  });

  it('refuses comments from a ministry that is not invited, and empty comments', () => {
    const process = inConsultation();
    expect(
      applyMgiAction(process, { type: 'comment', ministry: 'Ministry of Health', body: 'x', actor: 'h', at: at(4) }),
    ).toMatchObject({ ok: false, refusal: 'unknown-ministry' });
    expect(
      applyMgiAction(process, { type: 'comment', ministry: 'Ministry of Labour', body: '  ', actor: 'h', at: at(4) }),
    ).toMatchObject({ ok: false, refusal: 'missing-field' });
  });

  it('refuses actions out of order and publication without approval', () => {
    const start = startMgiProcess({ jurisdiction: '484-CMX', year: 2024, roundKind: 'baseline' });
    expect(applyMgiAction(start, { type: 'publish', actor: 'a', at: at(1) })).toEqual({
      ok: false,
      refusal: 'not-allowed-in-state',
      message: 'cannot publish while the process is at launch; publish is allowed at government-approval',
    });
    let process = apply(inConsultation(), {
      type: 'comment',
      ministry: 'Ministry of Labour',
      body: 'ok',
      actor: 'l',
      at: at(4),
    });
    process = apply(process, {
      type: 'comment',
      ministry: 'Ministry of Foreign Affairs',
      body: 'ok',
      actor: 'm',
      at: at(4),
    });
    process = apply(process, { type: 'close-consultation', actor: 'f', at: at(5) });
    expect(applyMgiAction(process, { type: 'publish', actor: 'a', at: at(6) })).toMatchObject({
      ok: false,
      refusal: 'not-approved',
    });
  });

  it('sends a draft back with a reason and starts a second consultation', () => {
    let process = apply(inConsultation(), {
      type: 'comment',
      ministry: 'Ministry of Labour',
      body: 'Wrong figures.',
      actor: 'l',
      at: at(4),
    });
    expect(applyMgiAction(process, { type: 'revise-draft', reason: '', actor: 'f', at: at(5) })).toMatchObject({
      ok: false,
      refusal: 'missing-field',
    });
    process = apply(process, { type: 'revise-draft', reason: 'Labour figures corrected', actor: 'f', at: at(5) });
    expect(process.state).toBe('draft-profile');
    process = apply(process, { type: 'open-consultation', ministries: ['Ministry of Labour'], actor: 'f', at: at(6) });
    expect(process.consultation).toBe(2);
    expect(ministriesWithoutComment(process)).toEqual(['Ministry of Labour']);
    expect(process.comments).toHaveLength(1);
  });

  it("checks the actor's roles when given", () => {
    const process = inConsultation();
    const close = { type: 'close-consultation' as const, actor: 'f', at: at(6) };
    expect(applyMgiAction(process, close, { roles: ['focal-point'] })).toMatchObject({
      ok: false,
      refusal: 'role-not-permitted',
    });
    expect(
      applyMgiAction(
        process,
        { type: 'comment', ministry: 'Ministry of Labour', body: 'ok', actor: 'l', at: at(4) },
        { roles: ['reviewer'] },
      ).ok,
    ).toBe(true);
  });

  it('leaves the process unchanged when an action is refused', () => {
    const process = inConsultation();
    const copy = structuredClone(process);
    applyMgiAction(process, { type: 'close-consultation', actor: 'f', at: at(6) });
    expect(process).toEqual(copy);
  });
});

describe('availableMgiActions', () => {
  it('lists the actions of each state', () => {
    expect(availableMgiActions('launch')).toEqual(['begin-data-collection']);
    expect(availableMgiActions('government-approval')).toEqual(['revise-draft', 'approve', 'publish']);
    expect(availableMgiActions('published')).toEqual([]);
  });
});
