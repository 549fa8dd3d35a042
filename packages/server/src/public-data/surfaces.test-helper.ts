/**
 * Test support: read every server-side public surface that shows 10.7.2 values — the results API,
 * the downloads in every format, the gaps, a brief, partnership group results — for a set of countries
 * and compare them value by value, with provenance, to the results service's answer. The web adds its
 * surfaces (map, profile, compare, static site) through {@link Surface} values of its own.
 */
import ExcelJS from 'exceljs';
import { SDMX_COMPOSITE_BREAKDOWN, type CountryResult, type ProvenanceKind } from '@migov/core';
import type { MigovApp } from '../app.ts';
import { DOWNLOAD_FORMATS } from './published-data.ts';

/** One value as a surface shows it: the category (or N), and the provenance kind when the surface says it. */
export interface SurfaceValue {
  /** A category or N; partnership group results class a member as meeting (3, 4) or below (1, 2). */
  value: number | 'N' | 'meets' | 'below';
  kind?: ProvenanceKind;
}

/** What one surface shows: the value per `area|domain` and, where it shows one, the national publication beside an official value. */
export interface Surface {
  name: string;
  values: Map<string, SurfaceValue>;
  beside?: Map<string, SurfaceValue>;
}

/** The reference every surface must agree with: the results service's answer of the round. */
export interface Reference {
  year: number;
  results: CountryResult[];
}

const key = (area: string, domain: string) => `${String(Number(area))}|${domain}`;
const DOMAIN_OF_BREAKDOWN = new Map<string, string>(
  Object.entries(SDMX_COMPOSITE_BREAKDOWN).map(([domain, code]) => [code, domain]),
);

/** The values of a result set, by `area|domain` (domains without a value left out). */
function valuesOf(result: CountryResult, which: 'value' | 'national'): Map<string, SurfaceValue> {
  const set = which === 'value' ? result.value : result.national;
  const values = new Map<string, SurfaceValue>();
  if (!set) return values;
  for (const entry of [set.overall, ...set.domains]) {
    if (entry.status === 'no-data') continue;
    values.set(key(result.area, entry.code), { value: entry.category ?? 'N', kind: set.provenance.kind });
  }
  return values;
}

/** The reference values (and national values beside official ones) of the given countries. */
function referenceValues(
  reference: Reference,
  areas: readonly string[],
): { values: Map<string, SurfaceValue>; beside: Map<string, SurfaceValue> } {
  const wanted = new Set(areas.map((area) => String(Number(area))));
  const values = new Map<string, SurfaceValue>();
  const beside = new Map<string, SurfaceValue>();
  for (const result of reference.results) {
    if (!wanted.has(result.area)) continue;
    for (const [entryKey, value] of valuesOf(result, 'value')) values.set(entryKey, value);
    if (result.official && result.national)
      for (const [entryKey, value] of valuesOf(result, 'national')) beside.set(entryKey, value);
  }
  return { values, beside };
}

/** Provenance kind from the `Source` text a download writes. */
function kindOfSource(source: string): ProvenanceKind {
  if (source.startsWith('DEMO DATA')) return 'demo';
  if (source.startsWith('National publication')) return 'national';
  return 'official';
}

/** A small RFC 4180 reader (quotes, CRLF), enough for the CSV downloads. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])));
}

const numberOrN = (text: string): number | 'N' => (text === 'N' || text === 'NaN' || text === '' ? 'N' : Number(text));

/** From rows with a reporting type: G rows are the shown values, N rows the shown value where no G row exists, else beside. */
function splitByReportingType(
  rows: { area: string; domain: string; value: number | 'N'; kind: ProvenanceKind; type: string }[],
  wanted: ReadonlySet<string>,
): Pick<Surface, 'values' | 'beside'> {
  const global = new Map<string, SurfaceValue>();
  const national = new Map<string, SurfaceValue>();
  for (const row of rows) {
    if (!wanted.has(String(Number(row.area)))) continue;
    (row.type === 'N' ? national : global).set(key(row.area, row.domain), { value: row.value, kind: row.kind });
  }
  const values = new Map(global);
  const beside = new Map<string, SurfaceValue>();
  const areasWithGlobal = new Set([...global.keys()].map((entry) => entry.split('|')[0]));
  for (const [entryKey, value] of national) {
    if (areasWithGlobal.has(entryKey.split('|')[0])) beside.set(entryKey, value);
    else values.set(entryKey, value);
  }
  return { values, beside };
}

/** Read a download of the round in one format as a surface. */
async function downloadSurface(
  app: MigovApp,
  year: number,
  format: (typeof DOWNLOAD_FORMATS)[number],
  wanted: ReadonlySet<string>,
): Promise<Surface & { raw: Buffer }> {
  const response = await app.inject(`/api/v1/downloads/${year}/${format}`);
  if (response.statusCode !== 200) throw new Error(`download ${format}: ${response.statusCode} ${response.body}`);
  const raw = response.rawPayload;
  const name = `download ${format}`;
  if (format === 'csv') {
    const rows = parseCsv(raw.toString('utf8')).map((row) => ({
      area: row.GeoAreaCode ?? '',
      domain: row['[Policy Domains]'] ?? '',
      value: numberOrN(row.Value ?? ''),
      kind: kindOfSource(row.Source ?? ''),
      type: row['[Reporting Type]'] ?? '',
    }));
    return { name, raw, ...splitByReportingType(rows, wanted) };
  }
  if (format === 'sdmx-csv') {
    const rows = parseCsv(raw.toString('utf8')).map((row) => ({
      area: row.REF_AREA ?? '',
      domain: DOMAIN_OF_BREAKDOWN.get(row.COMPOSITE_BREAKDOWN ?? '') ?? '',
      value: numberOrN(row.OBS_VALUE ?? ''),
      kind: kindOfSource(row.SOURCE_DETAIL ?? ''),
      type: row.REPORTING_TYPE ?? '',
    }));
    return { name, raw, ...splitByReportingType(rows, wanted) };
  }
  if (format === 'sdmx-ml') {
    const values = new Map<string, SurfaceValue>();
    const attributes = (text: string) =>
      Object.fromEntries([...text.matchAll(/([A-Z_]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    for (const series of raw.toString('utf8').matchAll(/<Series ([^>]*)>([\s\S]*?)<\/Series>/g)) {
      const seriesAttributes = attributes(series[1] ?? '');
      for (const obs of (series[2] ?? '').matchAll(/<Obs ([^>]*)\/>/g)) {
        const all = { ...seriesAttributes, ...attributes(obs[1] ?? '') } as Record<string, string>;
        const area = all.REF_AREA ?? '';
        if (all.SERIES !== 'SG_CPA_MIGRS' || !wanted.has(String(Number(area)))) continue;
        values.set(key(area, DOMAIN_OF_BREAKDOWN.get(all.COMPOSITE_BREAKDOWN ?? '') ?? ''), {
          value: numberOrN(all.OBS_VALUE ?? ''),
          kind: kindOfSource((all.SOURCE_DETAIL ?? '').replace(/&quot;/g, '"')),
        });
      }
    }
    return { name, raw, values };
  }
  if (format === 'json') {
    const body = JSON.parse(raw.toString('utf8')) as {
      observations: { area: string; domain: string; value: number | 'N' }[];
      provenance: { kind: ProvenanceKind }[];
      beside: {
        observation: { area: string; domain: string; value: number | 'N' };
        provenance: { kind: ProvenanceKind };
      }[];
    };
    const values = new Map<string, SurfaceValue>();
    body.observations.forEach((observation, index) => {
      const kind = body.provenance[index]?.kind;
      if (wanted.has(String(Number(observation.area))))
        values.set(key(observation.area, observation.domain), { value: observation.value, ...(kind ? { kind } : {}) });
    });
    const beside = new Map<string, SurfaceValue>();
    for (const entry of body.beside)
      if (wanted.has(String(Number(entry.observation.area))))
        beside.set(key(entry.observation.area, entry.observation.domain), {
          value: entry.observation.value,
          kind: entry.provenance.kind,
        });
    return { name, raw, values, beside };
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(raw as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const values = new Map<string, SurfaceValue>();
  const beside = new Map<string, SurfaceValue>();
  // Columns by their header, so the sheet may gain columns.
  const columns = new Map<string, number>();
  sheet?.getRow(1).eachCell((cell, column) => columns.set(String(cell.value ?? ''), column));
  sheet?.eachRow((row, number) => {
    if (number === 1) return;
    const cell = (header: string) => String(row.getCell(columns.get(header) ?? 0).value ?? '');
    const area = cell('GeoAreaCode');
    if (!wanted.has(String(Number(area)))) return;
    (cell('Shown') === 'beside' ? beside : values).set(key(area, cell('Policy Domains')), {
      value: numberOrN(cell('Value')),
      kind: cell('Provenance') as ProvenanceKind,
    });
  });
  return { name, raw, values, beside };
}

/** What a test gives to read the signed-in surfaces (briefs). */
export interface SurfaceOptions {
  year: number;
  areas: readonly string[];
  /** Headers of a brief author (cookie and CSRF token) for the brief surface. */
  briefAuthor?: Record<string, string>;
}

/**
 * Read every server-side public surface for the countries of a round: results API (round and per
 * country), downloads in every format, gaps, brief and partnership group results.
 */
export async function readServerSurfaces(
  app: MigovApp,
  options: SurfaceOptions,
): Promise<{ reference: Reference; surfaces: Surface[]; downloads: Map<string, Buffer> }> {
  const wanted = new Set(options.areas.map((area) => String(Number(area))));
  const round = (await app.inject(`/api/v1/results/${options.year}?limit=500`)).json() as {
    items: CountryResult[];
    total: number;
  };
  const reference: Reference = { year: options.year, results: round.items };
  const surfaces: Surface[] = [];
  const { values: apiValues, beside: apiBeside } = referenceValues(reference, options.areas);
  surfaces.push({ name: 'GET /results/:year', values: apiValues, beside: apiBeside });

  const perArea: CountryResult[] = [];
  const gaps: Surface = { name: 'GET /areas/:code/gaps', values: new Map(), beside: new Map() };
  const briefs: Surface = { name: 'POST /briefs', values: new Map() };
  for (const area of wanted) {
    const own = (await app.inject(`/api/v1/areas/${area}/results`)).json() as { items: CountryResult[] };
    perArea.push(...own.items.filter((result) => result.year === options.year));
    const gap = (await app.inject(`/api/v1/areas/${area}/gaps?year=${options.year}`)).json() as {
      overall?: unknown;
      provenance: { kind: ProvenanceKind } | null;
      national: {
        overall: { code: string; category: number | null; status: string };
        domains: { code: string; category: number | null; status: string }[];
        provenance: { kind: ProvenanceKind };
      } | null;
      domains: { domain: string; value: number | 'N' | null }[];
    };
    for (const entry of gap.domains)
      if (entry.value !== null)
        gaps.values.set(key(area, entry.domain), {
          value: entry.value,
          ...(gap.provenance ? { kind: gap.provenance.kind } : {}),
        });
    if (gap.national)
      for (const entry of [gap.national.overall, ...gap.national.domains])
        if (entry.status !== 'no-data')
          gaps.beside?.set(key(area, entry.code), { value: entry.category ?? 'N', kind: gap.national.provenance.kind });
    if (options.briefAuthor) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/briefs',
        headers: options.briefAuthor,
        payload: { area, round: options.year },
      });
      if (created.statusCode === 201) {
        const content = (
          created.json() as {
            versions: {
              content: {
                results: { source?: string; domains: { domain: string; status: string; category?: number }[] };
              };
            }[];
          }
        ).versions[0]?.content.results;
        const label = content?.source ?? '';
        const result = round.items.find((entry) => entry.area === area);
        const kind: ProvenanceKind | undefined =
          result && label.startsWith(result.value.provenance.label) ? result.value.provenance.kind : undefined;
        for (const entry of content?.domains ?? [])
          if (entry.status !== 'no-data')
            briefs.values.set(key(area, entry.domain), {
              value: entry.status === 'result' ? (entry.category ?? 'N') : 'N',
              ...(kind ? { kind } : {}),
            });
      }
    }
  }
  // Gaps carry no overall value: the reference's ALLDOMAINS is compared only where a surface has it.
  surfaces.push({
    name: 'GET /areas/:code/results',
    ...referenceValues({ year: options.year, results: perArea }, options.areas),
  });
  surfaces.push(gaps);
  if (options.briefAuthor) surfaces.push(briefs);

  const downloads = new Map<string, Buffer>();
  for (const format of DOWNLOAD_FORMATS) {
    const { raw, ...surface } = await downloadSurface(app, options.year, format, wanted);
    downloads.set(format, raw);
    surfaces.push(surface);
  }

  // Partnership group results: a member meeting (3, 4), responding below meets (1, 2), not applicable (N), per domain.
  const list = (await app.inject('/api/v1/partnerships')).json() as { items: { id: string }[] };
  const group: Surface = { name: 'GET /partnerships/:id group results', values: new Map() };
  for (const process of list.items) {
    const detail = (await app.inject(`/api/v1/partnerships/${encodeURIComponent(process.id)}`)).json() as {
      groupResults: {
        rounds: {
          year: number;
          domains: { domain: string; responding: string[]; meeting: string[]; notApplicable: string[] }[];
        }[];
      };
    };
    for (const roundResult of detail.groupResults.rounds.filter((entry) => entry.year === options.year)) {
      for (const domain of roundResult.domains) {
        for (const area of domain.responding)
          if (wanted.has(String(Number(area))))
            group.values.set(key(area, domain.domain), { value: domain.meeting.includes(area) ? 'meets' : 'below' });
        for (const area of domain.notApplicable)
          if (wanted.has(String(Number(area)))) group.values.set(key(area, domain.domain), { value: 'N' });
      }
    }
  }
  surfaces.push(group);
  return { reference, surfaces, downloads };
}

/** How the group surface classes a category. */
function groupClass(value: SurfaceValue['value']): SurfaceValue['value'] {
  return typeof value === 'number' ? (value >= 3 ? 'meets' : 'below') : value;
}

/**
 * Every disagreement between the surfaces and the reference, as readable lines (empty when all agree).
 * A surface must show every reference value of the countries (partnership results only for members,
 * gaps without the overall value) with the same provenance where it states one, and show the national
 * publication beside an official value where it has room for one.
 */
export function disagreements(reference: Reference, areas: readonly string[], surfaces: readonly Surface[]): string[] {
  const expected = referenceValues(reference, areas);
  const problems: string[] = [];
  for (const surface of surfaces) {
    const isGroup = surface.name.includes('partnerships');
    for (const [entryKey, want] of expected.values) {
      const got = surface.values.get(entryKey);
      if (!got) {
        if (isGroup || (surface.name.includes('gaps') && entryKey.endsWith('|ALLDOMAINS'))) continue;
        problems.push(`${surface.name}: ${entryKey} missing (expected ${want.value} ${want.kind})`);
        continue;
      }
      const same = isGroup ? groupClass(want.value) === got.value : got.value === want.value;
      if (!same) problems.push(`${surface.name}: ${entryKey} shows ${got.value}, expected ${want.value}`);
      if (!isGroup && got.kind !== undefined && got.kind !== want.kind)
        problems.push(`${surface.name}: ${entryKey} labelled ${got.kind}, expected ${want.kind}`);
      if (!isGroup && got.kind === undefined && !surface.name.includes('brief'))
        problems.push(`${surface.name}: ${entryKey} has no provenance`);
    }
    for (const entryKey of surface.values.keys())
      if (!expected.values.has(entryKey))
        problems.push(`${surface.name}: ${entryKey} shown, but the results service has no value`);
    if (surface.beside) {
      for (const [entryKey, want] of expected.beside) {
        const got = surface.beside.get(entryKey);
        if (!got || got.value !== want.value || got.kind !== want.kind)
          problems.push(
            `${surface.name}: the national value beside ${entryKey} is ${got ? `${got.value} ${got.kind}` : 'missing'}, expected ${want.value} ${want.kind}`,
          );
      }
    }
  }
  return problems;
}
