// File and terminal I/O for the commands: reading inputs with clear errors, writing outputs, progress.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliError, EXIT } from './cli-error.ts';

/** Read a file as bytes, turning "not found" and "permission denied" into one-line errors. */
export async function readInputFile(path: string): Promise<{ name: string; path: string; bytes: Uint8Array }> {
  try {
    const bytes = new Uint8Array(await readFile(path));
    return { name: basename(path), path, bytes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${path}: no such file`, EXIT.unavailable);
    if (code === 'EISDIR') throw new CliError(`${path}: is a directory, not a file`, EXIT.usage);
    if (code === 'EACCES') throw new CliError(`${path}: permission denied`, EXIT.unavailable);
    throw error;
  }
}

/** Parse a JSON or YAML document (by extension; YAML is a superset of JSON), naming the file and line on error. */
export function parseStructuredText(name: string, text: string): unknown {
  try {
    if (/\.json$/i.test(name)) return JSON.parse(text);
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new CliError(
      `${name}: not valid ${/\.json$/i.test(name) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/** Write to a file, or to standard output when no path is given. */
export async function writeOutput(content: string | Uint8Array, path?: string): Promise<void> {
  if (path) {
    await writeFile(path, content);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(content, (error) => (error ? reject(error) : resolve())),
  );
}

/** Progress on standard error for long work; silent when stderr is not a terminal unless forced. */
export function createProgress(
  label: string,
  total: number,
  options: { force?: boolean } = {},
): { tick(done: number): void; done(): void } {
  const enabled = options.force || process.stderr.isTTY === true;
  let last = 0;
  return {
    tick(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      process.stderr.write(`\r${label}: ${done}/${total} (${percent}%)`);
    },
    done() {
      if (enabled) process.stderr.write(`\r${label}: ${total}/${total} (100%)\n`);
    },
  };
}
