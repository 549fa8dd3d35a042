/** The answer when an evidence file would exceed a storage quota: which quota, its setting, what is used and what the file adds. */
import type { EvidenceQuotaError } from '@migov/db';
import { EVIDENCE_QUOTA_VARIABLES } from '../config.ts';
import { ApiError } from '../errors/api-error.ts';

/** The 413 problem for a quota a file would exceed; nothing was stored. */
export function evidenceQuotaProblem(error: EvidenceQuotaError, filename: string): ApiError {
  const { scope, kind } = error.exceeded;
  const setting = EVIDENCE_QUOTA_VARIABLES[`${scope}${kind === 'bytes' ? 'Bytes' : 'Files'}`];
  return new ApiError('evidence-quota-exceeded', `${filename}: ${error.message} (${setting}); nothing was stored`, {
    quota: { ...error.exceeded, setting },
  });
}
