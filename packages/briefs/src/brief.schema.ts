/**
 * zod schemas of the brief API's input: an edit of the latest version, and a regeneration. Routes
 * validate with them (and publish them in OpenAPI); editBrief and regenerateBrief check the same rules.
 */
import { z } from 'zod';
import { CHECKLIST_STATUSES, MAINSTREAMING_ELEMENTS, PLANNING_STAGES } from './brief.model.ts';

const longText = z.string().max(20_000);

/** The body of "edit the brief": what changes and why (the version it starts from travels as If-Match). */
export const briefEditRequestSchema = z
  .object({
    description: z.string().trim().min(1).max(2_000),
    edit: z
      .object({
        title: z.string().trim().min(1).max(500).optional(),
        summary: longText.optional(),
        notes: longText.optional(),
        entryPoints: z.partialRecord(z.enum(PLANNING_STAGES), longText).optional(),
        checklist: z
          .partialRecord(
            z.enum(MAINSTREAMING_ELEMENTS),
            z
              .object({ status: z.enum(CHECKLIST_STATUSES).optional(), note: z.string().max(5_000).optional() })
              .strict(),
          )
          .optional(),
      })
      .strict(),
  })
  .strict();

/** The body of "generate a brief": the country, the round, and what is known of the mainstreaming set-up. */
export const briefGenerateRequestSchema = z
  .object({
    area: z.string().trim().min(1).max(10).describe('M49 or ISO 3166-1 code of a country'),
    round: z.number().int().min(2015).max(2100).optional(),
    checklist: z
      .partialRecord(
        z.enum(MAINSTREAMING_ELEMENTS),
        z.object({ status: z.enum(CHECKLIST_STATUSES), note: z.string().max(5_000).optional() }).strict(),
      )
      .optional(),
  })
  .strict();
