/** A round as the API shows it: its days and whether it is open at the time of the answer. */
import { z } from 'zod';
import { roundClosedAt, roundStatus, type Round } from '@migov/db';

/** A round as the API shows it, with its status at the time of the answer. */
export const roundSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    instrument: z.string(),
    version: z.string(),
    opensOn: z.string(),
    closesOn: z.string().describe('the last day open (UTC)'),
    status: z
      .enum(['open', 'closed'])
      .describe('closed: no assessment can be started nor a draft submitted for the first time'),
    closedAt: z
      .string()
      .describe('when the round closed or closes: the end of its closing day, or when an administrator closed it'),
    createdAt: z.string(),
  })
  .meta({ id: 'Round' });

/** A round with its status at `now`. */
export function roundView(round: Round, now: Date): z.infer<typeof roundSchema> {
  return {
    id: round.id,
    year: round.year,
    instrument: round.instrument,
    version: round.version,
    opensOn: round.opensOn,
    closesOn: round.closesOn,
    status: roundStatus(round, now),
    closedAt: roundClosedAt(round),
    createdAt: round.createdAt,
  };
}
