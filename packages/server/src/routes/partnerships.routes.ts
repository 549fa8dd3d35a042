/**
 * The partnership registry as public data: inter-State consultation mechanisms on migration, their
 * dated membership and meetings, shared members, and the 10.7.2 results of a process's members as a
 * group, computed from the published observations in the database. ETags and 304 on everything.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DEFAULT_PARTNERSHIP_REGISTRY,
  findProcess,
  listProcesses,
  PROCESS_TYPES,
  processGroupResults,
  processMeetings,
  processMemberAreas,
  processMemberships,
  processOverlaps,
  type ConsultationProcess,
  type MembershipQuery,
  type Observation,
  type PartnershipRegistry,
} from '@migov/core';
import { listObservations } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { jsonBody, sendCached } from '../http/etag.ts';

const PUBLIC = { access: { permission: 'public' } } as const;
const cachedResponse = { 200: z.unknown(), 304: z.null().describe('Not modified (If-None-Match matched the ETag)') };

/** A membership date as the registry takes it: a year, a month or a day. */
const asOfSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .optional()
  .describe('Membership date (YYYY, YYYY-MM or YYYY-MM-DD); default: current records without an end');
const observersSchema = z.enum(['true', 'false']).default('false').describe('Count observers as members');

function membershipQuery(asOf: string | undefined, observers: 'true' | 'false'): MembershipQuery {
  return { ...(asOf ? { asOf: /^\d{4}$/.test(asOf) ? Number(asOf) : asOf } : {}), ...(observers === 'true' ? { includeObservers: true } : {}) };
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
    memberCount: processMemberAreas(registry, process.id, query).length,
    source: process.source,
    ...(process.notes ? { notes: process.notes } : {}),
  };
}

/** The rounds present in the observations, oldest first. */
function roundsOf(observations: readonly Observation[]): number[] {
  return [...new Set(observations.map((observation) => observation.year))].sort((left, right) => left - right);
}

/** Per round and domain: the group figure of the members and how many of them it covers. */
export function groupResultsByRound(registry: PartnershipRegistry, processId: string, observations: readonly Observation[], includeObservers: boolean) {
  return roundsOf(observations).map((year) => ({
    year,
    membersAsOf: String(year),
    domains: processGroupResults(registry, processId, observations, { year, ...(includeObservers ? { includeObservers: true } : {}) }).map((result) => ({
      domain: result.domain,
      numerator: result.numerator,
      denominator: result.denominator,
      percent: result.percent ?? null,
      coverage: { members: result.members.length, responding: result.responding.length, notApplicable: result.notApplicable.length, missing: result.missing.length },
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
  const registry = DEFAULT_PARTNERSHIP_REGISTRY;

  app.get(
    '/partnerships',
    {
      config: PUBLIC,
      schema: {
        tags: ['partnerships'],
        summary: 'Inter-State consultation mechanisms on migration: type history, founding years with sources, secretariat, member count as of a date',
        querystring: z.object({ type: z.enum(PROCESS_TYPES).optional(), asOf: asOfSchema, includeObservers: observersSchema }),
        response: cachedResponse,
      },
    },
    async (request, reply) => {
      const { type, asOf, includeObservers } = request.query;
      const query = membershipQuery(asOf, includeObservers);
      const body = await cache.get(`partnerships:${type ?? ''}:${asOf ?? ''}:${includeObservers}`, async () =>
        jsonBody({ asOf: asOf ?? null, items: listProcesses(registry, type ? { type } : {}).map((process) => processSummary(registry, process, query)) }),
      );
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
        response: cachedResponse,
      },
    },
    async (request, reply) => {
      const { asOf, includeObservers, processes } = request.query;
      const wanted = processes?.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
      const ids = wanted?.map((entry) => {
        const process = findProcess(registry, entry);
        if (!process) throw new ApiError('not-found', `no consultation process ${JSON.stringify(entry)} (use an id or acronym from /partnerships)`);
        return process.id;
      });
      const query = membershipQuery(asOf, includeObservers);
      const body = await cache.get(`partnership-overlaps:${asOf ?? ''}:${includeObservers}:${ids?.join(',') ?? ''}`, async () =>
        jsonBody({ asOf: asOf ?? null, items: processOverlaps(registry, { ...query, ...(ids ? { processes: ids } : {}) }) }),
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
        summary: 'One process: membership records over time, members as of a date, meetings with outcome documents, and the 10.7.2 results of its members per round and domain',
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: z.object({ asOf: asOfSchema, includeObservers: observersSchema }),
        response: cachedResponse,
      },
    },
    async (request, reply) => {
      const process = findProcess(registry, request.params.id);
      if (!process) throw new ApiError('not-found', `no consultation process ${JSON.stringify(request.params.id)} (use an id or acronym from /partnerships)`);
      const { asOf, includeObservers } = request.query;
      const query = membershipQuery(asOf, includeObservers);
      const body = await cache.get(`partnership:${process.id}:${asOf ?? ''}:${includeObservers}`, async () => {
        const observations = await listObservations(context.db, { series: 'SG_CPA_MIGRS' });
        return jsonBody({
          ...processSummary(registry, process, query),
          asOf: asOf ?? null,
          members: processMemberships(registry, process.id, query),
          membershipRecords: registry.memberships.filter((record) => record.process === process.id),
          meetings: processMeetings(registry, process.id),
          groupResults: {
            method: '100 x members in category 3 or 4 / responding members (category 1-4); not applicable and missing left out of both; membership on 1 January of the round year',
            rounds: groupResultsByRound(registry, process.id, observations, includeObservers === 'true'),
          },
        });
      });
      return sendCached(request, reply, body);
    },
  );
};
