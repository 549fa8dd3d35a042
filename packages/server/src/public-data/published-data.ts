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
  SDG_10_7_2_V2019,
  type Observation,
  type Provenance,
} from '@migov/core';
import { listNationalResults, listPublications, pagePublishedResults, type Publication } from '@migov/db';
import type { AppContext } from '../context.ts';
import { etagOf, type CachedBody } from '../http/etag.ts';
import { ApiError } from '../errors/api-error.ts';
import { API_PREFIX } from '../http/api-prefix.ts';
import { countryResults, roundAggregates, SDG_10_7_2, shownObservations } from './results-service.ts';

/** The SDG nature written for demo values: NA (not country data), never C. */
const DEMO_NATURE = 'NA';

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
async function publicationProvenance(
  context: AppContext,
  filters: { year: number; instrument?: string; jurisdiction?: string; jurisdictions?: readonly string[] },
): Promise<Map<string, Provenance>> {
  const provenance = new Map<string, Provenance>();
  for (const result of await listNationalResults(context.db, filters)) {
    provenance.set(
      `${result.jurisdiction}|${result.instrument}`,
      result.demo
        ? {
            kind: 'demo',
            label: DEMO_LABEL,
            publicationNumber: result.publicationNumber,
            publishedAt: result.publishedAt,
          }
        : {
            kind: 'national',
            label: nationalLabel(result.publicationNumber, result.publishedAt, result.validatedBy),
            publicationNumber: result.publicationNumber,
            publishedAt: result.publishedAt,
            validatedBy: result.validatedBy,
          },
    );
  }
  return provenance;
}

/**
 * A page of the latest publication of every jurisdiction for a round year (national publications
 * only; the values shown are in /results), with provenance: the page and its provenance are read
 * for the page's jurisdictions only.
 */
export async function loadPublishedResults(
  context: AppContext,
  year: number,
  instrument: string,
  page: { limit: number; offset: number },
) {
  const publications = await pagePublishedResults(context.db, { year, instrument, page });
  const provenance = await publicationProvenance(context, {
    year,
    instrument,
    jurisdictions: [...new Set(publications.items.map((publication) => publication.jurisdiction))],
  });
  return {
    ...publications,
    items: publications.items.map((publication) => ({
      ...publicView(publication),
      provenance: provenance.get(`${publication.jurisdiction}|${publication.instrument}`) ?? null,
    })),
  };
}

/** The public download path of a published evidence file (served only while a publication lists it). */
function publishedEvidencePath(publication: Pick<Publication, 'year' | 'jurisdiction'>, evidenceId: string): string {
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
        entries.map((entry) =>
          entry.file
            ? { ...entry, file: { ...entry.file, downloadUrl: publishedEvidencePath(publication, entry.id) } }
            : (entry as Omit<typeof entry, 'file'>),
        ),
      ]),
    ),
  }));
}

/** How a shown value is written in the SDG downloads: demo values are never country data (C). */
function downloadObservation(entry: { observation: Observation; provenance: Provenance }): Observation {
  if (entry.provenance.kind !== 'demo') return { ...entry.observation, source: entry.provenance.label };
  return {
    ...entry.observation,
    nature: DEMO_NATURE,
    source: `DEMO DATA - not official (${entry.provenance.label})`,
    footnote: DEMO_LABEL,
  };
}

/** One row of a download: the observation as written, its provenance, and whether it is the value shown or a national publication beside it. */
interface DownloadRow {
  observation: Observation;
  provenance: Provenance;
  /** `G`: the UN's value (reporting type global); `N`: a national (or demo) publication. */
  reportingType: 'G' | 'N';
  /** `value`: the value every page shows; `beside`: a national publication shown beside an official value. */
  role: 'value' | 'beside';
}

/**
 * The SG_CPA_MIGRS rows of a round's downloads: the values shown (the precedence of the results
 * service applied), then the national publications beside official values. Each names its provenance
 * in `source`; demo values carry the nature {@link DEMO_NATURE}, never C.
 */
async function publishedObservations(
  context: AppContext,
  year: number,
  instrument: string,
): Promise<{ rows: DownloadRow[]; containsDemo: boolean }> {
  const results = await countryResults(context, { year, instrument });
  const row =
    (role: DownloadRow['role']) =>
    (entry: { observation: Observation; provenance: Provenance }): DownloadRow => ({
      observation: downloadObservation(entry),
      provenance: entry.provenance,
      reportingType: entry.provenance.kind === 'official' ? 'G' : 'N',
      role,
    });
  const shown = shownObservations(results).map(row('value'));
  const beside = shownObservations(
    results.flatMap((result) => (result.official && result.national ? [{ ...result, value: result.national }] : [])),
  ).map(row('beside'));
  const rows = [...shown, ...beside];
  return { rows, containsDemo: rows.some((entry) => entry.provenance.kind === 'demo') };
}

/** Aggregates of a round: published by the UN (with coverage) and computed by migov, side by side but never mixed. */
export async function buildAggregates(context: AppContext, year: number, instrument: string, groupCode?: string) {
  const area = groupCode === undefined ? undefined : context.geography.findArea(groupCode);
  if (groupCode !== undefined && !area)
    throw new ApiError(
      'not-found',
      `no area or group ${groupCode} (use an M49 code or a group id; see GET /api/v1/areas)`,
    );
  if (instrument !== SDG_10_7_2)
    return {
      year,
      instrument,
      snapshot: null,
      containsDemo: false,
      official: [],
      computed: [],
      published: [],
      problems: [],
    };
  return roundAggregates(context, year, area?.code);
}

/** The SG_CPA_MIGRP figures of a round, as the workbook lists them: the UN's, then migov's own. */
interface WorkbookAggregates {
  official: readonly {
    area: string;
    domain: string;
    value: number | 'N';
    coverage: { responding: number; publishedPerCountry: number } | null;
    provenance: Provenance;
  }[];
  computed: readonly {
    area: string;
    domain: string;
    value: number;
    numerator: number;
    denominator: number;
    coverage: { responding: number; members: number };
    provenance: Provenance;
  }[];
}

/** The first columns of both sheets: what a row is about, each code with its name. */
const IDENTITY_COLUMNS = [
  { header: 'Series', key: 'series', width: 16 },
  { header: 'GeoAreaCode', key: 'area', width: 12 },
  { header: 'GeoAreaName', key: 'areaName', width: 30 },
  { header: 'TimePeriod', key: 'year', width: 10 },
  { header: 'Policy Domains', key: 'domain', width: 14 },
  { header: 'Policy domain name', key: 'domainName', width: 40 },
];

const CATEGORY_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  SDG_10_7_2_V2019.scoring.bands.map((band) => [band.code, band.label.en]),
);
const DOMAIN_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(SDG_10_7_2_V2019.domains.map((domain) => [domain.code, domain.label.en])),
  ALLDOMAINS: 'All policy domains',
};

async function workbook(
  rows: readonly DownloadRow[],
  year: number,
  demo: boolean,
  areaName: (m49: string) => string | undefined,
  aggregates: WorkbookAggregates,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'migov';
  const sheet = book.addWorksheet(`SG_CPA_MIGRS ${year}`);
  const notes = book.addWorksheet('About');
  notes.addRow([
    'Provenance of each value: official (UN SDG Global Database), national (a national publication made in migov), demo (made up, not official).',
  ]);
  notes.addRow([
    'Shown: "value" is the value every page of the observatory shows; "beside" is a national publication shown beside an official value.',
  ]);
  if (demo) notes.addRow([`${DEMO_LABEL}: this file holds demo values (Provenance "demo"). Do not use them as data.`]);
  sheet.columns = [
    ...IDENTITY_COLUMNS,
    { header: 'Value', key: 'value', width: 8 },
    { header: 'Category', key: 'category', width: 26 },
    { header: 'Source', key: 'source', width: 30 },
    { header: 'Provenance', key: 'provenance', width: 12 },
    { header: 'Shown', key: 'role', width: 8 },
  ];
  for (const { observation, provenance, role } of rows) {
    sheet.addRow({
      series: observation.series,
      area: neutraliseTextCell(observation.area),
      areaName: neutraliseTextCell(areaName(observation.area) ?? ''),
      year: observation.year,
      domain: observation.domain,
      domainName: DOMAIN_NAMES[observation.domain] ?? '',
      value: observation.value,
      category: observation.value === 'N' ? 'Not applicable' : (CATEGORY_NAMES[observation.value] ?? ''),
      source: neutraliseTextCell(observation.source ?? ''),
      provenance: provenance.kind,
      role,
    });
  }
  // The regional and world figures: the UN's published ones, then migov's own computed from country values.
  const figures = book.addWorksheet(`SG_CPA_MIGRP ${year}`);
  figures.columns = [
    ...IDENTITY_COLUMNS,
    { header: 'Value (%)', key: 'value', width: 10 },
    { header: 'Meeting / responding', key: 'counts', width: 20 },
    { header: 'Responding countries', key: 'responding', width: 20 },
    { header: 'Source', key: 'source', width: 40 },
    { header: 'Provenance', key: 'provenance', width: 12 },
  ];
  const figure = (entry: { area: string; domain: string }) => ({
    series: 'SG_CPA_MIGRP',
    area: neutraliseTextCell(entry.area),
    areaName: neutraliseTextCell(areaName(entry.area) ?? ''),
    year,
    domain: entry.domain,
    domainName: DOMAIN_NAMES[entry.domain] ?? '',
  });
  for (const entry of aggregates.official) {
    figures.addRow({
      ...figure(entry),
      value: entry.value,
      counts: '',
      responding: entry.coverage?.responding ?? '',
      source: neutraliseTextCell(entry.provenance.label),
      provenance: entry.provenance.kind,
    });
  }
  for (const entry of aggregates.computed) {
    figures.addRow({
      ...figure(entry),
      value: Math.round(entry.value * 10) / 10,
      counts: `${entry.numerator}/${entry.denominator}`,
      responding: entry.coverage.responding,
      source: neutraliseTextCell(entry.provenance.label),
      provenance: entry.provenance.kind,
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Rows of one reporting type as observations. */
const ofType = (rows: readonly DownloadRow[], type: 'G' | 'N') =>
  rows.filter((row) => row.reportingType === type).map((row) => row.observation);
/** Two CSV texts with the same header as one (the second without its header). */
const joinCsv = (first: string, second: string) => first + second.slice(second.indexOf('\r\n') + 2);

/**
 * Build one bulk download. CSV formats hold the UN's values with reporting type G and national (and
 * demo) publications with reporting type N; SDMX-ML holds the values shown (Test=true when any is demo);
 * JSON and Excel give every row's provenance and whether it is the value shown or beside it.
 */
export async function buildDownload(
  context: AppContext,
  year: number,
  instrument: string,
  format: DownloadFormat,
): Promise<CachedBody & { containsDemo: boolean }> {
  const { rows, containsDemo } = await publishedObservations(context, year, instrument);
  const shown = rows.filter((row) => row.role === 'value');
  const areaName = (m49: string) => context.geography.findArea(m49)?.name;
  let body: string | Buffer;
  let contentType: string;
  switch (format) {
    case 'csv':
      body = joinCsv(
        formatSdgCsv(ofType(rows, 'G'), { areaName, reportingType: 'G' }),
        formatSdgCsv(ofType(rows, 'N'), { areaName, reportingType: 'N' }),
      );
      contentType = 'text/csv; charset=utf-8';
      break;
    case 'sdmx-csv':
      body = joinCsv(
        formatSdmxCsv(ofType(rows, 'G'), { reportingType: 'G' }),
        formatSdmxCsv(ofType(rows, 'N'), { reportingType: 'N' }),
      );
      contentType = 'text/csv; charset=utf-8';
      break;
    case 'sdmx-ml':
      body = formatSdmxMl(
        shown.map((row) => row.observation),
        { prepared: context.now().toISOString(), test: shown.some((row) => row.provenance.kind === 'demo') },
      );
      contentType = 'application/xml; charset=utf-8';
      break;
    case 'json':
      body = `${JSON.stringify(
        {
          ...(JSON.parse(formatJson(shown.map((row) => row.observation))) as object),
          containsDemo,
          provenance: shown.map((row) => row.provenance),
          beside: rows
            .filter((row) => row.role === 'beside')
            .map((row) => ({ observation: row.observation, provenance: row.provenance })),
        },
        null,
        2,
      )}\n`;
      contentType = 'application/json; charset=utf-8';
      break;
    case 'xlsx':
      body = await workbook(
        rows,
        year,
        containsDemo,
        areaName,
        (await buildAggregates(context, year, instrument)) as WorkbookAggregates,
      );
      contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      break;
  }
  return { body, etag: etagOf(body), contentType, containsDemo };
}
