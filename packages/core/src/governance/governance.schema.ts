/**
 * zod schemas of the inputs the governance API takes (MGI answers and process actions, crosswalk
 * links, membership records), so routes validate with the same rules the pure functions apply and
 * publish them in OpenAPI.
 */
import { z } from 'zod';
import { CROSSWALK_NODE_KINDS, LINK_BASES } from './crosswalks/crosswalk.ts';
import { MEMBERSHIP_KINDS } from './partnerships/partnership.ts';

/**
 * The one rule for a link a user gives (an MGI publication, an evidence page): an absolute http or
 * https URL of at most 2,000 characters. javascript:, data:, file: and every other scheme are
 * refused: the link is shown to others as a link.
 */
export const webUrlSchema = z.url({ protocol: /^https?$/, error: 'an absolute http:// or https:// URL' }).max(2_000);

/** Whether a text is a link webUrlSchema accepts (for checks outside a schema). */
export function isWebUrl(text: unknown): text is string {
  return webUrlSchema.safeParse(text).success;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const dateTime = z.iso.datetime({ offset: true });
const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');

/** Answers of an MGI-style assessment: item id -> option and narrative evidence. */
export const profileResponsesSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  z.object({ optionId: z.string().min(1).optional(), comment: z.string().max(20_000).optional() }).strict(),
);

const actionBase = { actor: text(200), at: dateTime };

/** The fields of each process action besides who acts and when. */
const ACTION_FIELDS = {
  'begin-data-collection': {},
  'submit-draft': {},
  'open-consultation': { ministries: z.array(text(300)).min(1).max(100) },
  comment: { ministry: text(300), body: text(20_000), itemId: z.string().optional() },
  'close-consultation': {},
  'revise-draft': { reason: text(5_000) },
  approve: { authority: text(300), reference: z.string().max(300).optional() },
  publish: { url: webUrlSchema.optional() },
} as const;

const actionOf = <T extends keyof typeof ACTION_FIELDS, E extends z.ZodRawShape>(type: T, extra: E) =>
  z.object({ type: z.literal(type), ...ACTION_FIELDS[type], ...extra }).strict();

/** An action on an MGI-style assessment's process (see applyMgiAction). */
export const mgiProcessActionSchema = z.discriminatedUnion('type', [
  actionOf('begin-data-collection', actionBase),
  actionOf('submit-draft', actionBase),
  actionOf('open-consultation', actionBase),
  actionOf('comment', actionBase),
  actionOf('close-consultation', actionBase),
  actionOf('revise-draft', actionBase),
  actionOf('approve', actionBase),
  actionOf('publish', actionBase),
]);

const invitee = z.object({ ministry: text(300), email: z.email().max(320) }).strict();

/**
 * A process action as the API takes it: the server adds who acts and when. Opening a consultation may
 * invite platform users to comment for a ministry (`invite`).
 */
export const mgiActionRequestSchema = z.discriminatedUnion('type', [
  actionOf('begin-data-collection', {}),
  actionOf('submit-draft', {}),
  actionOf('open-consultation', { invite: z.array(invitee).max(500).optional() }),
  actionOf('comment', {}),
  actionOf('close-consultation', {}),
  actionOf('revise-draft', {}),
  actionOf('approve', {}),
  actionOf('publish', {}),
]);

const crosswalkNodeSchema = z.object({ kind: z.enum(CROSSWALK_NODE_KINDS), id: text(20) }).strict();

/** A new crosswalk link (see addCrosswalkLink, which also checks the node ids and duplicates). */
export const newCrosswalkLinkSchema = z
  .object({
    from: crosswalkNodeSchema,
    to: crosswalkNodeSchema,
    basis: z.enum(LINK_BASES),
    source: z.string().max(2_000).optional(),
    unverified: z.boolean().optional(),
    note: z.string().max(2_000).optional(),
  })
  .strict();

/** A new membership record of a consultation process (see addMembership). */
export const newMembershipSchema = z
  .object({
    process: text(100),
    area: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional(),
    name: text(300),
    role: text(300),
    kind: z.enum(MEMBERSHIP_KINDS),
    asOf: text(100),
    from: partialDate.optional(),
    until: partialDate.optional(),
    source: text(2_000),
    unverified: z.boolean().optional(),
    note: z.string().max(2_000).optional(),
  })
  .strict();
