/**
 * The partnership registry as public data: inter-State consultation mechanisms on migration, their
 * dated membership and meetings, shared members, and the 10.7.2 results of a process's members as a
 * group, computed from the published observations in the database. ETags and 304 on everything.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  computedLabel,
  DEMO_LABEL,
  type Provenance,
  addMeeting,
  addMembership,
  addTypeClaim,
  endMembership,
  findProcess,
  newMembershipSchema,
  listProcesses,
  memberCategories,
  PROCESS_TYPES,
  processGroupResults,
  processMeetings,
  processMemberAreas,
  processMemberCount,
  type ProcessMemberCount,
  processMemberships,
  processOverlaps,
  type ConsultationProcess,
  type MembershipQuery,
  type Observation,
  type PartnershipRegistry,
  type ProcessType,
  type RegistryEditResult,
} from '@migov/core';
import { loadPartnershipRegistry } from '@migov/db';
import { countryResults, shownObservations } from '../public-data/results-service.ts';
import { ApiError } from '../errors/api-error.ts';
import { PUBLIC, requirePrincipal } from '../http/route-kit.ts';
import { sendCached } from '../http/etag.ts';
import {
  editFields,
  editHeaders,
  EDITORS_TEXT,
  expectVersion,
  GOVERNANCE_EDITORS,
  historyAnswer,
  invalidEdit,
  storeEdit,
  versionView,
} from './crosswalks-and-partnerships.editing.ts';
import {
  documentHistorySchema,
  editAnswerOf,
  meetingSchema,
  membershipSchema,
  partnershipDetailSchema,
  partnershipListSchema,
  partnershipOverlapsSchema,
  typeClaimSchema,
} from './governance-answers.schema.ts';
import { cachedAnswers, jsonAnswer } from '../public-data/public-answers.schema.ts';

/** A membership date as the registry takes it: a year, a month or a day. */
const asOfSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .optional()
  .describe('Membership date (YYYY, YYYY-MM or YYYY-MM-DD); default: current records without an end');
const observersSchema = z.enum(['true', 'false']).default('false').describe('Count observers as members');

function membershipQuery(asOf: string | undefined, observers: 'true' | 'false'): MembershipQuery {
  return {
    ...(asOf ? { asOf: /^\d{4}$/.test(asOf) ? Number(asOf) : asOf } : {}),
    ...(observers === 'true' ? { includeObservers: true } : {}),
  };
}

function processSummary(registry: PartnershipRegistry, process: ConsultationProcess, query: MembershipQuery) {
  return {
    id: process.id,
    acronym: process.acronym,
    name: process.name,
    type: process.types.at(-1)?.type ?? null,
    types: process.types,
    typeText: process.typeText,
    region: process.region,
    founding: process.founding,
    secretariat: process.secretariat,
    ...(process.associatedOrganization ? { associatedOrganization: process.associatedOrganization } : {}),
    memberCountReported: process.memberCountReported,
    // A count only when the member list is compiled from primary sources; else null with the reason (never 0).
    ...memberCountFields(processMemberCount(registry, process.id, query)),
    source: process.source,
    ...(process.notes ? { notes: process.notes } : {}),
  };
}

function memberCountFields(count: ProcessMemberCount) {
  return count.compiled
    ? {
        memberCount: count.count,
        ...(count.unverifiedLeftOut > 0 ? { memberCountUnverifiedLeftOut: count.unverifiedLeftOut } : {}),
      }
    : { memberCount: null, memberCountNotCompiled: count.reason };
}

/** The rounds present in the observations, oldest first. */
function roundsOf(observations: readonly Observation[]): number[] {
  return [...new Set(observations.map((observation) => observation.year))].sort((left, right) => left - right);
}

/** A group figure is computed by migov from n of N members; with a demo value among them it is demo. */
function groupProvenance(
  responding: readonly string[],
  members: number,
  year: number,
  demo: ReadonlySet<string>,
): Provenance {
  if (responding.some((area) => demo.has(`${area}|${year}`)))
    return {
      kind: 'demo',
      label: `${DEMO_LABEL} (${computedLabel(responding.length, members)}, demo values among them)`,
    };
  return { kind: 'computed', label: computedLabel(responding.length, members), responding: responding.length, members };
}

/** Per round and domain: the group figure of the members and how many of them it covers. */
function groupResultsByRound(
  registry: PartnershipRegistry,
  processId: string,
  observations: readonly Observation[],
  includeObservers: boolean,
  demo: ReadonlySet<string> = new Set(),
) {
  return roundsOf(observations).map((year) => ({
    year,
    membersAsOf: String(year),
    domains: processGroupResults(registry, processId, observations, {
      year,
      ...(includeObservers ? { includeObservers: true } : {}),
    }).map((result) => ({
      domain: result.domain,
      numerator: result.numerator,
      denominator: result.denominator,
      percent: result.percent ?? null,
      provenance: groupProvenance(result.responding, result.members.length, year, demo),
      coverage: {
        members: result.members.length,
        responding: result.responding.length,
        notApplicable: result.notApplicable.length,
        missing: result.missing.length,
      },
      members: result.members,
      responding: result.responding,
      meeting: result.meeting,
      notApplicable: result.notApplicable,
      missing: result.missing,
      unresolved: result.unresolved,
    })),
  }));
}

/** Public partnership routes under /api/v1. */
export const partnershipRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const cache = context.publicCache;
  /** The stored registry (seeded from the compiled reference data on first use). */
  const stored = () => loadPartnershipRegistry(context.db);

  app.get(
    '/partnerships',
    {
      config: PUBLIC,
      schema: {
        tags: ['partnerships'],
        summary:
          'Inter-State consultation mechanisms on migration: type history, founding years with sources, secretariat, member count as of a date',
        querystring: z.object({
          type: z.enum(PROCESS_TYPES).optional(),
          asOf: asOfSchema,
          includeObservers: observersSchema,
        }),
        response: cachedAnswers(partnershipListSchema),
      },
    },
    async (request, reply) => {
      const { type, asOf, includeObservers } = request.query;
      const query = membershipQuery(asOf, includeObservers);
      const body = await cache.get(`partnerships:${type ?? ''}:${asOf ?? ''}:${includeObservers}`, async () => {
        const { content: registry, version } = await stored();
        return jsonAnswer(partnershipListSchema, {
          version,
          asOf: asOf ?? null,
          items: listProcesses(registry, type ? { type } : {}).map((process) =>
            processSummary(registry, process, query),
          ),
        });
      });
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/partnerships/overlaps',
    {
      config: PUBLIC,
      schema: {
        tags: ['partnerships'],
        summary: 'Pairs of processes that share members (M49 codes), most shared first',
        querystring: z.object({
          asOf: asOfSchema,
          includeObservers: observersSchema,
          processes: z.string().max(2000).optional().describe('Comma-separated process ids or acronyms; default all'),
        }),
        response: cachedAnswers(partnershipOverlapsSchema),
      },
    },
    async (request, reply) => {
      const { asOf, includeObservers, processes } = request.query;
      const wanted = processes
        ?.split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0);
      const { content: registry } = await stored();
      const ids = wanted?.map((entry) => {
        const process = findProcess(registry, entry);
        if (!process)
          throw new ApiError(
            'not-found',
            `no consultation process ${JSON.stringify(entry)} (use an id or acronym from /partnerships)`,
          );
        return process.id;
      });
      const query = membershipQuery(asOf, includeObservers);
      const body = await cache.get(
        `partnership-overlaps:${asOf ?? ''}:${includeObservers}:${ids?.join(',') ?? ''}`,
        async () =>
          jsonAnswer(partnershipOverlapsSchema, {
            asOf: asOf ?? null,
            items: processOverlaps(registry, { ...query, ...(ids ? { processes: ids } : {}) }),
          }),
      );
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/partnerships/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['partnerships'],
        summary:
          'One process: membership records over time, members as of a date, meetings with outcome documents, and the 10.7.2 results of its members per round and domain',
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: z.object({ asOf: asOfSchema, includeObservers: observersSchema }),
        response: cachedAnswers(partnershipDetailSchema),
      },
    },
    async (request, reply) => {
      const { content: registry } = await stored();
      const process = findProcess(registry, request.params.id);
      if (!process)
        throw new ApiError(
          'not-found',
          `no consultation process ${JSON.stringify(request.params.id)} (use an id or acronym from /partnerships)`,
        );
      const { asOf, includeObservers } = request.query;
      const query = membershipQuery(asOf, includeObservers);
      const body = await cache.get(`partnership:${process.id}:${asOf ?? ''}:${includeObservers}`, async () => {
        const results = await countryResults(context);
        const observations = shownObservations(results).map((entry) => entry.observation);
        const demo = new Set(
          results
            .filter((result) => result.value.provenance.kind === 'demo')
            .map((result) => `${result.area}|${result.year}`),
        );
        return jsonAnswer(partnershipDetailSchema, {
          ...processSummary(registry, process, query),
          asOf: asOf ?? null,
          members: processMemberships(registry, process.id, query),
          membershipRecords: registry.memberships.filter((record) => record.process === process.id),
          meetings: processMeetings(registry, process.id),
          memberCategories: memberCategories(processMemberAreas(registry, process.id, query), observations) ?? null,
          groupResults: {
            method:
              '100 x members in category 3 or 4 / responding members (category 1-4); not applicable and missing left out of both; membership on 1 January of the round year',
            source:
              'the 10.7.2 values the results service shows (official where the UN published, else national publications)',
            containsDemo:
              demo.size > 0 &&
              processMemberAreas(registry, process.id, query).some((area) =>
                [...demo].some((key) => key.startsWith(`${area}|`)),
              ),
            rounds: groupResultsByRound(registry, process.id, observations, includeObservers === 'true', demo),
          },
        });
      });
      return sendCached(request, reply, body);
    },
  );
  app.get(
    '/partnerships/history',
    {
      config: PUBLIC,
      schema: {
        tags: ['partnerships'],
        summary:
          'Every version of the partnership registry, newest first, with the description, source and change of each edit',
        response: { 200: documentHistorySchema },
      },
    },
    async (_request, reply) => historyAnswer(context, reply, 'partnership-registry'),
  );

  /** Apply a core edit to the stored registry and store it. */
  async function editRegistry<T>(
    request: FastifyRequest,
    source: string,
    edit: (registry: PartnershipRegistry) => RegistryEditResult<T>,
    describe: (record: T) => string,
    change: string,
  ) {
    const principal = requirePrincipal(request);
    const current = await stored();
    const expectedVersion = expectVersion(request, current);
    const result = edit(current.content);
    if (!result.ok) throw invalidEdit('the registry edit is refused', result.problems);
    const saved = await storeEdit(context, principal, {
      name: 'partnership-registry',
      expectedVersion,
      content: result.registry,
      description: describe(result.record),
      source,
      change: { type: change, record: result.record },
    });
    return { ...versionView(saved), record: result.record };
  }

  app.post(
    '/partnerships/memberships',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['partnerships'],
        summary: 'Add a membership record (member or observer, with as-of date, optional from/until, and its source)',
        description: EDITORS_TEXT,
        headers: editHeaders,
        body: z.object({ ...editFields, membership: newMembershipSchema }).strict(),
        response: { 201: editAnswerOf({ record: membershipSchema }) },
      },
    },
    async (request, reply) => {
      const { source, membership } = request.body;
      const isKnownArea = (area: string) => context.geography.findArea(area)?.kind === 'country';
      const body = await editRegistry(
        request,
        source,
        (registry) => addMembership(registry, membership, isKnownArea),
        (record) => `Added ${record.name} (${record.kind}) to ${record.process}`,
        'add-membership',
      );
      return reply.code(201).send(body);
    },
  );

  app.post(
    '/partnerships/memberships/:id/end',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['partnerships'],
        summary: 'End a membership on a date (the record stays, with until and the source of the end)',
        description: EDITORS_TEXT,
        headers: editHeaders,
        params: z.object({ id: z.string().min(1).max(300) }),
        body: z
          .object({
            ...editFields,
            until: z
              .string()
              .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD'),
          })
          .strict(),
        response: { 200: editAnswerOf({ record: membershipSchema }) },
      },
    },
    async (request) => {
      const { source, until } = request.body;
      const current = await stored();
      if (!current.content.memberships.some((record) => record.id === request.params.id))
        throw new ApiError('not-found', `no membership record ${request.params.id}`);
      return editRegistry(
        request,
        source,
        (registry) => endMembership(registry, request.params.id, { until, source }),
        (record) => `Ended ${record.name} in ${record.process} on ${until}`,
        'end-membership',
      );
    },
  );

  app.post(
    '/partnerships/processes/:id/types',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['partnerships'],
        summary:
          "Add an entry to a process's type history: the type a source gives it and when (the latest entry is the current type; earlier ones stay)",
        description: EDITORS_TEXT,
        headers: editHeaders,
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z
          .object({
            ...editFields,
            type: z.enum(PROCESS_TYPES),
            asOf: z
              .string()
              .trim()
              .min(1)
              .max(200)
              .describe('when the source describes the process so, e.g. "2026" or "current IOM page"'),
          })
          .strict(),
        response: { 201: editAnswerOf({ record: typeClaimSchema.extend({ process: z.string() }) }) },
      },
    },
    async (request, reply) => {
      const { source, type, asOf } = request.body;
      if (!findProcess((await stored()).content, request.params.id))
        throw new ApiError('not-found', `no consultation process ${JSON.stringify(request.params.id)}`);
      const body = await editRegistry(
        request,
        source,
        (registry) => addTypeClaim(registry, request.params.id, { type: type as ProcessType, asOf, source }),
        (record) => `Typed ${record.process} as ${record.type} (${record.asOf})`,
        'add-type',
      );
      return reply.code(201).send(body);
    },
  );

  app.post(
    '/partnerships/meetings',
    {
      config: GOVERNANCE_EDITORS,
      schema: {
        tags: ['partnerships'],
        summary:
          'Add a meeting of a process (or of the Global Meetings of Chairs and Secretariats of RCPs, process "grcp") with its outcome documents',
        description: EDITORS_TEXT,
        headers: editHeaders,
        body: z
          .object({
            ...editFields,
            meeting: z
              .object({
                process: z.string().trim().min(1).max(100),
                title: z.string().trim().min(1).max(500),
                date: z.string().trim().min(1).max(100),
                year: z.number().int().min(1900).max(2100).optional(),
                place: z.string().max(300).default(''),
                theme: z.string().max(1_000).default(''),
                participants: z.string().max(2_000).optional(),
                outcomes: z
                  .array(
                    z
                      .object({ title: z.string().trim().min(1).max(500), source: z.string().trim().min(1).max(2_000) })
                      .strict(),
                  )
                  .max(50)
                  .default([]),
                unverified: z.boolean().default(false),
              })
              .strict(),
          })
          .strict(),
        response: { 201: editAnswerOf({ record: meetingSchema }) },
      },
    },
    async (request, reply) => {
      const { source, meeting } = request.body;
      const body = await editRegistry(
        request,
        source,
        (registry) => addMeeting(registry, { ...meeting, source }),
        (record) => `Added the meeting ${record.title} of ${record.process}`,
        'add-meeting',
      );
      return reply.code(201).send(body);
    },
  );
};
