#!/usr/bin/env node
// Entry point of the `migov` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

// The installed command runs as production (React's production build draws the public pages)
// unless the environment says otherwise.
process.env.NODE_ENV ??= 'production';
register();
// `migov serve` runs with the young generation a server wants (@migov/server/young-generation):
// where V8's own is smaller, the process starts over with the option, as the same process.
if (process.argv[2] === 'serve' && typeof process.execve === 'function') {
  const { youngGenerationArgv } = await import('@migov/server/young-generation');
  const more = youngGenerationArgv();
  if (more.length > 0)
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...more, ...process.argv.slice(1)]);
}
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
