import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../../test-support/shared-data.ts';
import { GCM_OBJECTIVES, GCM_PRINCIPLES } from './gcm.data.ts';
import { ISCM_MEMBERSHIPS, ISCM_PROCESSES, GLOBAL_RCP_MEETINGS } from './iscm.data.ts';
import { MAINSTREAMING_COUNTRIES } from './mainstreaming.data.ts';
import { MGI_SUB_AREAS } from './mgi.data.ts';
import { MIGOF_DOMAIN_MAPPING } from './migof-domains.data.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('compiled reference data', () => {
  it('is what the script compiles from the shared reference folder today', () => {
    const output = mkdtempSync(join(tmpdir(), 'migov-reference-'));
    try {
      const script = resolve(here, '../../../scripts/compile-governance-reference.ts');
      execFileSync(process.execPath, ['--import', 'tsx', script, sharedData('reference'), output], { stdio: 'pipe' });
      for (const file of readdirSync(output))
        expect(readFileSync(join(output, file), 'utf8'), file).toBe(readFileSync(join(here, file), 'utf8'));
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  });

  it('holds the counts of the compilation', () => {
    expect([MIGOF_DOMAIN_MAPPING.length, MGI_SUB_AREAS.length, GCM_OBJECTIVES.length, GCM_PRINCIPLES.length]).toEqual([
      6, 27, 23, 10,
    ]);
    expect([
      ISCM_PROCESSES.length,
      ISCM_MEMBERSHIPS.length,
      GLOBAL_RCP_MEETINGS.length,
      MAINSTREAMING_COUNTRIES.length,
    ]).toEqual([27, 444, 8, 8]);
  });

  it('has unique ids and memberships of known processes', () => {
    const processIds = new Set(ISCM_PROCESSES.map((process) => process.id));
    expect(processIds.size).toBe(ISCM_PROCESSES.length);
    expect(new Set(ISCM_MEMBERSHIPS.map((record) => record.id)).size).toBe(ISCM_MEMBERSHIPS.length);
    expect(ISCM_MEMBERSHIPS.every((record) => processIds.has(record.process))).toBe(true);
    expect(ISCM_MEMBERSHIPS.filter((record) => record.area === undefined).map((record) => record.name)).toEqual([
      'Saint Martin',
    ]);
  });

  it('keeps a source on every fact', () => {
    const sources = [
      ...MIGOF_DOMAIN_MAPPING,
      ...MGI_SUB_AREAS,
      ...GCM_OBJECTIVES,
      ...ISCM_PROCESSES,
      ...ISCM_MEMBERSHIPS,
      ...GLOBAL_RCP_MEETINGS,
      ...MAINSTREAMING_COUNTRIES,
    ].map((row) => row.source);
    expect(sources.every((source) => typeof source === 'string' && source.length > 0)).toBe(true);
  });
});
