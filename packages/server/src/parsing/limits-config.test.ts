import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, EVIDENCE_QUOTA_VARIABLES, loadConfigFromEnv } from '../config.ts';
import { DEFAULT_PARSING_LIMITS, PARSING_LIMIT_VARIABLES } from './limits.ts';

describe('parsing limits and evidence quotas from the environment', () => {
  it('reads every variable over the defaults', () => {
    const env = Object.fromEntries(
      [...Object.values(PARSING_LIMIT_VARIABLES), ...Object.values(EVIDENCE_QUOTA_VARIABLES)].map((variable, index) => [
        variable,
        String(index + 2),
      ]),
    );
    const config = loadConfigFromEnv(env);
    expect(Object.values(config.parsing)).toEqual(Object.keys(PARSING_LIMIT_VARIABLES).map((_, index) => index + 2));
    expect(config.evidenceQuota.userFiles).toBe(Object.keys(PARSING_LIMIT_VARIABLES).length + 5);
    expect(loadConfigFromEnv({}).parsing).toEqual(DEFAULT_PARSING_LIMITS);
    expect(DEFAULT_CONFIG.parsing).toBe(DEFAULT_PARSING_LIMITS);
  });

  it('refuses a value that is not a positive integer, naming the variable', () => {
    expect(() => loadConfigFromEnv({ MIGOV_MAX_CELLS: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfigFromEnv({ MIGOV_EVIDENCE_QUOTA_USER_BYTES: '-1' })).toThrow(
      /MIGOV_EVIDENCE_QUOTA_USER_BYTES/,
    );
  });
});
