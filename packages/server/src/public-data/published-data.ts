/**
 * Published results as open data: the latest publication per jurisdiction, SG_CPA_MIGRS observations
 * built from them, SG_CPA_MIGRP aggregates computed by core (kept apart from the figures the UN
 * published, with coverage), and bulk downloads through the core format writers.
 */
import ExcelJS from 'exceljs';
import {
  aggregateMigrp,
  formatJson,
  formatSdgCsv,
  formatSdmxCsv,
  formatSdmxMl,
  neutraliseTextCell,
  normalizeM49,
  POLICY_DOMAIN_CODES,
  type Observation,
  type PolicyDomainCode,
} from '@migov/core';
import { getPublishedResults, listObservations, listPublications, type Publication } from '@migov/db';
import type { AppContext } from '../context.ts';
import { etagOf, type CachedBody } from '../http/etag.ts';
import { ApiError } from '../errors/api-error.ts';
import { API_PREFIX } from '../http/api-prefix.ts';

/** The bulk download formats. */
export const DOWNLOAD_FORMATS = ['csv', 'xlsx', 'sdmx-csv', 'sdmx-ml', 'json'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

function publicView(publication: Publication) {
  return {
    jurisdiction: publication.jurisdiction,
    year: publication.year,
    instrument: publication.instrument,
    version: publication.version,
    publicationNumber: publication.publicationNumber,
    publishedAt: publication.publishedAt,
    overall: publication.results.overall,
    domains: publication.results.domains,
  };
}

/** The latest publication of every jurisdiction for a round year. */
export async function loadPublishedResults(context: AppContext, year: number, instrument: string) {
  return (await getPublishedResults(context.db, { year, instrument })).map(publicView);
}

/** The public download path of a published evidence file (served only while a publication lists it). */
export function publishedEvidencePath(publication: Pick<Publication, 'year' | 'jurisdiction'>, evidenceId: string): string {
  return `${API_PREFIX}/published/${publication.year}/${encodeURIComponent(publication.jurisdiction)}/evidence/${encodeURIComponent(evidenceId)}/file`;
}

/** Every publication of one jurisdiction in a year, oldest first (corrections stay visible), with the evidence recorded when each was published. */
export async function loadPublicationsOf(context: AppContext, year: number, jurisdiction: string) {
  return (await listPublications(context.db, { year, jurisdiction })).map((publication) => ({
    ...publicView(publication),
    responses: publication.responses,
    evidence: Object.fromEntries(
      Object.entries(publication.evidence).map(([itemId, entries]) => [
        itemId,
        entries.map((entry) => (entry.file ? { ...entry, file: { ...entry.file, downloadUrl: publishedEvidencePath(publication, entry.id) } } : entry)),
      ]),
    ),
  }));
}

const isDomainCode = (code: string): code is PolicyDomainCode => (POLICY_DOMAIN_CODES as readonly string[]).includes(code);

/** SG_CPA_MIGRS observations (category per domain) of the countries with a publication; sub-national results are not SDG series. */
export async function publishedObservations(context: AppContext, year: number, instrument: string): Promise<Observation[]> {
  const observations: Observation[] = [];
  for (const publication of await getPublishedResults(context.db, { year, instrument })) {
    const area = normalizeM49(publication.jurisdiction);
    if (!area) continue;
    for (const score of [publication.results.overall, ...publication.results.domains]) {
      if (!isDomainCode(score.code)) continue;
      const value = score.status === 'scored' && score.category !== undefined ? score.category : 'N';
      observations.push({ series: 'SG_CPA_MIGRS', area, year, domain: score.code, value, nature: 'C', source: `migov publication ${publication.publicationNumber}` });
    }
  }
  return observations;
}

/** Aggregates of a round: computed from published results and published by the UN, side by side but never mixed. */
export async function buildAggregates(context: AppContext, year: number, instrument: string, groupCode?: string) {
  const area = groupCode === undefined ? undefined : context.geography.findArea(groupCode);
  if (groupCode !== undefined && !area) throw new ApiError('not-found', `no area or group ${groupCode} (use an M49 code or a group id; see GET /api/v1/areas)`);
  const group = area?.code;
  const observations = await publishedObservations(context, year, instrument);
  const areas = group ? [group] : undefined;
  let computed: unknown[] = [];
  let problems: unknown[] = [];
  if (observations.length > 0) {
    const result = aggregateMigrp(observations, { geography: context.geography, ...(areas ? { areas } : {}) });
    computed = result.aggregates.filter((aggregate) => aggregate.year === year);
    problems = result.problems;
  }
  const published = (await listObservations(context.db, { series: 'SG_CPA_MIGRP', year })).filter((observation) => !group || observation.area === group);
  return { year, instrument, computed, published, problems };
}

async function workbook(observations: readonly Observation[], year: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'migov';
  const sheet = book.addWorksheet(`SG_CPA_MIGRS ${year}`);
  sheet.columns = [
    { header: 'Series', key: 'series', width: 16 },
    { header: 'GeoAreaCode', key: 'area', width: 12 },
    { header: 'TimePeriod', key: 'year', width: 10 },
    { header: 'Policy Domains', key: 'domain', width: 14 },
    { header: 'Value', key: 'value', width: 8 },
    { header: 'Source', key: 'source', width: 30 },
  ];
  for (const observation of observations) {
    sheet.addRow({
      series: observation.series,
      area: neutraliseTextCell(observation.area),
      year: observation.year,
      domain: observation.domain,
      value: observation.value,
      source: neutraliseTextCell(observation.source ?? ''),
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Build one bulk download. */
export async function buildDownload(context: AppContext, year: number, instrument: string, format: DownloadFormat): Promise<CachedBody> {
  const observations = await publishedObservations(context, year, instrument);
  const areaName = (m49: string) => context.geography.findArea(m49)?.name;
  let body: string | Buffer;
  let contentType: string;
  switch (format) {
    case 'csv':
      body = formatSdgCsv(observations, { areaName });
      contentType = 'text/csv; charset=utf-8';
      break;
    case 'sdmx-csv':
      body = formatSdmxCsv(observations);
      contentType = 'text/csv; charset=utf-8';
      break;
    case 'sdmx-ml':
      body = formatSdmxMl(observations, { prepared: context.now().toISOString() });
      contentType = 'application/xml; charset=utf-8';
      break;
    case 'json':
      body = formatJson(observations);
      contentType = 'application/json; charset=utf-8';
      break;
    case 'xlsx':
      body = await workbook(observations, year);
      contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      break;
  }
  return { body, etag: etagOf(body), contentType };
}
