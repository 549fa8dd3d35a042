// The `migov` command line: one program, one command per file, one error wrapper.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './cli-error.ts';
import { registerAggregateCommand } from './commands/aggregate.ts';
import { registerBriefCommand } from './commands/brief.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerInstrumentsCommands } from './commands/instruments.ts';
import { registerMicrodataCommands } from './commands/microdata.ts';
import { registerScoreCommand } from './commands/score.ts';

/** Build the program with every command registered. */
export function createProgram(): Command {
  const program = new Command('migov')
    .description('migov: SDG 10.7.2 and migration governance — assess, score, aggregate and publish')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerInstrumentsCommands(program);
  registerScoreCommand(program);
  registerImportCommand(program);
  registerAggregateCommand(program);
  registerExportCommand(program);
  registerBriefCommand(program);
  registerMicrodataCommands(program);
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) overrideExits(sub);
  };
  overrideExits(program);
  return program;
}

/** Run the CLI; resolves to the process exit code. Errors are reported in one line, never as a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`migov: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`migov: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.MIGOV_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}
