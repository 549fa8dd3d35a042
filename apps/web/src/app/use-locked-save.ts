/**
 * Saving under optimistic locking, the one way every editing page does it (docs/decisions/0302): the
 * write sends the version it starts from as If-Match; when someone saved first the server answers
 * 409 with the stored state (`current`), which the page shows while keeping what was typed, so that
 * saving again starts from it.
 */
import { useCallback, useState } from 'react';
import { ApiProblem, type ApiClient } from '../api/api-client.ts';
import { useSession } from './session-context.tsx';
import { failureMessage } from '../api/problem-message.tsx';
import type { Translator } from '../i18n/translator.ts';

/** How a locked save ended: stored, refused because someone saved first (with what is stored now), or failed. */
export type LockedSaveResult<Body, Current = Body> =
  | { outcome: 'saved'; body: Body }
  | { outcome: 'conflict'; current: Current; problem: ApiProblem }
  | { outcome: 'failed'; error: unknown };

/** The write: its method and body (the version travels as If-Match). */
export interface LockedWrite {
  method?: 'POST' | 'PUT' | 'PATCH';
  body?: unknown;
}

/** One write from `version`; never throws: the result says how it ended. */
export async function lockedSave<Body, Current = Body>(
  api: ApiClient,
  path: string,
  version: number,
  write: LockedWrite = {},
): Promise<LockedSaveResult<Body, Current>> {
  try {
    const { body } = await api.request<Body>(path, {
      method: write.method ?? 'POST',
      headers: { 'if-match': `"${version}"` },
      ...(write.body !== undefined ? { body: write.body } : {}),
    });
    return { outcome: 'saved', body };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 409 && error.problem.current !== undefined)
      return { outcome: 'conflict', current: error.problem.current as Current, problem: error };
    return { outcome: 'failed', error };
  }
}

/** What a save that did not store says to the user, in the page's language. */
export function failureText(
  result: Exclude<LockedSaveResult<unknown, unknown>, { outcome: 'saved' }>,
  translator: Translator,
): string {
  return failureMessage(translator, result.outcome === 'conflict' ? result.problem : result.error);
}

/** `save` writes with the session's API client; `saving` is true while a write is under way. */
export function useLockedSave(): {
  save: <Body, Current = Body>(
    path: string,
    version: number,
    write?: LockedWrite,
  ) => Promise<LockedSaveResult<Body, Current>>;
  saving: boolean;
} {
  const { api } = useSession();
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async <Body, Current = Body>(path: string, version: number, write?: LockedWrite) => {
      setSaving(true);
      try {
        return await lockedSave<Body, Current>(api, path, version, write);
      } finally {
        setSaving(false);
      }
    },
    [api],
  );
  return { save, saving };
}
