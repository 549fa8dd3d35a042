/**
 * The lost-update probe: read the counter kept in item 1a's comment, save counter + 1 with the lock
 * version read, and on ConflictError retry from the current state the error carries. If locking ever
 * let two savers through with the same lock version, the final counter would fall short.
 */
import { ConflictError } from '../errors.ts';
import type { MigovDatabase } from '../database.ts';
import { getAssessment, saveResponses, type Assessment } from '../assessments/assessments.repository.ts';

/** Increment the counter once, retrying on conflicts; returns how many conflicts it met. */
export async function incrementCounter(
  db: MigovDatabase,
  assessmentId: string,
  actorId: string | null,
  random: () => number = Math.random,
): Promise<number> {
  let current: Assessment = await getAssessment(db, assessmentId);
  for (let conflicts = 0; ; conflicts += 1) {
    const counter = Number(current.responses['1a']?.comment ?? '0');
    try {
      await saveResponses(
        db,
        {
          assessmentId,
          expectedLockVersion: current.lockVersion,
          changes: [{ itemId: '1a', comment: String(counter + 1) }],
        },
        actorId,
      );
      return conflicts;
    } catch (error) {
      if (!(error instanceof ConflictError) || !error.current) throw error;
      // Exponential backoff with full jitter, as a client should do, then a fresh read: contenders spread out instead of colliding in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * Math.min(2 ** conflicts, 2000))));
      current = await getAssessment(db, assessmentId);
    }
  }
}
