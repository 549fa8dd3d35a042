/** For tests and demos: an MGI-style round taken from launch to publication with given answers, through the repository. */
import type { MgiProcessAction } from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import {
  applyMgiProcessAction,
  createMgiAssessment,
  saveMgiAnswers,
  type MgiAssessment,
  type MgiWriteResult,
} from './mgi-assessments.repository.ts';

type ActionFields = MgiProcessAction extends infer A
  ? A extends MgiProcessAction
    ? Omit<A, 'actor' | 'at'>
    : never
  : never;

/**
 * Launch, collect `answers` (item id -> option id, with a short evidence text each), submit, consult
 * the `ministries` (each comments once), approve and publish a national round of `mgi-example`.
 */
export async function publishMgiRound(
  db: MigovDatabase,
  input: {
    jurisdiction: string;
    jurisdictionName: string;
    year: number;
    answers: Record<string, string>;
    ministries?: readonly string[];
  },
): Promise<MgiAssessment> {
  let assessment = await createMgiAssessment(
    db,
    {
      jurisdiction: input.jurisdiction,
      jurisdictionName: input.jurisdictionName,
      level: 'national',
      year: input.year,
      instrument: 'mgi-example',
      instrumentVersion: 'example-1',
      createdAt: new Date().toISOString(),
    },
    null,
  );
  const step = async (write: (lock: number) => Promise<MgiWriteResult>) => {
    const result = await write(assessment.lockVersion);
    if (!result.ok) throw new Error(`${result.refusal}: ${result.message}`);
    assessment = result.assessment;
  };
  const act = (action: ActionFields) =>
    step((lock) =>
      applyMgiProcessAction(
        db,
        {
          id: assessment.id,
          expectedLockVersion: lock,
          action: { ...action, actor: 'fixture', at: new Date().toISOString() } as MgiProcessAction,
        },
        null,
      ),
    );
  const ministries = input.ministries ?? ['Ministry of Labour', 'Ministry of Foreign Affairs'];
  await act({ type: 'begin-data-collection' });
  const answers = Object.fromEntries(
    Object.entries(input.answers).map(([itemId, optionId]) => [itemId, { optionId, comment: `Evidence ${itemId}` }]),
  );
  await step((lock) =>
    saveMgiAnswers(db, { id: assessment.id, expectedLockVersion: lock, answers, at: new Date().toISOString() }, null),
  );
  await act({ type: 'submit-draft' });
  await act({ type: 'open-consultation', ministries });
  for (const ministry of ministries) await act({ type: 'comment', ministry, body: 'Agreed' });
  await act({ type: 'close-consultation' });
  await act({ type: 'approve', authority: 'Council of Ministers' });
  await act({ type: 'publish' });
  return assessment;
}
