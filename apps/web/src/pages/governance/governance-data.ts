/** What the governance pages read and write, through the API only: published MGI-style profiles, the crosswalk, briefs. */
import { getJson, type ApiClient } from '../../api/api-client.ts';
import type { LocalizedText } from '@migov/server/api';

export type ProfileLevel = 'in-place' | 'partial' | 'absent' | 'not-applicable';

export interface ProfileSummary {
  id: string;
  jurisdiction: string;
  jurisdictionName: string;
  level: 'national' | 'local';
  year: number;
  roundKind: 'baseline' | 'follow-up';
}

interface ProfileItem {
  itemId: string;
  text: string;
  level?: ProfileLevel;
  evidence?: string;
}

interface DimensionProfile {
  dimensionId: string;
  code: string;
  label: string;
  wellDeveloped: string[];
  furtherDevelopment: string[];
  incomplete: string[];
  notApplicable: string[];
  areas: { area: string; classification: string; items: ProfileItem[] }[];
}

interface ProfileChanges {
  since: { year: number };
  items: {
    dimensionId: string;
    area: string;
    itemId: string;
    change: string;
    from?: ProfileLevel;
    to?: ProfileLevel;
  }[];
  dimensions: {
    dimensionId: string;
    label: string;
    becameWellDeveloped: string[];
    newlyFurtherDevelopment: string[];
  }[];
}

export interface PublishedProfile extends ProfileSummary {
  instrumentTitle: LocalizedText;
  profile: { status: string; exampleWording?: boolean; dimensions: DimensionProfile[] };
  consultedMinistries: string[];
  approval: { authority: string; at: string; reference?: string } | null;
  publishedAt: string | null;
  changes: ProfileChanges | null;
}

export interface CrosswalkNode {
  kind: string;
  id: string;
}

export interface CrosswalkLink {
  id: string;
  from: CrosswalkNode;
  to: CrosswalkNode;
  basis: 'source' | 'editorial';
  source?: string;
  unverified: boolean;
  status: 'active' | 'retired';
  basisLabel: string;
}

export interface CrosswalkData {
  version: number;
  editorialLabel: string;
  items: CrosswalkLink[];
}

export async function loadGovernance(api: ApiClient): Promise<{ profiles: ProfileSummary[] }> {
  const { items } = await getJson<{ items: ProfileSummary[] }>(api, '/mgi/profiles');
  return { profiles: items };
}

export function loadProfile(api: ApiClient, jurisdiction: string, year: number): Promise<PublishedProfile> {
  return getJson<PublishedProfile>(api, `/mgi/profiles/${encodeURIComponent(jurisdiction)}/${year}`);
}

export function loadCrosswalk(api: ApiClient): Promise<CrosswalkData> {
  return getJson<CrosswalkData>(api, '/crosswalks');
}

/** The parts of a brief version the editor shows (the full content is rendered by the server as Markdown, PDF and DOCX). */
export interface BriefVersionView {
  version: number;
  change: 'generated' | 'edited';
  description: string;
  createdAt: string;
  content: {
    title: string;
    summary: string;
    notes: string;
    area: { code: string; name: string };
    gaps: {
      domain: string;
      domainName?: string;
      gcmObjectives: { objective: number; title?: string; basis: string }[];
      sdgTargets: { target: string; basis: string }[];
    }[];
  };
}

export interface BriefView {
  id: string;
  area: string;
  year: number | null;
  latestVersion: number;
  versions: BriefVersionView[];
}

export interface BriefSummary {
  id: string;
  area: string;
  year?: number;
  latestVersion: number;
  updatedAt: string;
}

/** The fields of a brief edit that differ from the version shown: only those are sent. */
export function briefEdit(
  version: BriefVersionView['content'],
  draft: { title: string; summary: string; notes: string },
): Partial<Record<'title' | 'summary' | 'notes', string>> {
  const edit: Partial<Record<'title' | 'summary' | 'notes', string>> = {};
  for (const field of ['title', 'summary', 'notes'] as const)
    if (draft[field] !== version[field]) edit[field] = draft[field];
  return edit;
}

/** ICU selectors have no hyphens: the message keys of an answer level and of a crosswalk node kind. */
export function levelKey(level: ProfileLevel | undefined): string {
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

/** An MGI-style assessment as its workers see it (GET /mgi/assessments/{id}). */
export interface MgiWorkView extends ProfileSummary {
  state: string;
  lockVersion: number;
  responses: Record<string, { optionId?: string; comment?: string }>;
  profile: PublishedProfile['profile'];
  /** The options of each item in the assessment's own instrument, with the level each stands for. */
  answerOptions?: Record<string, { id: string; label: LocalizedText; level: ProfileLevel }[]>;
  process: {
    consultation: number;
    ministries: string[];
    comments: { consultation: number; ministry: string; body: string; actor: string; at: string }[];
    history: { action: { type: string; actor: string; at: string }; from: string; to: string }[];
  };
  waitingFor: string[];
  /** What the reader may do now, as the server decides: actions, the ministries they comment for, saving answers. */
  you: {
    roles: string[];
    ministries: string[];
    availableActions: string[];
    commentFor: string[];
    editsAnswers: boolean;
  };
}

/** An assessment in the workspace list. */
export interface MgiWorkSummary extends ProfileSummary {
  state: string;
  lockVersion: number;
}
