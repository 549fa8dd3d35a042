/**
 * Keeps the shared public-data folder (../shared beside the repository) out of the product's reach
 * for a test: while armed, every file-system read of a path inside it fails as if the folder were
 * absent, and the attempt is recorded, so a test proves the product starts and serves without it.
 */
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared folder as the repository sees it (../shared), and as it is mounted here. */
const SHARED = [resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared'), '/work/shared'];
/** The data folder inside it. */
export const SHARED_DATA = `${SHARED[0]}/data`;

type Patched = Record<string, (...args: unknown[]) => unknown>;
const SYNC = [
  'readFileSync',
  'openSync',
  'statSync',
  'lstatSync',
  'readdirSync',
  'createReadStream',
  'accessSync',
] as const;
const ASYNC = ['readFile', 'open', 'stat', 'lstat', 'readdir', 'access'] as const;

export function guardSharedData() {
  const attempts: string[] = [];
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  const inShared = (path: unknown) => {
    const text =
      typeof path === 'string'
        ? path
        : path instanceof URL
          ? fileURLToPath(path)
          : Buffer.isBuffer(path)
            ? path.toString()
            : undefined;
    return text !== undefined && SHARED.some((root) => resolve(text).startsWith(`${root}/`) || resolve(text) === root);
  };
  const refuse = (name: string, path: unknown) => {
    attempts.push(`${name} ${String(path)}`);
    return Object.assign(new Error(`ENOENT: no such file or directory, ${name} '${String(path)}'`), { code: 'ENOENT' });
  };
  const patch = (
    target: Patched,
    key: string,
    name: string,
    wrap: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
  ) => {
    const original = target[key]!;
    originals.set(name, original);
    target[key] = wrap(original);
  };
  return {
    arm() {
      const sync = fs as unknown as Patched;
      for (const key of SYNC) {
        patch(sync, key, `fs.${key}`, (original) => (...args) => {
          if (inShared(args[0])) throw refuse(key, args[0]);
          return original.apply(fs, args);
        });
      }
      patch(sync, 'existsSync', 'fs.existsSync', (original) => (...args) => {
        if (inShared(args[0])) {
          attempts.push(`existsSync ${String(args[0])}`);
          return false;
        }
        return original.apply(fs, args);
      });
      const promises = fsPromises as unknown as Patched;
      for (const key of ASYNC) {
        patch(
          promises,
          key,
          `promises.${key}`,
          (original) =>
            (...args) =>
              inShared(args[0]) ? Promise.reject(refuse(key, args[0])) : original.apply(fsPromises, args),
        );
      }
      syncBuiltinESMExports();
    },
    disarm() {
      for (const [name, original] of originals) {
        const [module, key] = name.split('.') as [string, string];
        ((module === 'fs' ? fs : fsPromises) as unknown as Patched)[key] = original;
      }
      originals.clear();
      syncBuiltinESMExports();
    },
    /** The reads of the shared folder tried while armed. */
    attempts: () => [...attempts],
  };
}
