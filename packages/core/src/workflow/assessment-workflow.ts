/**
 * The assessment workflow as data: states, actions, which role may take each action from which state,
 * and which actions need a reason. Pure: the data layer persists the result and the server checks the
 * actor's roles for the assessment's jurisdiction before calling it.
 */

/** Where an assessment stands. */
export const ASSESSMENT_STATES = ['draft', 'submitted', 'returned', 'resubmitted', 'validated', 'published'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

/** Actions that move an assessment from one state to another. */
const TRANSITION_ACTIONS = ['submit', 'return', 'resubmit', 'validate', 'publish', 'reopen'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Every action on an assessment: the transitions plus editing responses, evidence and comments. */
export const ASSESSMENT_ACTIONS = [...TRANSITION_ACTIONS, 'edit', 'comment'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/** The roles of the platform. Scopes (global, area, group) are resolved by the caller. */
export const ROLES = [
  'administrator',
  'global-analyst',
  'regional-analyst',
  'national-coordinator',
  'focal-point',
  'reviewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Where a role grant applies: everywhere, in one area (M49 or sub-national code), or in a group of areas. */
export type RoleScope = { kind: 'global' } | { kind: 'area'; area: string } | { kind: 'group'; group: string };

/** One row of the workflow table. */
export interface WorkflowRule {
  action: AssessmentAction;
  from: readonly AssessmentState[];
  /** The state after the action; undefined for actions that do not change the state. */
  to?: AssessmentState;
  roles: readonly Role[];
  reasonRequired: boolean;
}

/**
 * The workflow table. Returning and reopening need a reason because they undo someone else's work;
 * reopening a validated or published assessment starts a new draft version (publications stay).
 */
export const ASSESSMENT_WORKFLOW = {
  edit: { action: 'edit', from: ['draft', 'returned'], roles: ['focal-point', 'administrator'], reasonRequired: false },
  comment: {
    action: 'comment',
    from: ['draft', 'submitted', 'returned', 'resubmitted', 'validated', 'published'],
    roles: ['focal-point', 'reviewer', 'national-coordinator', 'administrator'],
    reasonRequired: false,
  },
  submit: {
    action: 'submit',
    from: ['draft'],
    to: 'submitted',
    roles: ['focal-point', 'administrator'],
    reasonRequired: false,
  },
  return: {
    action: 'return',
    from: ['submitted', 'resubmitted'],
    to: 'returned',
    roles: ['reviewer', 'administrator'],
    reasonRequired: true,
  },
  resubmit: {
    action: 'resubmit',
    from: ['returned'],
    to: 'resubmitted',
    roles: ['focal-point', 'administrator'],
    reasonRequired: false,
  },
  validate: {
    action: 'validate',
    from: ['submitted', 'resubmitted'],
    to: 'validated',
    roles: ['reviewer', 'national-coordinator', 'administrator'],
    reasonRequired: false,
  },
  publish: {
    action: 'publish',
    from: ['validated'],
    to: 'published',
    roles: ['national-coordinator', 'administrator'],
    reasonRequired: false,
  },
  reopen: {
    action: 'reopen',
    from: ['validated', 'published'],
    to: 'draft',
    roles: ['national-coordinator', 'administrator'],
    reasonRequired: true,
  },
} as const satisfies { [Action in AssessmentAction]: WorkflowRule & { action: Action } };

/** Why an action is refused. `incomplete` is for callers that also check the responses (publishing needs every answer). */
export type WorkflowRefusal =
  'unknown-action' | 'not-allowed-in-state' | 'role-not-permitted' | 'reason-required' | 'incomplete';

export type WorkflowDecision =
  | { ok: true; action: AssessmentAction; from: AssessmentState; to: AssessmentState }
  | { ok: false; action: string; from: AssessmentState; refusal: WorkflowRefusal; message: string };

/** What the caller knows about the attempt. `roles` undefined skips the role check (the caller already checked). */
export interface WorkflowAttempt {
  state: AssessmentState;
  action: string;
  roles?: readonly Role[];
  reason?: string | undefined;
}

function isAction(action: string): action is AssessmentAction {
  return (ASSESSMENT_ACTIONS as readonly string[]).includes(action);
}

/** Decide whether an action may be taken: state first, then role, then reason. */
export function decideAssessmentAction(attempt: WorkflowAttempt): WorkflowDecision {
  const { state, action, roles, reason } = attempt;
  if (!isAction(action)) {
    return {
      ok: false,
      action,
      from: state,
      refusal: 'unknown-action',
      message: `unknown action "${action}" (actions: ${ASSESSMENT_ACTIONS.join(', ')})`,
    };
  }
  const rule: WorkflowRule = ASSESSMENT_WORKFLOW[action];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      action,
      from: state,
      refusal: 'not-allowed-in-state',
      message: `cannot ${action} an assessment that is ${state}; ${action} is allowed from ${rule.from.join(', ')}`,
    };
  }
  if (roles && !roles.some((role) => rule.roles.includes(role))) {
    return {
      ok: false,
      action,
      from: state,
      refusal: 'role-not-permitted',
      message: `${action} needs one of the roles ${rule.roles.join(', ')}; the actor has ${roles.length > 0 ? roles.join(', ') : 'no role'} here`,
    };
  }
  if (rule.reasonRequired && (reason === undefined || reason.trim() === '')) {
    return {
      ok: false,
      action,
      from: state,
      refusal: 'reason-required',
      message: `${action} needs a reason (why the assessment goes back)`,
    };
  }
  return { ok: true, action, from: state, to: rule.to ?? state };
}

/** The actions a holder of `roles` may take on an assessment in `state` (reasons not considered). */
export function availableAssessmentActions(state: AssessmentState, roles: readonly Role[]): AssessmentAction[] {
  return ASSESSMENT_ACTIONS.filter((action) => {
    const rule: WorkflowRule = ASSESSMENT_WORKFLOW[action];
    return rule.from.includes(state) && roles.some((role) => rule.roles.includes(role));
  });
}

/** Whether responses and evidence can be changed in this state. */
export function isEditableState(state: AssessmentState): boolean {
  return (ASSESSMENT_WORKFLOW.edit.from as readonly AssessmentState[]).includes(state);
}
