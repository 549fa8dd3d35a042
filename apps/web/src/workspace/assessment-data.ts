/** What the workspace pages load for one assessment, through the API. */
import { getJson, type ApiClient } from '../api/api-client.ts';
import { areaName } from '../app/localized.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import type {
  AreaDetail,
  AssessmentView,
  Evidence,
  InstrumentVersion,
  ReviewComment,
  Revision,
  Round,
} from '@migov/server/api';

/** Who is working on the assessment: the last change to its answers or evidence (`lastSave` of GET /assessments/{id}). */
export interface LastSave {
  at: string;
  by?: string;
}

export interface AssessmentBundle {
  view: AssessmentView;
  lastSave?: LastSave;
  instrument: InstrumentVersion;
  evidence: Evidence[];
  comments: ReviewComment[];
  history: Revision[];
  /** The assessment's round with its status now (GET /rounds), when the answer names it. */
  round?: Round;
  /** The country's name in a language (CLDR's, else the UN English name). */
  areaName(lang: UiLanguage): string;
}

export async function loadAssessmentBundle(api: ApiClient, id: string): Promise<AssessmentBundle> {
  const { lastSave, ...view } = await getJson<AssessmentView & { lastSave?: LastSave }>(
    api,
    `/assessments/${encodeURIComponent(id)}`,
  );
  const { assessment } = view;
  const [instrument, evidence, comments, history, area, rounds] = await Promise.all([
    getJson<InstrumentVersion>(
      api,
      `/instruments/${encodeURIComponent(assessment.instrument)}/versions/${encodeURIComponent(assessment.version)}`,
    ),
    getJson<{ items: Evidence[] }>(api, `/assessments/${encodeURIComponent(id)}/evidence`),
    getJson<{ items: ReviewComment[] }>(api, `/assessments/${encodeURIComponent(id)}/comments`),
    getJson<{ items: Revision[] }>(api, `/assessments/${encodeURIComponent(id)}/history`),
    getJson<AreaDetail>(api, `/areas/${encodeURIComponent(assessment.jurisdiction.split('-')[0]!)}`).catch(
      () => undefined,
    ),
    getJson<{ items: Round[] }>(
      api,
      `/rounds?year=${assessment.year}&instrument=${encodeURIComponent(assessment.instrument)}`,
    ).catch(() => undefined),
  ]);
  const round = rounds?.items.find((entry) => entry.id === assessment.roundId);
  return {
    view,
    ...(lastSave ? { lastSave } : {}),
    instrument,
    evidence: evidence.items,
    comments: comments.items,
    history: history.items,
    ...(round ? { round } : {}),
    areaName: (lang) => (area ? areaName(area, lang) : assessment.jurisdiction),
  };
}

/** The reason of the latest return, if the assessment is returned. */
export function latestReturnReason(history: readonly Revision[]): string | undefined {
  return [...history]
    .reverse()
    .find((revision) => revision.action === 'return' || revision.action === 'transition:return')?.reason;
}
