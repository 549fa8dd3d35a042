/**
 * The answers of the public data routes (instruments, areas, publications, results, aggregates). These
 * bodies are prepared once and served as bytes from the public cache (http/etag.ts): the schemas
 * document them and type the value the body is made from (`jsonAnswer`), without a serialisation per
 * request.
 */
import { z } from 'zod';
import {
  instrumentFileSchema,
  localizedTextSchema,
  POLICY_DOMAIN_CODES,
  type CountryResult,
  type DeepReadonly,
  type Provenance,
} from '@migov/core';
import { jsonBody, type CachedBody } from '../http/etag.ts';

/** A prepared body whose value the compiler checks against the answer's schema. */
export function jsonAnswer<Schema extends z.ZodType>(
  _schema: Schema,
  value: DeepReadonly<z.input<Schema>>,
): CachedBody {
  return jsonBody(value);
}

/** The answers of a cached public route: the body, or 304 when the client has it. */
export function cachedAnswers<Answer extends object>(schema: Answer) {
  return { 200: schema, 304: z.null().describe('Not modified (If-None-Match matched the ETag)') };
}

/** File bytes as an answer's body (documented as a binary string). */
export function binaryFile(description: string) {
  return z
    .custom<Buffer>((value) => Buffer.isBuffer(value))
    .meta({ type: 'string', format: 'binary', description } as Record<string, unknown>);
}

/** A file download: the bytes, in the file's own media type unless one is named. */
export function fileAnswer(description: string, mediaType = '*/*') {
  return { description, content: { [mediaType]: { schema: binaryFile(description) } } };
}

/**
 * A value whose type the server's code defines (core's and the database's own types): typed exactly
 * for clients through the inferred answer types, documented as an object with its description, and
 * sent as it is (no field is dropped, nothing is checked again).
 */
export function typedObject<Value>(description: string, id?: string) {
  return z
    .custom<Value>(() => true)
    .meta({ type: 'object', description, ...(id ? { id } : {}) } as Record<string, unknown>);
}

/** A paged list of a route's items. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

export const instrumentSummarySchema = z
  .object({
    instrument: z.string(),
    version: z.string(),
    kind: z.enum(['scored', 'profile']),
    title: localizedTextSchema,
    validFrom: z.string().optional(),
    items: z.number().int().describe('How many items (sub-categories) the instrument has'),
  })
  .meta({ id: 'InstrumentSummary' });

export const instrumentsSchema = z.object({ items: z.array(instrumentSummarySchema) });

export const instrumentVersionSchema = instrumentFileSchema.meta({
  id: 'InstrumentVersion',
  description: 'One instrument version: domains, items, response options and scoring, with its translations',
});

export const instrumentFileJsonSchema = z
  .object({
    title: z.string(),
    type: z.literal('object'),
    properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .loose()
  .describe('A JSON Schema (draft 2020-12) document, with its $schema and $id');

export const areaSummarySchema = z
  .object({
    code: z.string().describe('M49 code without leading zeros, or a group id'),
    m49: z.string().optional(),
    name: z.string(),
    kind: z.string(),
    alpha2: z.string().optional().describe('ISO 3166-1 alpha-2 (names the country in the reader’s language)'),
    alpha3: z.string().optional(),
    parent: z.string().optional(),
  })
  .meta({ id: 'AreaSummary' });

export const areaDetailSchema = areaSummarySchema
  .extend({ kinds: z.array(z.string()), memberCodes: z.array(z.string()) })
  .meta({ id: 'AreaDetail' });

/** Where a shown value comes from (one shape on every answer that carries a 10.7.2 value); core's Provenance. */
export const provenanceSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('official'),
      label: z.string(),
      source: z.string(),
      series: z.enum(['SG_CPA_MIGRS', 'SG_CPA_MIGRP']),
      snapshot: z.object({ id: z.string(), retrievedOn: z.string() }).optional(),
    }),
    z.object({
      kind: z.literal('national'),
      label: z.string(),
      publicationNumber: z.number().int(),
      publishedAt: z.string(),
      validatedBy: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('computed'),
      label: z.string(),
      responding: z.number().int(),
      members: z.number().int(),
    }),
    z.object({
      kind: z.literal('demo'),
      label: z.string(),
      publicationNumber: z.number().int().optional(),
      publishedAt: z.string().optional(),
    }),
  ])
  .meta({ id: 'Provenance' });

const publishedScoreSchema = z
  .object({
    code: z.string(),
    status: z.enum(['scored', 'not-applicable']),
    exactScore: z.string().optional().describe('Exact score as num/den on the instrument’s scale'),
    score: z.string().optional().describe('The score rounded to one decimal, as text'),
    category: z.number().int().optional(),
    categoryLabel: z.string().optional(),
    meets: z.boolean().optional(),
  })
  .meta({ id: 'PublishedScore' });

const publishedResultFields = {
  jurisdiction: z.string(),
  year: z.number().int(),
  instrument: z.string(),
  version: z.string(),
  publicationNumber: z.number().int(),
  publishedAt: z.string(),
  overall: publishedScoreSchema,
  domains: z.array(publishedScoreSchema.extend({ domainId: z.string() })),
};

export const publishedResultSchema = z
  .object({ ...publishedResultFields, provenance: provenanceSchema.nullable() })
  .meta({ id: 'PublishedResult' });

export const publishedEvidenceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['file', 'link']),
    title: z.string(),
    url: z.string().optional(),
    file: z
      .object({
        filename: z.string(),
        mediaType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        downloadUrl: z.string().describe('The public download path of the file'),
      })
      .optional(),
  })
  .meta({ id: 'PublishedEvidence' });

export const publicationSchema = z
  .object({
    ...publishedResultFields,
    demo: z.boolean(),
    responses: z.record(z.string(), z.string()).describe('Item id -> option id as published'),
    evidence: z
      .record(z.string(), z.array(publishedEvidenceSchema))
      .describe('Item id -> the evidence attached when published'),
  })
  .meta({ id: 'Publication' });

export const officialSnapshotSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    sourceDetail: z.string(),
    retrievedOn: z.string(),
    origin: z.enum(['bundled', 'fetched']),
    label: z.string(),
    loadedAt: z.string(),
    series: z.array(
      z.object({ series: z.string(), indicator: z.string(), description: z.string().optional(), rows: z.number() }),
    ),
  })
  .meta({ id: 'OfficialSnapshot' });

export const domainValueSchema = z
  .object({
    code: z.enum(POLICY_DOMAIN_CODES),
    status: z.enum(['result', 'not-applicable', 'no-data']),
    category: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
    label: z.string().nullable(),
    meets: z.boolean().nullable(),
  })
  .meta({ id: 'DomainValue' });

export const resultValuesSchema = z
  .object({ overall: domainValueSchema, domains: z.array(domainValueSchema), provenance: provenanceSchema })
  .meta({ id: 'ResultValues' });

export const countryResultSchema = z
  .object({
    area: z.string(),
    name: z.string(),
    year: z.number().int(),
    value: resultValuesSchema.describe('The value to show: the UN’s for rounds it published, else the national one'),
    official: resultValuesSchema.nullable(),
    national: resultValuesSchema.nullable(),
    shown: z.enum(['official', 'national', 'demo']),
    differs: z.boolean().describe('A national or demo publication beside the official value differs from it'),
  })
  .meta({ id: 'CountryResult' });

export const officialDataSchema = z.object({ snapshot: officialSnapshotSchema.nullable() });

export const resultRoundsSchema = z.object({
  snapshot: officialSnapshotSchema.nullable(),
  rounds: z.array(
    z.object({
      year: z.number().int(),
      instrument: z.string(),
      version: z.string(),
      official: z.number().int(),
      national: z.number().int(),
      demo: z.number().int(),
    }),
  ),
  containsDemo: z.boolean(),
});

export const roundResultsSchema = pageOf(countryResultSchema).extend({
  year: z.number().int(),
  instrument: z.string(),
  snapshot: officialSnapshotSchema.nullable(),
  containsDemo: z.boolean(),
});

export const areaResultsSchema = z.object({
  area: z.object({ code: z.string(), name: z.string() }),
  snapshot: officialSnapshotSchema.nullable(),
  containsDemo: z.boolean(),
  items: z.array(countryResultSchema),
});

const observationFields = {
  series: z.string(),
  area: z.string(),
  year: z.number().int(),
  domain: z.string(),
  value: z.union([z.number(), z.literal('N')]).describe('A percentage, or N (not applicable)'),
  nature: z.string().optional(),
};

/** How many members a group figure covers: members, responding (the denominator), not applicable, missing. */
export const coverageSchema = z
  .object({
    members: z.number().int(),
    responding: z.number().int(),
    notApplicable: z.number().int(),
    missing: z.number().int(),
  })
  .meta({ id: 'Coverage' });

export const computedAggregateSchema = z
  .object({
    ...observationFields,
    value: z.number(),
    timeDetail: z.string().optional(),
    source: z.string().optional(),
    footnote: z.string().optional(),
    numerator: z.number().int(),
    denominator: z.number().int(),
    fraction: z.object({ numerator: z.number().int(), denominator: z.number().int() }).describe('The exact share'),
    coverage: coverageSchema,
    origin: z.literal('computed'),
    membershipAsOf: z.union([z.string(), z.number()]),
    provenance: provenanceSchema,
  })
  .meta({ id: 'ComputedAggregate' });

export const officialAggregateSchema = z
  .object({
    ...observationFields,
    name: z.string(),
    coverage: z.object({ responding: z.number().int(), publishedPerCountry: z.number().int() }).nullable(),
    provenance: provenanceSchema,
  })
  .meta({ id: 'OfficialAggregate' });

export const aggregatesSchema = z.object({
  year: z.number().int(),
  instrument: z.string(),
  snapshot: officialSnapshotSchema.nullable(),
  containsDemo: z.boolean(),
  official: z.array(officialAggregateSchema).describe('The UN’s own figures (the headline), with their coverage'),
  computed: z.array(computedAggregateSchema).describe('Computed by migov from the values shown'),
  published: z.array(z.object(observationFields)).describe('The official aggregates in the earlier shape'),
  problems: z.array(
    z.object({
      file: z.string(),
      row: z.number().int().optional(),
      column: z.string().optional(),
      value: z.string().optional(),
      message: z.string(),
    }),
  ),
});

const file = (description: string) => ({ schema: z.string().describe(description) });

/** A bulk download: the body in the media type of its format. */
export const downloadAnswer = {
  description: 'The file in the format asked for',
  content: {
    'text/csv': file('SDG API CSV (format csv) or SDMX-CSV (format sdmx-csv)'),
    'application/xml': file('SDMX-ML 2.1 (format sdmx-ml)'),
    'application/json': file('The values shown with their provenance (format json)'),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: binaryFile('An Excel workbook (format xlsx)'),
    },
  },
};

/** True when two types are assignable both ways: the schemas that restate core's result types stay equal to them. */
export type SameType<Left, Right> = [Left] extends [Right] ? ([Right] extends [Left] ? true : false) : false;
const _sameAsCore: [
  SameType<z.infer<typeof provenanceSchema>, Provenance>,
  SameType<z.infer<typeof countryResultSchema>, CountryResult>,
] = [true, true];
