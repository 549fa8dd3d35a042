/**
 * Crosswalks as public data (MiGOF, 10.7.2 domains, MGI dimensions, GCM objectives, SDG targets), and a
 * country's gaps: the 10.7.2 domains where its latest published result is below "meets", with the GCM
 * objectives and SDG targets they map to. Editorial links are labelled as such wherever they appear.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DEFAULT_CROSSWALK,
  EDITORIAL_LABEL,
  formatCrosswalkCsv,
  mapDomainGap,
  SDG_10_7_2_DOMAIN_CODES,
  type CrosswalkLink,
  type LinkBasis,
  type Observation,
} from '@migov/core';
import { listObservations } from '@migov/db';
import { ApiError } from '../errors/api-error.ts';
import { etagOf, jsonBody, sendCached } from '../http/etag.ts';

const PUBLIC = { access: { permission: 'public' } } as const;
const cachedResponse = { 200: z.unknown(), 304: z.null().describe('Not modified (If-None-Match matched the ETag)') };

/** The wording shown beside a link of each basis. */
export function basisLabel(basis: LinkBasis): string {
  return basis === 'editorial' ? EDITORIAL_LABEL : 'sourced';
}

function linkView(link: CrosswalkLink) {
  return { ...link, basisLabel: basisLabel(link.basis) };
}

/** The 10.7.2 categories below "meets": 1 (requires further progress) and 2 (partially meets). */
const GAP_CATEGORIES = new Set([1, 2]);

/** The gaps of one area in one round of published observations. */
export function areaGaps(observations: readonly Observation[], area: string, year?: number) {
  const own = observations.filter((entry) => entry.series === 'SG_CPA_MIGRS' && entry.area === area);
  const round = year ?? own.reduce<number | undefined>((latest, entry) => (latest === undefined || entry.year > latest ? entry.year : latest), undefined);
  const inRound = own.filter((entry) => entry.year === round);
  const domains = SDG_10_7_2_DOMAIN_CODES.map((domain) => ({ domain, value: inRound.find((entry) => entry.domain === domain)?.value ?? null }));
  const gaps = domains
    .filter((entry) => typeof entry.value === 'number' && GAP_CATEGORIES.has(entry.value))
    .map((entry) => {
      const mapping = mapDomainGap(DEFAULT_CROSSWALK, entry.domain);
      return {
        ...mapping,
        category: entry.value,
        gcmObjectives: mapping.gcmObjectives.map((objective) => ({ ...objective, basisLabel: basisLabel(objective.basis) })),
        sdgTargets: mapping.sdgTargets.map((target) => ({ ...target, basisLabel: basisLabel(target.basis) })),
      };
    });
  return { year: round ?? null, domains, gaps };
}

/** Public crosswalk routes under /api/v1. */
export const crosswalkRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = app.migov;
  const cache = context.publicCache;

  app.get(
    '/crosswalks',
    {
      config: PUBLIC,
      schema: {
        tags: ['governance'],
        summary: 'Crosswalk links between MiGOF, 10.7.2 domains, MGI dimensions, GCM objectives and SDG targets (JSON, or CSV with formula-safe cells)',
        querystring: z.object({
          format: z.enum(['json', 'csv']).default('json'),
          status: z.enum(['active', 'all']).default('active').describe('all: retired links too (JSON only)'),
        }),
        response: cachedResponse,
      },
    },
    async (request, reply) => {
      const { format, status } = request.query;
      if (format === 'csv') {
        if (status === 'all') throw new ApiError('invalid-input', 'status=all is JSON only: the CSV table holds the active links, as administrators edit them');
        const body = await cache.get('crosswalk:csv', async () => {
          const csv = formatCrosswalkCsv(DEFAULT_CROSSWALK);
          return { body: csv, etag: etagOf(csv), contentType: 'text/csv; charset=utf-8' };
        });
        return sendCached(request, reply, body, { 'content-disposition': 'attachment; filename="migov-crosswalk.csv"' });
      }
      const body = await cache.get(`crosswalk:json:${status}`, async () =>
        jsonBody({
          editorialLabel: EDITORIAL_LABEL,
          items: DEFAULT_CROSSWALK.links.filter((link) => status === 'all' || link.status === 'active').map(linkView),
        }),
      );
      return sendCached(request, reply, body);
    },
  );

  app.get(
    '/areas/:code/gaps',
    {
      config: PUBLIC,
      schema: {
        tags: ['governance'],
        summary: "A country's 10.7.2 domains below \"meets\" in a round of published data, mapped to GCM objectives and SDG targets (editorial links labelled)",
        params: z.object({ code: z.string().min(1).max(40) }),
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('Round; default the latest with published data') }),
        response: cachedResponse,
      },
    },
    async (request, reply) => {
      const area = context.geography.findArea(request.params.code);
      if (!area) throw new ApiError('not-found', `no area ${request.params.code} (use an M49 code, ISO alpha-2/alpha-3 code or group id)`);
      const { year } = request.query;
      const body = await cache.get(`gaps:${area.code}:${year ?? ''}`, async () => {
        const observations = await listObservations(context.db, { series: 'SG_CPA_MIGRS', area: area.code });
        return jsonBody({
          area: { code: area.code, name: area.name },
          source: 'published SG_CPA_MIGRS observations',
          editorialLabel: EDITORIAL_LABEL,
          ...areaGaps(observations, area.code, year),
        });
      });
      return sendCached(request, reply, body);
    },
  );
};
