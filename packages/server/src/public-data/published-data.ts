/**
 * Published results as open data: national publications per jurisdiction, and the SG_CPA_MIGRS values
 * of the results service (official, national or demo, each labelled) as bulk downloads through the
 * core format writers; SG_CPA_MIGRP as the UN published it, apart from migov's computed aggregates.
 */
import ExcelJS from 'exceljs';
import {
  formatJson,
  formatSdgCsv,
  formatSdmxCsv,
  formatSdmxMl,
  DEMO_LABEL,
  nationalLabel,
  neutraliseTextCell,
  type Observation,
  type Provenance,
} from '@migov/core';
import { getPublishedResults, listNationalResults, listPublications, type Publication } from '@migov/db';
import type { AppContext } from '../context.ts';
import { etagOf, type CachedBody } from '../http/etag.ts';
import { ApiError } from '../errors/api-error.ts';
import { API_PREFIX } from '../http/api-prefix.ts';
import { countryResults, roundAggregates, SDG_10_7_2, shownObservations } from './results-service.ts';

/** The SDG nature written for demo values: NA (not country data), never C. */
export const DEMO_NATURE = 'NA';

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

/** The provenance of each jurisdiction's publications in a round: national, or demo when published by demo users. */
async function publicationProvenance(context: AppContext, filters: { year: number; instrument?: string; jurisdiction?: string }): Promise<Map<string, Provenance>> {
  const provenance = new Map<string, Provenance>();
  for (const result of await listNationalResults(context.db, filters)) {
    provenance.set(
      `${result.jurisdiction}|${result.instrument}`,
      result.demo
        ? { kind: 'demo', label: DEMO_LABEL, publicationNumber: result.publicationNumber, publishedAt: result.publishedAt }
        : { kind: 'national', label: nationalLabel(result.publicationNumber, result.publishedAt, result.validatedBy), publicationNumber: result.publicationNumber, publishedAt: result.publishedAt, validatedBy: result.validatedBy },
    );
  }
  return provenance;
}

/** The latest publication of every jurisdiction for a round year (national publications only; the values shown are in /results), with provenance. */
export async function loadPublishedResults(context: AppContext, year: number, instrument: string) {
  const provenance = await publicationProvenance(context, { year, instrument });
  return (await getPublishedResults(context.db, { year, instrument })).map((publication) => ({ ...publicView(publication), provenance: provenance.get(`${publication.jurisdiction}|${publication.instrument}`) ?? null }));
}

/** The public download path of a published evidence file (served only while a publication lists it). */
export function publishedEvidencePath(publication: Pick<Publication, 'year' | 'jurisdiction'>, evidenceId: string): string {
  return `${API_PREFIX}/published/${publication.year}/${encodeURIComponent(publication.jurisdiction)}/evidence/${encodeURIComponent(evidenceId)}/file`;
}

/** Every publication of one jurisdiction in a year, oldest first (corrections stay visible), with the evidence recorded when each was published. */
export async function loadPublicationsOf(context: AppContext, year: number, jurisdiction: string) {
  const provenance = await publicationProvenance(context, { year, jurisdiction });
  return (await listPublications(context.db, { year, jurisdiction })).map((publication) => ({
    ...publicView(publication),
    demo: provenance.get(`${publication.jurisdiction}|${publication.instrument}`)?.kind === 'demo',
    responses: publication.responses,
    evidence: Object.fromEntries(
      Object.entries(publication.evidence).map(([itemId, entries]) => [
        itemId,
        entries.map((entry) => (entry.file ? { ...entry, file: { ...entry.file, downloadUrl: publishedEvidencePath(publication, entry.id) } } : entry)),
      ]),
    ),
  }));
}

/** How a shown value is written in the SDG downloads: demo values are never country data (C). */
function downloadObservation(entry: { observation: Observation; provenance: Provenance }): Observation {
  if (entry.provenance.kind !== 'demo') return { ...entry.observation, source: entry.provenance.label };
  return { ...entry.observation, nature: DEMO_NATURE, source: `DEMO DATA - not official (${entry.provenance.label})`, footnote: DEMO_LABEL };
}

/**
 * SG_CPA_MIGRS observations of a round as shown (the precedence of the results service applied), each
 * naming its provenance in `source`; demo values carry the nature {@link DEMO_NATURE}, never C.
 */
export async function publishedObservations(context: AppContext, year: number, instrument: string): Promise<{ observations: Observation[]; provenance: Provenance[]; containsDemo: boolean }> {
  const shown = shownObservations(await countryResults(context, { year, instrument }));
  return { observations: shown.map(downloadObservation), provenance: shown.map((entry) => entry.provenance), containsDemo: shown.some((entry) => entry.provenance.kind === 'demo') };
}

/** Aggregates of a round: published by the UN (with coverage) and computed by migov, side by side but never mixed. */
export async function buildAggregates(context: AppContext, year: number, instrument: string, groupCode?: string) {
  const area = groupCode === undefined ? undefined : context.geography.findArea(groupCode);
  if (groupCode !== undefined && !area) throw new ApiError('not-found', `no area or group ${groupCode} (use an M49 code or a group id; see GET /api/v1/areas)`);
  if (instrument !== SDG_10_7_2) return { year, instrument, snapshot: null, containsDemo: false, official: [], computed: [], published: [], problems: [] };
  return roundAggregates(context, year, area?.code);
}

async function workbook(observations: readonly Observation[], provenance: readonly Provenance[], year: number, demo: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'migov';
  const sheet = book.addWorksheet(`SG_CPA_MIGRS ${year}`);
  const notes = book.addWorksheet('About');
  notes.addRow(['Provenance of each value: official (UN SDG Global Database), national (a national publication made in migov), demo (made up, not official).']);
  if (demo) notes.addRow([`${DEMO_LABEL}: this file holds demo values (Provenance "demo"). Do not use them as data.`]);
  sheet.columns = [
    { header: 'Series', key: 'series', width: 16 },
    { header: 'GeoAreaCode', key: 'area', width: 12 },
    { header: 'TimePeriod', key: 'year', width: 10 },
    { header: 'Policy Domains', key: 'domain', width: 14 },
    { header: 'Value', key: 'value', width: 8 },
    { header: 'Source', key: 'source', width: 30 },
    { header: 'Provenance', key: 'provenance', width: 12 },
  ];
  for (const [index, observation] of observations.entries()) {
    sheet.addRow({
      series: observation.series,
      area: neutraliseTextCell(observation.area),
      year: observation.year,
      domain: observation.domain,
      value: observation.value,
      source: neutraliseTextCell(observation.source ?? ''),
      provenance: provenance[index]?.kind ?? '',
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Build one bulk download. */
export async function buildDownload(context: AppContext, year: number, instrument: string, format: DownloadFormat): Promise<CachedBody & { containsDemo: boolean }> {
  const { observations, provenance, containsDemo } = await publishedObservations(context, year, instrument);
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
      body = formatSdmxMl(observations, { prepared: context.now().toISOString(), test: containsDemo });
      contentType = 'application/xml; charset=utf-8';
      break;
    case 'json':
      body = `${JSON.stringify({ ...(JSON.parse(formatJson(observations)) as object), containsDemo, provenance }, null, 2)}\n`;
      contentType = 'application/json; charset=utf-8';
      break;
    case 'xlsx':
      body = await workbook(observations, provenance, year, containsDemo);
      contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      break;
  }
  return { body, etag: etagOf(body), contentType, containsDemo };
}
