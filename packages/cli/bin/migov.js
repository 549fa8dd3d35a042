#!/usr/bin/env node
// Entry point of the `migov` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

// The installed command runs as production (React's production build draws the public pages)
// unless the environment says otherwise.
process.env.NODE_ENV ??= 'production';
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
