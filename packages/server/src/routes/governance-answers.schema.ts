/**
 * The answers of the governance routes that share the versioned-document editing (partnership
 * registry, crosswalks): the version an edit stored, the history of versions, and the partnership
 * registry's public views.
 */
import { z } from 'zod';
import { coverageSchema, provenanceSchema, resultValuesSchema } from '../public-data/public-answers.schema.ts';
import { jsonValueSchema } from '../assessments/assessment-answers.schema.ts';

const editorSchema = z.string().nullable().describe('Public answers name the editor by role title, never by id');

/** The version an edit stored, with what it added or changed (`record`, or `link` for the crosswalk). */
export function editAnswerOf<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({
      name: z.string().describe('The stored document: partnership-registry or crosswalk'),
      version: z.number().int().describe('The new version: send it as If-Match with the next edit'),
      description: z.string(),
      source: z.string(),
      change: jsonValueSchema.optional().describe('What the edit did: its type and the record'),
      createdAt: z.string(),
      createdBy: editorSchema,
    })
    .extend(shape);
}

const documentVersionSchema = z
  .object({
    version: z.number().int(),
    description: z.string(),
    source: z.string(),
    change: jsonValueSchema.optional().describe('What the edit did, e.g. { type: add-link, link }'),
    createdAt: z.string(),
    createdBy: editorSchema.optional(),
  })
  .meta({ id: 'DocumentVersion' });

/** GET …/history: every version of a stored document, newest first. */
export const documentHistorySchema = z.object({ items: z.array(documentVersionSchema) });

const sourcedTextSchema = z
  .object({
    text: z.string(),
    source: z.string(),
    unverified: z.boolean(),
    unverifiedReason: z.string().optional().describe('Why it is unverified (no primary source, or not confirmed)'),
  })
  .meta({ id: 'SourcedText' });

export const typeClaimSchema = z
  .object({ type: z.string(), asOf: z.string(), source: z.string() })
  .meta({ id: 'ProcessTypeClaim' });

export const partnershipSummarySchema = z
  .object({
    id: z.string(),
    acronym: z.string(),
    name: z.string(),
    type: z.string().nullable().describe('The latest type'),
    types: z.array(typeClaimSchema),
    typeText: z.string(),
    region: z.string(),
    founding: z.array(sourcedTextSchema.extend({ year: z.number().int().optional() })),
    secretariat: sourcedTextSchema,
    associatedOrganization: z.string().optional(),
    memberCountReported: sourcedTextSchema,
    memberCount: z.number().int().nullable().describe('Members counted from verified records; null when not compiled'),
    memberCountNotCompiled: z.string().optional(),
    memberCountUnverifiedLeftOut: z.number().int().optional(),
    source: z.string(),
    notes: z.string().optional(),
  })
  .meta({ id: 'PartnershipSummary' });

export const partnershipListSchema = z.object({
  version: z.number().int(),
  asOf: z.string().nullable(),
  items: z.array(partnershipSummarySchema),
});

export const partnershipOverlapsSchema = z.object({
  asOf: z.string().nullable(),
  items: z.array(z.object({ processes: z.tuple([z.string(), z.string()]), shared: z.array(z.string()) })),
});

export const membershipSchema = z
  .object({
    id: z.string(),
    process: z.string(),
    area: z.string().optional(),
    name: z.string(),
    role: z.string(),
    kind: z.enum(['member', 'observer']),
    asOf: z.string(),
    asOfYear: z.number().int().optional(),
    from: z.string().optional(),
    until: z.string().optional(),
    source: z.string(),
    unverified: z.boolean(),
    note: z.string().optional(),
  })
  .meta({ id: 'PartnershipMembership' });

export const meetingSchema = z
  .object({
    id: z.string(),
    process: z.string(),
    title: z.string(),
    date: z.string(),
    year: z.number().int().optional(),
    place: z.string(),
    theme: z.string(),
    participants: z.string().optional(),
    outcomes: z.array(z.object({ title: z.string(), source: z.string() })).readonly(),
    source: z.string(),
    unverified: z.boolean(),
  })
  .meta({ id: 'PartnershipMeeting' });

const groupDomainResultSchema = z
  .object({
    domain: z.string(),
    numerator: z.number().int(),
    denominator: z.number().int(),
    percent: z.number().nullable(),
    provenance: provenanceSchema,
    coverage: coverageSchema,
    members: z.array(z.string()),
    responding: z.array(z.string()),
    meeting: z.array(z.string()),
    notApplicable: z.array(z.string()),
    missing: z.array(z.string()),
    unresolved: z.array(z.string()),
  })
  .meta({ id: 'GroupDomainResult' });

export const partnershipDetailSchema = partnershipSummarySchema
  .extend({
    asOf: z.string().nullable(),
    members: z.array(membershipSchema),
    membershipRecords: z.array(membershipSchema),
    meetings: z.array(meetingSchema),
    memberCategories: z
      .object({ year: z.number().int(), values: z.record(z.string(), z.union([z.number().int(), z.literal('N')])) })
      .nullable()
      .describe('Each member’s overall 10.7.2 category (or N) in the latest round any member has one'),
    groupResults: z.object({
      method: z.string(),
      source: z.string(),
      containsDemo: z.boolean(),
      rounds: z.array(
        z.object({ year: z.number().int(), membersAsOf: z.string(), domains: z.array(groupDomainResultSchema) }),
      ),
    }),
  })
  .meta({ id: 'PartnershipDetail' });

const basisFields = {
  basis: z.enum(['source', 'editorial']),
  basisLabel: z.string().describe('"sourced", or the editorial label'),
};

export const crosswalkLinkSchema = z
  .object({
    id: z.string(),
    from: z.object({ kind: z.string(), id: z.string() }),
    to: z.object({ kind: z.string(), id: z.string() }),
    ...basisFields,
    source: z.string().optional(),
    unverified: z.boolean(),
    note: z.string().optional(),
    status: z.enum(['active', 'retired']),
    createdBy: z.string(),
    createdAt: z.string(),
    retired: z.object({ by: z.string(), at: z.string(), reason: z.string() }).optional(),
    replaces: z.string().optional().describe('The link this one replaced'),
  })
  .meta({ id: 'CrosswalkLink' });

export const crosswalkSchema = z.object({
  version: z.number().int(),
  editorialLabel: z.string(),
  items: z.array(crosswalkLinkSchema),
});

/** GET /crosswalks?format=csv. */
export const crosswalkAnswer = {
  description: 'The crosswalk links (JSON), or the table as CSV with format=csv',
  content: {
    'application/json': { schema: crosswalkSchema },
    'text/csv': { schema: z.string().describe('The crosswalk table as CSV') },
  },
};

/** A domain's mapping to GCM objectives and SDG targets (core's DomainGapMapping), each link with its basis. */
function gapMappingFields<Basis extends z.ZodRawShape>(basis: Basis) {
  return {
    domain: z.string(),
    domainName: z.string(),
    migof: z.string(),
    mgiDimension: z.number().int().optional(),
    gcmObjectives: z.array(
      z.object({ objective: z.number().int(), title: z.string(), shortLabel: z.string(), ...basis }),
    ),
    sdgTargets: z.array(
      z.object({
        target: z.string(),
        text: z.string().optional(),
        ...basis,
        unverified: z.boolean(),
        via: z.array(z.number().int()).describe('GCM objectives through which the target is reached'),
      }),
    ),
  };
}

const domainGapSchema = z
  .object({
    ...gapMappingFields(basisFields),
    category: z.union([z.number(), z.string()]).nullable().describe('The category (1 or 2)'),
  })
  .meta({ id: 'DomainGap' });

export const areaGapsSchema = z.object({
  area: z.object({ code: z.string(), name: z.string() }),
  source: z.string(),
  provenance: provenanceSchema.nullable(),
  containsDemo: z.boolean(),
  national: resultValuesSchema.nullable().describe('A national publication beside the official value'),
  editorialLabel: z.string(),
  year: z.number().int().nullable(),
  domains: z.array(z.object({ domain: z.string(), value: z.union([z.number(), z.string()]).nullable() })),
  gaps: z.array(domainGapSchema),
});

const briefGapSchema = z.object({
  ...gapMappingFields({ basis: basisFields.basis }),
  category: z.union([z.literal(1), z.literal(2)]),
  categoryLabel: z.string(),
});

/** A brief's content (the briefs package's BriefContent). */
const briefContentSchema = z
  .object({
    title: z.string(),
    area: z.object({ code: z.string(), name: z.string(), alpha3: z.string().optional() }),
    summary: z.string(),
    results: z.object({
      year: z.number().int().optional(),
      source: z.string().optional(),
      domains: z.array(
        z.object({
          domain: z.string(),
          name: z.string(),
          status: z.enum(['result', 'not-applicable', 'no-data']),
          category: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
          categoryLabel: z.string().optional(),
        }),
      ),
    }),
    mgi: z
      .object({
        instrument: z.string(),
        version: z.string(),
        year: z.number().int().optional(),
        exampleInstrument: z.boolean(),
        dimensions: z.array(
          z.object({
            label: z.string(),
            wellDeveloped: z.array(z.string()),
            furtherDevelopment: z.array(z.string()),
          }),
        ),
        changes: z
          .object({
            sinceYear: z.number().int().optional(),
            dimensions: z.array(
              z.object({
                label: z.string(),
                becameWellDeveloped: z.array(z.string()),
                newlyFurtherDevelopment: z.array(z.string()),
              }),
            ),
          })
          .optional(),
      })
      .optional(),
    gaps: z.array(briefGapSchema),
    processes: z.array(
      z.object({
        id: z.string(),
        acronym: z.string(),
        name: z.string(),
        type: z.string(),
        role: z.string(),
        asOf: z.string(),
        source: z.string(),
        unverified: z.boolean(),
      }),
    ),
    entryPoints: z.array(z.object({ stage: z.string(), title: z.string(), text: z.string() })),
    checklist: z.array(
      z.object({
        element: z.string(),
        title: z.string(),
        status: z.enum(['in-place', 'in-progress', 'not-in-place', 'unknown']),
        note: z.string().optional(),
      }),
    ),
    notes: z.string(),
    sources: z.array(z.string()),
  })
  .meta({ id: 'BriefContent' });

const briefVersionSchema = z
  .object({
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    change: z.enum(['generated', 'edited']),
    description: z.string(),
    content: briefContentSchema,
  })
  .meta({ id: 'BriefVersion' });

export const briefSchema = z
  .object({
    id: z.string(),
    area: z.string(),
    year: z.number().int().nullable(),
    latestVersion: z.number().int().describe('Send it as If-Match with the next edit'),
    versions: z.array(briefVersionSchema).describe('Every version, oldest first'),
  })
  .meta({ id: 'Brief' });
