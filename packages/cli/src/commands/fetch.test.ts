import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultGeography, formatSdgCsv, formatSdmxCsv, readObservations } from '@migov/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { runMigov } from '../run-cli.test-helper.ts';

// A loopback server answering like the UN SDG API and the UN SDMX registry, with the published data.
const published = readObservations({
  name: 'ddf',
  bytes: new Uint8Array(readFileSync(sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv'))),
}).observations;
const requests: { method: string; url: string; body: string }[] = [];

/** The shared DDF file of a snapshot series (what the mirror of the UN SDG Global Database holds). */
function ddfFileOf(series: string): string | undefined {
  const code = series.toLowerCase();
  if (code.startsWith('sg_cpa_'))
    return sharedData(`un-sdg-10-7-2/${code}_by_${code === 'sg_cpa_migrs' ? 'country' : 'area'}.ddf.csv`);
  const name = readdirSync(sharedData('un-sdg-migration')).find((file) =>
    file.startsWith(`ddf--datapoints--${code}--`),
  );
  return name ? sharedData(`un-sdg-migration/${name}`) : undefined;
}
/** Data rows of a shared file. */
const rowsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '').length - 1;
let server: Server;
let base: string;

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const text = await body(request);
    requests.push({ method: request.method ?? '', url: request.url ?? '', body: text });
    if (request.method === 'POST' && request.url === '/sdgapi/v1/sdg/Series/DataCSV') {
      const series = new URLSearchParams(text).getAll('seriesCodes');
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(
        formatSdgCsv(
          published.filter((observation) => series.includes(observation.series)),
          { areaName: (code) => defaultGeography.findArea(code)?.name },
        ),
      );
    } else if (
      request.method === 'GET' &&
      request.url?.startsWith('/ws/rest/data/IAEG-SDGs,DF_SDG_GLH/..SG_CPA_MIGRS..')
    ) {
      response.writeHead(200, { 'content-type': 'application/vnd.sdmx.data+csv' });
      response.end(formatSdmxCsv(published));
    } else if (
      request.method === 'POST' &&
      (request.url === '/mirror/v1/sdg/Series/DataCSV' || request.url === '/partial/v1/sdg/Series/DataCSV')
    ) {
      // One series per request, answered with the UN's file; /partial fails on the last series.
      const [series = ''] = new URLSearchParams(text).getAll('seriesCodes');
      const file = ddfFileOf(series);
      if (!file || (request.url.startsWith('/partial') && series === 'BX_TRF_PWKR')) {
        response.writeHead(503);
        response.end('unavailable');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end(readFileSync(file));
    } else if (request.url?.startsWith('/broken')) {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('SeriesCode,GeoAreaCode,TimePeriod,Value,[Policy Domains]\nSG_CPA_MIGRS,4,2021,9,ALLDOMAINS\n');
    } else {
      response.writeHead(503);
      response.end('unavailable');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('migov fetch', () => {
  it('refreshes the whole official snapshot from the service, with today as its retrieval date, row counts as the files have them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-fetch-'));
    const url = `sqlite:${join(dir, 'migov.sqlite')}`;
    const run = await runMigov(['fetch', '--base-url', `${base}/mirror`, '--database', url]);
    expect(run.stderr).toContain('stored the official data snapshot');
    expect(run.code).toBe(0);
    const { createDatabase, currentOfficialSnapshot, listObservations, listIndicatorDatasets } =
      await import('@migov/db');
    const { SNAPSHOT_SERIES } = await import('@migov/core');
    const db = await createDatabase({ url });
    try {
      const snapshot = await currentOfficialSnapshot(db);
      const today = new Date().toISOString().slice(0, 10);
      expect(snapshot).toMatchObject({
        origin: 'fetched',
        retrievedOn: today,
        source: 'UN SDG Global Database',
        label: `UN SDG Global Database, retrieved ${today}`,
      });
      for (const expected of SNAPSHOT_SERIES)
        expect(snapshot?.series.find((entry) => entry.series === expected.series)?.rows, expected.series).toBe(
          rowsOf(ddfFileOf(expected.series) ?? ''),
        );
      expect((await listObservations(db, { series: 'SG_CPA_MIGRS' })).length).toBe(1750);
      const datasets = await listIndicatorDatasets(db);
      expect(datasets.find((dataset) => dataset.series === 'SM_DTH_MIGR')).toMatchObject({
        indicator: '10.7.3',
        observationCount: 818,
        source: { name: `UN SDG Global Database, retrieved ${today}` },
      });
    } finally {
      await db.close();
    }
    // All or nothing: a service that fails on one series stores no new snapshot.
    const partial = await runMigov(['fetch', '--base-url', `${base}/partial`, '--database', url]);
    expect(partial.code).toBe(3);
    expect(partial.stderr).toContain('answered HTTP 503');
    const again = await createDatabase({ url });
    try {
      const { listOfficialSnapshots } = await import('@migov/db');
      expect(await listOfficialSnapshots(again)).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('downloads SG_CPA_MIGRS from the SDG API and imports all 1750 observations', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migov-fetch-'));
    const url = `sqlite:${join(dir, 'migov.sqlite')}`;
    const run = await runMigov([
      'fetch',
      '--base-url',
      `${base}/sdgapi`,
      '--series',
      'SG_CPA_MIGRS',
      '--database',
      url,
    ]);
    expect(run.stderr).toContain('imported 1750 observation(s)');
    expect(run.code).toBe(0);
    expect(requests.at(-1)).toEqual({
      method: 'POST',
      url: '/sdgapi/v1/sdg/Series/DataCSV',
      body: 'seriesCodes=SG_CPA_MIGRS',
    });
    const { createDatabase, listObservations } = await import('@migov/db');
    const db = await createDatabase({ url });
    try {
      const afghanistan = await listObservations(db, { area: '4', year: 2021 });
      expect(afghanistan.map((observation) => `${observation.domain}:${observation.value}`).sort()).toEqual(
        published
          .filter((observation) => observation.area === '4' && observation.year === 2021)
          .map((observation) => `${observation.domain}:${observation.value}`)
          .sort(),
      );
    } finally {
      await db.close();
    }
  });

  it("reads the SDMX registry's SDMX-CSV answer", async () => {
    const run = await runMigov([
      'fetch',
      '--source',
      'sdmx',
      '--base-url',
      `${base}/ws/rest`,
      '--series',
      'SG_CPA_MIGRS',
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('sdmx-csv-1.0: 1750 observation(s)');
  });

  it('imports nothing when the answer is invalid, and names the problem', async () => {
    const run = await runMigov(['fetch', '--base-url', `${base}/broken`, '--series', 'SG_CPA_MIGRS', '--dry-run']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/, row 2, column "Value", value "9": SG_CPA_MIGRS values are the categories/);
  });

  it('says which address failed and why, with exit code 3', async () => {
    const run = await runMigov(['fetch', '--base-url', `${base}/down`, '--dry-run']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${base}/down/v1/sdg/Series/DataCSV: answered HTTP 503`);
  });
});
