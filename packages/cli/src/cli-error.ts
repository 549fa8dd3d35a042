/**
 * Exit codes of `migov`, stable for users' scripts:
 * 0 success; 1 the input was refused (problems were reported, nothing was changed);
 * 2 usage error (unknown option, missing argument); 3 a file or service could not be reached;
 * 70 an internal error (a bug: please report it).
 */
export const EXIT = {
  ok: 0,
  refused: 1,
  usage: 2,
  unavailable: 3,
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports in one line, without a stack trace, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.refused,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
