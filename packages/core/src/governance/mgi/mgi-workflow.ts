/**
 * The process of an MGI-style assessment as a pure state machine: launch (briefing of government),
 * data collection, draft profile, inter-ministerial consultation on the draft (comments from the
 * invited ministries), government approval, publication. Every action is appended to the history;
 * nothing is removed, and a refused action changes nothing and says why.
 */
import type { Role } from '../../workflow/assessment-workflow.ts';
import type { MgiRoundKind } from './mgi-profile.ts';

/** Where an MGI-style assessment stands, in process order. */
export type MgiProcessState =
  | 'launch'
  | 'data-collection'
  | 'draft-profile'
  | 'inter-ministerial-consultation'
  | 'government-approval'
  | 'published';

/** What can be done to the process. */
const MGI_PROCESS_ACTIONS = [
  'begin-data-collection',
  'submit-draft',
  'open-consultation',
  'comment',
  'close-consultation',
  'revise-draft',
  'approve',
  'publish',
] as const;
export type MgiProcessActionType = (typeof MGI_PROCESS_ACTIONS)[number];

interface ActionBase {
  /** Who acts (user id). */
  actor: string;
  /** When (ISO date-time). */
  at: string;
}

/** An action with what it needs. */
export type MgiProcessAction =
  | (ActionBase & { type: 'begin-data-collection' })
  | (ActionBase & { type: 'submit-draft' })
  | (ActionBase & { type: 'open-consultation'; ministries: readonly string[] })
  | (ActionBase & { type: 'comment'; ministry: string; body: string; itemId?: string })
  | (ActionBase & { type: 'close-consultation' })
  | (ActionBase & { type: 'revise-draft'; reason: string })
  | (ActionBase & { type: 'approve'; authority: string; reference?: string })
  | (ActionBase & { type: 'publish'; url?: string });

/** A ministry's comment on the draft profile. */
interface MinistryComment {
  /** 1 for the first consultation, 2 after a revision, … */
  consultation: number;
  ministry: string;
  body: string;
  itemId?: string;
  actor: string;
  at: string;
}

/** One entry of the process history. */
interface MgiProcessEvent {
  action: MgiProcessAction;
  from: MgiProcessState;
  to: MgiProcessState;
}

/** An MGI-style assessment's process. */
export interface MgiProcess {
  jurisdiction: string;
  year: number;
  roundKind: MgiRoundKind;
  state: MgiProcessState;
  /** The number of the current (or last) consultation; 0 before the first. */
  consultation: number;
  /** Ministries invited to the current (or last) consultation. */
  ministries: readonly string[];
  comments: readonly MinistryComment[];
  approval?: { authority: string; reference?: string; actor: string; at: string };
  publication?: { url?: string; actor: string; at: string };
  history: readonly MgiProcessEvent[];
}

/** Why an action is refused. */
export type MgiProcessRefusal =
  | 'not-allowed-in-state'
  | 'role-not-permitted'
  | 'missing-field'
  | 'unknown-ministry'
  | 'consultation-incomplete'
  | 'not-approved'
  | 'already-approved';

/** The result of an action: the new process, or the refusal and why (the old process is unchanged). */
export type MgiProcessDecision =
  { ok: true; process: MgiProcess } | { ok: false; refusal: MgiProcessRefusal; message: string };

/** From which states each action is allowed, and where it leads (undefined: the state stays). */
const MGI_PROCESS_RULES = {
  'begin-data-collection': { from: ['launch'], to: 'data-collection' },
  'submit-draft': { from: ['data-collection'], to: 'draft-profile' },
  'open-consultation': { from: ['draft-profile'], to: 'inter-ministerial-consultation' },
  comment: { from: ['inter-ministerial-consultation'] },
  'close-consultation': { from: ['inter-ministerial-consultation'], to: 'government-approval' },
  'revise-draft': { from: ['inter-ministerial-consultation', 'government-approval'], to: 'draft-profile' },
  approve: { from: ['government-approval'] },
  publish: { from: ['government-approval'], to: 'published' },
} as const satisfies Record<MgiProcessActionType, { from: readonly MgiProcessState[]; to?: MgiProcessState }>;

/**
 * Which platform roles may take each action. Ministries comment through the accounts the national
 * coordinator gives them (focal points or reviewers of the jurisdiction); the coordinator steers the
 * process and records the government's approval.
 */
export const MGI_PROCESS_ROLES = {
  'begin-data-collection': ['national-coordinator', 'administrator'],
  'submit-draft': ['focal-point', 'national-coordinator', 'administrator'],
  'open-consultation': ['national-coordinator', 'administrator'],
  comment: ['focal-point', 'reviewer', 'national-coordinator', 'administrator'],
  'close-consultation': ['national-coordinator', 'administrator'],
  'revise-draft': ['focal-point', 'national-coordinator', 'administrator'],
  approve: ['national-coordinator', 'administrator'],
  publish: ['national-coordinator', 'administrator'],
} as const satisfies Record<MgiProcessActionType, readonly Role[]>;

/** Start the process of a round: it begins at launch. */
export function startMgiProcess(round: { jurisdiction: string; year: number; roundKind: MgiRoundKind }): MgiProcess {
  return { ...round, state: 'launch', consultation: 0, ministries: [], comments: [], history: [] };
}

const blank = (text: string | undefined) => text === undefined || text.trim() === '';
const refuse = (refusal: MgiProcessRefusal, message: string): MgiProcessDecision => ({ ok: false, refusal, message });

/** Ministries of the current consultation that have not commented yet. */
export function ministriesWithoutComment(process: MgiProcess): string[] {
  const commented = new Set(
    process.comments
      .filter((comment) => comment.consultation === process.consultation)
      .map((comment) => comment.ministry),
  );
  return process.ministries.filter((ministry) => !commented.has(ministry));
}

function checkAction(
  process: MgiProcess,
  action: MgiProcessAction,
  roles: readonly Role[] | undefined,
): MgiProcessDecision | undefined {
  const rule: { from: readonly MgiProcessState[] } = MGI_PROCESS_RULES[action.type];
  if (!rule.from.includes(process.state)) {
    return refuse(
      'not-allowed-in-state',
      `cannot ${action.type} while the process is at ${process.state}; ${action.type} is allowed at ${rule.from.join(', ')}`,
    );
  }
  const permitted: readonly Role[] = MGI_PROCESS_ROLES[action.type];
  if (roles && !roles.some((role) => permitted.includes(role))) {
    return refuse(
      'role-not-permitted',
      `${action.type} needs one of the roles ${permitted.join(', ')}; the actor has ${roles.length > 0 ? roles.join(', ') : 'no role'} here`,
    );
  }
  if (blank(action.actor)) return refuse('missing-field', `${action.type} needs an actor`);
  if (blank(action.at) || Number.isNaN(Date.parse(action.at)))
    return refuse('missing-field', `${action.type} needs a date-time "at" (got ${JSON.stringify(action.at)})`);
  switch (action.type) {
    case 'open-consultation': {
      const names = action.ministries.map((ministry) => ministry.trim());
      if (names.length === 0 || names.some((name) => name === ''))
        return refuse('missing-field', 'open-consultation needs at least one ministry, each with a name');
      if (new Set(names).size !== names.length)
        return refuse('missing-field', `open-consultation lists a ministry twice: ${names.join(', ')}`);
      return undefined;
    }
    case 'comment':
      if (!process.ministries.includes(action.ministry)) {
        return refuse(
          'unknown-ministry',
          `"${action.ministry}" is not invited to this consultation (invited: ${process.ministries.join(', ')})`,
        );
      }
      if (blank(action.body)) return refuse('missing-field', 'comment needs a body');
      return undefined;
    case 'close-consultation': {
      const waiting = ministriesWithoutComment(process);
      if (waiting.length > 0)
        return refuse('consultation-incomplete', `the consultation waits for comments from ${waiting.join(', ')}`);
      return undefined;
    }
    case 'revise-draft':
      return blank(action.reason)
        ? refuse('missing-field', 'revise-draft needs a reason (why the draft goes back)')
        : undefined;
    case 'approve':
      if (process.approval)
        return refuse('already-approved', `the profile was already approved by ${process.approval.authority}`);
      return blank(action.authority) ? refuse('missing-field', 'approve needs the approving authority') : undefined;
    case 'publish':
      return process.approval
        ? undefined
        : refuse('not-approved', 'publish needs the government approval first (approve)');
    default:
      return undefined;
  }
}

/**
 * Apply an action to the process: a new process with the action in its history, or a refusal.
 * `roles` are the actor's roles for the jurisdiction; without them the role check is left to the caller.
 * @example applyMgiAction(process, { type: 'comment', ministry: 'Ministry of Labour', body: '…', actor: 'u1', at: '2024-03-01T10:00:00Z' })
 */
export function applyMgiAction(
  process: MgiProcess,
  action: MgiProcessAction,
  options: { roles?: readonly Role[] } = {},
): MgiProcessDecision {
  const refusal = checkAction(process, action, options.roles);
  if (refusal) return refusal;
  const rule = MGI_PROCESS_RULES[action.type];
  const to: MgiProcessState = 'to' in rule ? rule.to : process.state;
  const next: MgiProcess = {
    ...process,
    state: to,
    history: [...process.history, { action, from: process.state, to }],
  };
  switch (action.type) {
    case 'open-consultation':
      return {
        ok: true,
        process: {
          ...next,
          consultation: process.consultation + 1,
          ministries: action.ministries.map((ministry) => ministry.trim()),
        },
      };
    case 'comment': {
      const comment: MinistryComment = {
        consultation: process.consultation,
        ministry: action.ministry,
        body: action.body,
        ...(action.itemId ? { itemId: action.itemId } : {}),
        actor: action.actor,
        at: action.at,
      };
      return { ok: true, process: { ...next, comments: [...process.comments, comment] } };
    }
    case 'revise-draft': {
      // A revised draft needs a new approval; the earlier one stays in the history.
      const { approval: _approval, ...rest } = next;
      return { ok: true, process: rest };
    }
    case 'approve':
      return {
        ok: true,
        process: {
          ...next,
          approval: {
            authority: action.authority,
            ...(action.reference ? { reference: action.reference } : {}),
            actor: action.actor,
            at: action.at,
          },
        },
      };
    case 'publish':
      return {
        ok: true,
        process: {
          ...next,
          publication: { ...(action.url ? { url: action.url } : {}), actor: action.actor, at: action.at },
        },
      };
    default:
      return { ok: true, process: next };
  }
}

/** The actions allowed in a state (field checks aside). */
export function availableMgiActions(state: MgiProcessState): MgiProcessActionType[] {
  return MGI_PROCESS_ACTIONS.filter((type) =>
    (MGI_PROCESS_RULES[type].from as readonly MgiProcessState[]).includes(state),
  );
}
