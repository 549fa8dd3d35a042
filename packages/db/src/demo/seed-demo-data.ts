/**
 * Demo content for newcomers and the web app: every name starts with "Demo", emails end in
 * @demo.migov.invalid. The content (who, which answers, which states) is deterministic from the seed;
 * ids and timestamps are those of the moment of seeding.
 */
import {
  indicatorDatasetsOfObservations,
  POLICY_DOMAIN_CODES,
  SDG_10_7_2_V2019,
  seededRandom,
  type AssessmentState,
  type InstrumentVersion,
  type Observation,
  type Role,
  type TransitionAction,
} from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import { ConflictError } from '../errors.ts';
import {
  createAssessment,
  saveResponses,
  transitionAssessment,
  type Assessment,
  type ResponseChange,
} from '../assessments/assessments.repository.ts';
import { addEvidence } from '../evidence/evidence.repository.ts';
import { createJurisdiction } from '../jurisdictions/jurisdictions.repository.ts';
import { importObservations } from '../observations/observations.repository.ts';
import { importIndicatorDatasets } from '../indicators/indicators.repository.ts';
import { syntheticInjuryDataset } from './demo-indicator-datasets.ts';
import { addReviewComment } from '../review-comments/review-comments.repository.ts';
import { createRound, type Round } from '../rounds/rounds.repository.ts';
import { grantRole } from '../roles/roles.repository.ts';
import type { RoleScope } from '../shared/scope.ts';
import { createUser, findUserByEmail, type User } from '../users/users.repository.ts';

/** The domain of every demo email address (`.invalid` is reserved: mail to it can never be delivered). */
export const DEMO_EMAIL_DOMAIN = 'demo.migov.invalid';

/** Options of seedDemoData. */
export interface SeedDemoOptions {
  /** Makes the content reproducible. */
  seed: number;
  /** The hash of the demo password, made by the caller (the data layer never hashes passwords). */
  passwordHash?: string;
  /** Published observations to import (e.g. the UN SDG data); without them a small synthetic set labelled as demo is imported. */
  observations?: readonly Observation[];
  /** Add the synthetic 8.8.1 dataset (default true); false where the official series are loaded, so demo values never join them. */
  syntheticIndicators?: boolean;
  /**
   * The day of seeding (YYYY-MM-DD, the server's clock). The newest demo round stays open for
   * DEMO_OPEN_DAYS after it, so that a first visitor can start and submit an assessment; without it
   * every demo round keeps its historical closing day.
   */
  today?: string;
}

/** How long the newest demo round stays open after the day of seeding. */
export const DEMO_OPEN_DAYS = 183;

/** The later of `closesOn` and `today` + DEMO_OPEN_DAYS (both YYYY-MM-DD, UTC). */
function demoClosingDay(closesOn: string, today: string | undefined): string {
  if (today === undefined) return closesOn;
  const open = new Date(Date.parse(`${today}T00:00:00Z`) + DEMO_OPEN_DAYS * 86_400_000).toISOString().slice(0, 10);
  return open > closesOn ? open : closesOn;
}

/** What was seeded, for printing and for tests. */
export interface DemoSummary {
  users: { role: Role; email: string; userId: string }[];
  rounds: Round[];
  assessments: { id: string; jurisdiction: string; year: number; state: AssessmentState }[];
  observations: number;
  /** Indicator observations stored as datasets: the 10.7.2 observations and a synthetic 8.8.1 series. */
  indicatorObservations: number;
}

const DEMO_USERS: { role: Role; name: string; scope: RoleScope }[] = [
  { role: 'administrator', name: 'Demo Administrator', scope: { kind: 'global' } },
  { role: 'global-analyst', name: 'Demo Global Analyst', scope: { kind: 'global' } },
  { role: 'regional-analyst', name: 'Demo Regional Analyst', scope: { kind: 'group', group: '419' } },
  { role: 'national-coordinator', name: 'Demo National Coordinator', scope: { kind: 'area', area: '484' } },
  { role: 'focal-point', name: 'Demo Focal Point', scope: { kind: 'area', area: '484' } },
  { role: 'reviewer', name: 'Demo Reviewer', scope: { kind: 'global' } },
];

/** Demo countries (M49) and one demo sub-national jurisdiction. */
const DEMO_JURISDICTIONS = [
  '484',
  '152',
  '170',
  '604',
  '76',
  '32',
  '218',
  '188',
  '504',
  '608',
  '360',
  '710',
  '484-DEMO',
];

/** The path each 2023 demo assessment takes, to show every state (the last one is published, then reopened). */
const PATHS_2023: { state: AssessmentState; actions: TransitionAction[] }[] = [
  { state: 'draft', actions: [] },
  { state: 'submitted', actions: ['submit'] },
  { state: 'returned', actions: ['submit', 'return'] },
  { state: 'resubmitted', actions: ['submit', 'return', 'resubmit'] },
  { state: 'validated', actions: ['submit', 'validate'] },
  { state: 'published', actions: ['submit', 'validate', 'publish'] },
  { state: 'draft', actions: ['submit', 'validate', 'publish', 'reopen'] },
  { state: 'submitted', actions: ['submit'] },
];

const DEMO_INSTRUMENT: InstrumentVersion = SDG_10_7_2_V2019;

function answers(random: () => number, completeness = 1): ResponseChange[] {
  const items = DEMO_INSTRUMENT.domains.flatMap((domain) => domain.items);
  return items.flatMap((item) => {
    if (random() > completeness) return [];
    const options = DEMO_INSTRUMENT.scales[item.scale] ?? [];
    // Lean towards the better answers, as in the published 10.7.2 results.
    const index = random() < 0.65 ? 0 : Math.floor(random() * options.length);
    const option = options[index];
    return option
      ? [
          {
            itemId: item.id,
            optionId: option.id,
            ...(random() < 0.15 ? { comment: 'Demo note: see the attached demo evidence.' } : {}),
          },
        ]
      : [];
  });
}

/** Fill a database with demo content; ConflictError if demo users already exist. */
export async function seedDemoData(db: MigovDatabase, options: SeedDemoOptions): Promise<DemoSummary> {
  const random = seededRandom(options.seed);
  if (await findUserByEmail(db, `demo-administrator@${DEMO_EMAIL_DOMAIN}`))
    throw new ConflictError('demo data is already present in this database');
  const users = new Map<Role, User>();
  for (const entry of DEMO_USERS) {
    const user = await createUser(db, {
      email: `demo-${entry.role}@${DEMO_EMAIL_DOMAIN}`,
      name: entry.name,
      ...(options.passwordHash ? { passwordHash: options.passwordHash } : {}),
    });
    users.set(entry.role, user);
  }
  const admin = users.get('administrator')?.id ?? null;
  for (const entry of DEMO_USERS)
    await grantRole(db, { userId: users.get(entry.role)?.id ?? '', role: entry.role, scope: entry.scope }, admin);
  const focal = users.get('focal-point')?.id ?? null;
  const reviewer = users.get('reviewer')?.id ?? null;
  const coordinator = users.get('national-coordinator')?.id ?? null;
  const actorFor: Record<TransitionAction, string | null> = {
    submit: focal,
    resubmit: focal,
    return: reviewer,
    validate: reviewer,
    publish: coordinator,
    reopen: coordinator,
  };

  await createJurisdiction(db, { code: '484-DEMO', name: 'Demo City of Mexico', level: 'city', parent: '484' }, admin);
  const rounds: Round[] = [];
  const years = [2019, 2021, 2023];
  for (const year of years) {
    // The earlier rounds are history; the newest is where a visitor tries the workflow.
    const closesOn = year === years.at(-1) ? demoClosingDay(`${year}-09-30`, options.today) : `${year}-09-30`;
    rounds.push(
      await createRound(
        db,
        { year, instrument: 'sdg-10-7-2', version: '2019', opensOn: `${year}-02-01`, closesOn },
        admin,
      ),
    );
  }

  const seeded: DemoSummary['assessments'] = [];
  const evidenceBytes = new TextEncoder().encode(
    'Demo evidence: this file stands in for a national migration law. It is not an official document.\n',
  );
  for (const round of rounds) {
    // 2023 shows every state, the last one on the demo city; earlier rounds are published country results.
    const jurisdictions =
      round.year === 2023
        ? [...DEMO_JURISDICTIONS.slice(0, PATHS_2023.length - 1), '484-DEMO']
        : DEMO_JURISDICTIONS.slice(0, 8);
    for (const [index, jurisdiction] of jurisdictions.entries()) {
      const path =
        round.year === 2023
          ? (PATHS_2023[index] ?? { state: 'draft', actions: [] })
          : { state: 'published' as const, actions: ['submit', 'validate', 'publish'] as TransitionAction[] };
      let assessment: Assessment = await createAssessment(db, { jurisdiction, roundId: round.id }, focal);
      const complete = path.actions.includes('publish') || path.actions.includes('validate');
      assessment = await saveResponses(
        db,
        {
          assessmentId: assessment.id,
          expectedLockVersion: assessment.lockVersion,
          changes: answers(random, complete ? 1 : 0.7),
        },
        focal,
      );
      const firstItem = SDG_10_7_2_V2019.domains[0]?.items[0]?.id ?? '1a';
      await addEvidence(
        db,
        {
          assessmentId: assessment.id,
          itemId: firstItem,
          kind: 'file',
          title: 'Demo migration law (excerpt)',
          file: { filename: 'demo-migration-law.txt', mediaType: 'text/plain', bytes: evidenceBytes },
        },
        focal,
      );
      await addEvidence(
        db,
        {
          assessmentId: assessment.id,
          itemId: '2a',
          kind: 'link',
          title: 'Demo ministry page',
          url: 'https://example.org/demo/ministry',
        },
        focal,
      );
      for (const action of path.actions) {
        if (action === 'resubmit') {
          assessment = await saveResponses(
            db,
            {
              assessmentId: assessment.id,
              expectedLockVersion: assessment.lockVersion,
              changes: [{ itemId: firstItem, comment: 'Demo: evidence added as the reviewer asked.' }],
            },
            focal,
          );
        }
        if (action === 'return')
          await addReviewComment(
            db,
            {
              assessmentId: assessment.id,
              itemId: firstItem,
              body: 'Demo review: please attach the decree that implements this law.',
            },
            reviewer,
          );
        const reason =
          action === 'return'
            ? 'Demo: evidence for item 1a is missing'
            : action === 'reopen'
              ? 'Demo: correction after a new regulation'
              : undefined;
        assessment = await transitionAssessment(
          db,
          {
            assessmentId: assessment.id,
            expectedLockVersion: assessment.lockVersion,
            action,
            ...(reason ? { reason } : {}),
          },
          actorFor[action],
        );
      }
      seeded.push({ id: assessment.id, jurisdiction, year: round.year, state: assessment.state });
    }
  }

  const observations = options.observations ?? syntheticObservations(random);
  const observationSource = options.observations
    ? 'Published SDG 10.7.2 data (loaded with the demo)'
    : 'Demo data (synthetic, not official)';
  if (observations.length > 0) {
    await importObservations(
      db,
      { observations, source: { name: observationSource, format: 'demo', importedAt: new Date().toISOString() } },
      admin,
    );
    await importIndicatorDatasets(
      db,
      { datasets: indicatorDatasetsOfObservations(observations), source: { name: observationSource, format: 'demo' } },
      admin,
    );
  }
  // A separate generator, so the indicator demo leaves the rest of the demo as it was for a seed.
  const injuries = syntheticInjuryDataset(
    seededRandom(options.seed ^ 0x8811),
    DEMO_JURISDICTIONS.filter((code) => !code.includes('-')),
  );
  if (options.syntheticIndicators !== false)
    await importIndicatorDatasets(
      db,
      { datasets: [injuries], source: { name: 'Demo data (synthetic, not official)', format: 'demo' } },
      admin,
    );
  return {
    users: DEMO_USERS.map((entry) => ({
      role: entry.role,
      email: `demo-${entry.role}@${DEMO_EMAIL_DOMAIN}`,
      userId: users.get(entry.role)?.id ?? '',
    })),
    rounds,
    assessments: seeded,
    observations: observations.length,
    indicatorObservations:
      observations.length + (options.syntheticIndicators !== false ? injuries.observations.length : 0),
  };
}

function syntheticObservations(random: () => number): Observation[] {
  return DEMO_JURISDICTIONS.filter((code) => !code.includes('-')).flatMap((area) =>
    POLICY_DOMAIN_CODES.map((domain) => ({
      series: 'SG_CPA_MIGRS' as const,
      area,
      year: 2019,
      domain,
      value: 1 + Math.floor(random() * 4),
      footnote: 'Demo data: synthetic, not official',
    })),
  );
}
