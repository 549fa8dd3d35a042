/**
 * The published MGI-style profiles of `migov publish`, read in bulk. A profile page reads
 * `GET /mgi/profiles/:jurisdiction/:year`, whose route reads the profile and then every round of its
 * jurisdiction (two queries per profile, tens of thousands at the world's size). This transport
 * answers those calls from batches of jurisdictions read in one query each
 * (`listPublishedMgiRounds`), drawn by the route's own view (`publishedMgiProfile`) and serialized as
 * the route serializes it: the same bytes. Every other call, and any profile a batch does not hold,
 * goes to the app.
 */
import { listPublishedMgiRounds } from '@migov/db';
import { publishedMgiProfile, type MigovApp } from '@migov/server';
import type { TextAnswer, Transport } from '@migov/web/ssr';

/** Jurisdictions read per query: about 2.5 published profiles each at the world's size. */
const BATCH = 250;

const profilePath = (jurisdiction: string, year: number) => `/mgi/profiles/${encodeURIComponent(jurisdiction)}/${year}`;

/**
 * A transport that answers published profiles from bulk reads and passes every other call to
 * `transport`. Batches are read as profiles are asked for, in the order of the profiles' list
 * (jurisdiction, then year), and each answer is let go once given, so memory stays at about a batch.
 * `bytes` gives bodies as UTF-8 bytes, as `injectTransport`'s option does (to move to a worker).
 */
export function bulkProfileTransport(
  app: Pick<MigovApp, 'migov'>,
  transport: Transport,
  options: { bytes?: boolean; batch?: number } = {},
): Transport {
  const context = app.migov;
  const encoder = new TextEncoder();
  /** Answers read and not yet given, by path. */
  const answers = new Map<string, TextAnswer>();
  /** Every profile path a batch has held (given or not). */
  const read = new Set<string>();
  let after: string | undefined;
  let finished = false;
  let reading: Promise<void> | undefined;
  const readNext = () =>
    (reading ??= (async () => {
      const batch = await listPublishedMgiRounds(context.db, {
        limit: options.batch ?? BATCH,
        ...(after !== undefined ? { after } : {}),
      });
      for (const { assessment, previous } of batch.items) {
        const path = profilePath(assessment.jurisdiction, assessment.year);
        read.add(path);
        let text: string;
        try {
          text = JSON.stringify(publishedMgiProfile(context, assessment, previous));
        } catch {
          continue; // a profile the route cannot draw (its instrument is gone): the app answers with the problem
        }
        answers.set(path, { status: 200, body: options.bytes ? encoder.encode(text) : text });
      }
      after = batch.next;
      finished = after === undefined;
    })().finally(() => (reading = undefined)));
  const profile = async (path: string): Promise<TextAnswer | undefined> => {
    while (!answers.has(path) && !read.has(path) && !finished) await readNext();
    const answer = answers.get(path);
    answers.delete(path);
    return answer;
  };
  return {
    async text(path, requestOptions) {
      if ((requestOptions.method ?? 'GET') === 'GET' && /^\/mgi\/profiles\/[^/?]+\/\d+$/.test(path)) {
        const answer = await profile(path);
        if (answer) return answer;
      }
      return transport.text(path, requestOptions);
    },
    raw: (path) => transport.raw(path),
  };
}
