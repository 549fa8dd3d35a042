import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './serve-cluster.ts';

describe('worker processes', () => {
  it('get a larger young generation unless the operator sized it', () => {
    const size = 8 + Math.floor(Math.random() * 64);
    expect(workerExecArgv([], '')).toEqual(['--max-semi-space-size=32']);
    expect(workerExecArgv(['--enable-source-maps'], '--max-old-space-size=512')).toEqual([
      '--enable-source-maps',
      '--max-semi-space-size=32',
    ]);
    expect(workerExecArgv([`--max-semi-space-size=${size}`], '')).toEqual([`--max-semi-space-size=${size}`]);
    expect(workerExecArgv([], `--max-old-space-size=512 --max-semi-space-size=${size}`)).toEqual([]);
  });
});
