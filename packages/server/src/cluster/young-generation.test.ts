import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_FLAG, youngGenerationArgv } from './young-generation.ts';

describe('the young generation of a serving process', () => {
  it('is made larger on V8 before 13 unless the operator sized it', () => {
    expect(YOUNG_GENERATION_FLAG).toBe('--max-semi-space-size=32');
    expect(youngGenerationArgv([], '', '12.4.254.21-node.33')).toEqual([YOUNG_GENERATION_FLAG]);
    expect(youngGenerationArgv(['--enable-source-maps'], '--max-old-space-size=512', '11.3.244.8-node.25')).toEqual([
      YOUNG_GENERATION_FLAG,
    ]);
    for (const given of ['--max-semi-space-size=8', '--max_semi_space_size=96']) {
      expect(youngGenerationArgv([given], '', '12.4.254.21-node.33')).toEqual([]);
      expect(youngGenerationArgv([], `--max-old-space-size=512 ${given}`, '12.4.254.21-node.33')).toEqual([]);
    }
  });

  it('is left to V8 13 and later, which size it from the machine', () => {
    expect(youngGenerationArgv([], '', '13.6.233.17-node.37')).toEqual([]);
    expect(youngGenerationArgv([], '', '14.1.0')).toEqual([]);
  });
});
