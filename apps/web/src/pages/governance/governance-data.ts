/** What the governance pages read and write, through the API only: published MGI-style profiles, the crosswalk, briefs. */
import { getJson, type ApiClient } from '../../api/api-client.ts';
import type {
  BriefVersion,
  Crosswalk,
  MgiProfileLevel,
  MgiProfileSummary,
  MgiPublishedProfile,
} from '@migov/server/api';

export async function loadGovernance(api: ApiClient): Promise<{ profiles: MgiProfileSummary[] }> {
  const { items } = await getJson<{ items: MgiProfileSummary[] }>(api, '/mgi/profiles');
  return { profiles: items };
}

export function loadProfile(api: ApiClient, jurisdiction: string, year: number): Promise<MgiPublishedProfile> {
  return getJson<MgiPublishedProfile>(api, `/mgi/profiles/${encodeURIComponent(jurisdiction)}/${year}`);
}

export function loadCrosswalk(api: ApiClient): Promise<Crosswalk> {
  return getJson<Crosswalk>(api, '/crosswalks');
}

/** The fields of a brief edit that differ from the version shown: only those are sent. */
export function briefEdit(
  version: Pick<BriefVersion['content'], 'title' | 'summary' | 'notes'>,
  draft: { title: string; summary: string; notes: string },
): Partial<Record<'title' | 'summary' | 'notes', string>> {
  const edit: Partial<Record<'title' | 'summary' | 'notes', string>> = {};
  for (const field of ['title', 'summary', 'notes'] as const)
    if (draft[field] !== version[field]) edit[field] = draft[field];
  return edit;
}

/** The dimensions of a profile: none when its answers do not fit the instrument (the server says `invalid`). */
export function profileDimensions(profile: MgiPublishedProfile['profile']) {
  return profile.status === 'invalid' ? [] : profile.dimensions;
}

/** ICU selectors have no hyphens: the message keys of an answer level and of a crosswalk node kind. */
export function levelKey(level: MgiProfileLevel | undefined): string {
  return level === 'in-place' ? 'inPlace' : level === 'not-applicable' ? 'notApplicable' : (level ?? 'none');
}

export function nodeKindKey(kind: string): string {
  return (
    (
      {
        'migof-element': 'migof',
        'sdg-10-7-2-domain': 'domain',
        'mgi-dimension': 'dimension',
        'gcm-objective': 'objective',
      } as Record<string, string>
    )[kind] ?? 'target'
  );
}
