// The `migov` command line: one program, one command per file, one error wrapper.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './cli-error.ts';
type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: `migov score` need not load the HTTP
 * server, DuckDB or the PDF renderer. Order here is the order of `migov --help`.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.ts')).registerServeCommand,
  db: async () => (await import('./commands/db.ts')).registerDbCommands,
  instruments: async () => (await import('./commands/instruments.ts')).registerInstrumentsCommands,
  score: async () => (await import('./commands/score.ts')).registerScoreCommand,
  import: async () => (await import('./commands/import.ts')).registerImportCommand,
  fetch: async () => (await import('./commands/fetch.ts')).registerFetchCommand,
  aggregate: async () => (await import('./commands/aggregate.ts')).registerAggregateCommand,
  export: async () => (await import('./commands/export.ts')).registerExportCommand,
  publish: async () => (await import('./commands/publish.ts')).registerPublishCommand,
  brief: async () => (await import('./commands/brief.ts')).registerBriefCommand,
  indicators: async () => (await import('./commands/indicators.ts')).registerIndicatorsCommands,
  microdata: async () => (await import('./commands/microdata.ts')).registerMicrodataCommands,
  users: async () => (await import('./commands/users.ts')).registerUsersCommands,
};

/** Build the program with the commands `argv` needs (all of them for top-level help or an unknown command). */
async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('migov')
    .description('migov: SDG 10.7.2 and migration governance — assess, score, aggregate and publish')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  const first = argv.slice(2).find((argument) => !argument.startsWith('-'));
  const wanted = first !== undefined && first in COMMANDS ? [first] : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!())(program);
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) overrideExits(sub);
  };
  overrideExits(program);
  return program;
}

/** Run the CLI; resolves to the process exit code. Errors are reported in one line, never as a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  let program: Command;
  try {
    program = await createProgram(argv);
  } catch (error) {
    process.stderr.write(`migov: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
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
