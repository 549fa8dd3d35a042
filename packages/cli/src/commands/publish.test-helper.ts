// Runs `migov publish` in this process (worker threads included), as the command line would, and
// collects what it writes to standard output.
import { Command } from 'commander';
import { registerPublishCommand } from './publish.ts';

/** `migov publish <args>`: its standard output (a usage or database problem is thrown). */
export async function runPublish(args: readonly string[]): Promise<string> {
  const program = new Command('migov').exitOverride();
  registerPublishCommand(program);
  let output = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    output += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'migov', 'publish', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return output;
}
