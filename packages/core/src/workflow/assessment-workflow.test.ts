import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATES,
  ROLES,
  availableAssessmentActions,
  decideAssessmentAction,
  isEditableState,
  type AssessmentAction,
  type AssessmentState,
  type Role,
} from './assessment-workflow.ts';

// The expected workflow, written out independently of the implementation's table:
// [action, from, to, roles allowed, reason required]
const EXPECTED: [AssessmentAction, AssessmentState, AssessmentState, Role[], boolean][] = [
  ['edit', 'draft', 'draft', ['focal-point', 'administrator'], false],
  ['edit', 'returned', 'returned', ['focal-point', 'administrator'], false],
  ['submit', 'draft', 'submitted', ['focal-point', 'administrator'], false],
  ['return', 'submitted', 'returned', ['reviewer', 'administrator'], true],
  ['return', 'resubmitted', 'returned', ['reviewer', 'administrator'], true],
  ['resubmit', 'returned', 'resubmitted', ['focal-point', 'administrator'], false],
  ['validate', 'submitted', 'validated', ['reviewer', 'national-coordinator', 'administrator'], false],
  ['validate', 'resubmitted', 'validated', ['reviewer', 'national-coordinator', 'administrator'], false],
  ['publish', 'validated', 'published', ['national-coordinator', 'administrator'], false],
  ['reopen', 'validated', 'draft', ['national-coordinator', 'administrator'], true],
  ['reopen', 'published', 'draft', ['national-coordinator', 'administrator'], true],
  ...ASSESSMENT_STATES.map(
    (state) =>
      ['comment', state, state, ['focal-point', 'reviewer', 'national-coordinator', 'administrator'], false] as [
        AssessmentAction,
        AssessmentState,
        AssessmentState,
        Role[],
        boolean,
      ],
  ),
];

const cases = ASSESSMENT_STATES.flatMap((state) =>
  ASSESSMENT_ACTIONS.flatMap((action) => ROLES.map((role) => ({ state, action, role }))),
);

describe('decideAssessmentAction', () => {
  it.each(cases)('$action from $state by $role follows the workflow table', ({ state, action, role }) => {
    const expected = EXPECTED.find(([expectedAction, from]) => expectedAction === action && from === state);
    const decision = decideAssessmentAction({
      state,
      action,
      roles: [role],
      reason: 'because the evidence is missing',
    });
    if (!expected) {
      expect(decision).toMatchObject({ ok: false, refusal: 'not-allowed-in-state' });
    } else if (!expected[3].includes(role)) {
      expect(decision).toMatchObject({ ok: false, refusal: 'role-not-permitted' });
    } else {
      expect(decision).toEqual({ ok: true, action, from: state, to: expected[2] });
    }
  });

  it.each(EXPECTED.filter((row) => row[4]))('requires a reason to %s from %s', (action, state, _to, roles) => {
    for (const reason of [undefined, '', '   ']) {
      const decision = decideAssessmentAction({ state, action, roles, reason });
      expect(decision).toMatchObject({ ok: false, refusal: 'reason-required' });
    }
  });

  it.each(EXPECTED.filter((row) => !row[4]))('does not require a reason to %s from %s', (action, state, to, roles) => {
    expect(decideAssessmentAction({ state, action, roles })).toEqual({ ok: true, action, from: state, to });
  });

  it('names the state, the action and the allowed states when refusing', () => {
    const decision = decideAssessmentAction({ state: 'published', action: 'submit', roles: ['administrator'] });
    expect(decision.ok).toBe(false);
    if (!decision.ok)
      expect(decision.message).toBe('cannot submit an assessment that is published; submit is allowed from draft');
  });

  it('names the roles needed and held when refusing a role', () => {
    const decision = decideAssessmentAction({
      state: 'validated',
      action: 'publish',
      roles: ['reviewer', 'focal-point'],
    });
    expect(decision).toMatchObject({ ok: false, refusal: 'role-not-permitted' });
    if (!decision.ok) expect(decision.message).toContain('national-coordinator, administrator');
  });

  it('refuses an actor without roles and an unknown action', () => {
    expect(decideAssessmentAction({ state: 'draft', action: 'submit', roles: [] })).toMatchObject({
      ok: false,
      refusal: 'role-not-permitted',
    });
    expect(decideAssessmentAction({ state: 'draft', action: 'approve' })).toMatchObject({
      ok: false,
      refusal: 'unknown-action',
    });
  });

  it('skips the role check when no roles are given', () => {
    expect(decideAssessmentAction({ state: 'draft', action: 'submit' })).toEqual({
      ok: true,
      action: 'submit',
      from: 'draft',
      to: 'submitted',
    });
  });
});

describe('availableAssessmentActions', () => {
  it('lists what a focal point may do on a returned assessment', () => {
    expect(availableAssessmentActions('returned', ['focal-point'])).toEqual(['resubmit', 'edit', 'comment']);
  });

  it('gives analysts nothing to do', () => {
    for (const state of ASSESSMENT_STATES)
      expect(availableAssessmentActions(state, ['global-analyst', 'regional-analyst'])).toEqual([]);
  });
});

describe('isEditableState', () => {
  it('allows edits only in draft and returned', () => {
    expect(ASSESSMENT_STATES.filter(isEditableState)).toEqual(['draft', 'returned']);
  });
});
