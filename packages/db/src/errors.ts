/**
 * Typed errors of the data layer. The server maps each to one problem type: NotFoundError -> 404,
 * ConflictError -> 409 (with the current state so the client can merge), ValidationError -> 422
 * (field by field), TransitionError -> 409 (state, action and why).
 */
import type { FieldProblem, WorkflowRefusal } from '@migov/core';

/** A thing looked up by id does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** A write lost a race or would duplicate something unique; `current` is what is stored now. */
export class ConflictError<Current = unknown> extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly current?: Current,
  ) {
    super(message);
  }
}

// One field that is wrong: where, the value, and why (core's shape, shared with the crosswalk and registry edits).
export type { FieldProblem };

/** Input that does not fit; nothing was changed. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
  }
}

/** A workflow action that is not allowed from the assessment's state (or lacks a reason). */
export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(
    readonly state: string,
    readonly action: string,
    readonly refusal: WorkflowRefusal,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Throw a ValidationError when there are problems. */
export function assertNoProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}
