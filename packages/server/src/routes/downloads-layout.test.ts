/**
 * The bulk downloads as people open them: the SDG CSV and the SDMX-CSV have distinct file names, and
 * the Excel workbook names areas, domains and categories beside their codes and holds the round's
 * SG_CPA_MIGRP figures (the UN's and migov's own) on a sheet of their own.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importObservations } from '@migov/db';
import type { Observation } from '@migov/core';
import type { MigovApp } from '../app.ts';
import { createTestApp, createTestDatabase, DIALECTS } from '../testing/test-app.ts';

describe.each(DIALECTS)('download layout (%s)', (dialect) => {
  let app: MigovApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase(dialect);
    drop = created.drop;
    const observations: Observation[] = [
      { series: 'SG_CPA_MIGRS', area: '484', year: 2021, domain: 'ALLDOMAINS', value: 3 },
      { series: 'SG_CPA_MIGRS', area: '484', year: 2021, domain: 'DOMAIN1', value: 4 },
      { series: 'SG_CPA_MIGRS', area: '76', year: 2021, domain: 'ALLDOMAINS', value: 1 },
      { series: 'SG_CPA_MIGRP', area: '1', year: 2021, domain: 'ALLDOMAINS', value: 62.3 },
    ];
    await importObservations(
      created.db,
      {
        observations,
        source: { name: 'hand-made test figures', format: 'json', importedAt: '2026-01-01T00:00:00.000Z' },
      },
      null,
    );
    app = await createTestApp(created.db);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('gives the SDG CSV and the SDMX-CSV distinct file names', async () => {
    const names = await Promise.all(
      ['csv', 'sdmx-csv', 'sdmx-ml', 'xlsx', 'json'].map(
        async (format) => (await app.inject(`/api/v1/downloads/2021/${format}`)).headers['content-disposition'],
      ),
    );
    expect(names).toEqual([
      'attachment; filename=migov-sdg-10-7-2-2021.csv',
      'attachment; filename=migov-sdg-10-7-2-2021.sdmx.csv',
      'attachment; filename=migov-sdg-10-7-2-2021.xml',
      'attachment; filename=migov-sdg-10-7-2-2021.xlsx',
      'attachment; filename=migov-sdg-10-7-2-2021.json',
    ]);
  });

  it('names areas, domains and categories beside codes, and lists the SG_CPA_MIGRP figures', async () => {
    const response = await app.inject('/api/v1/downloads/2021/xlsx');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const table = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, string>[] = [];
      sheet.eachRow((row, number) => {
        if (number > 1)
          rows.push(
            Object.fromEntries(header.map((title, index) => [title, String(row.getCell(index + 1).value ?? '')])),
          );
      });
      return rows;
    };
    const countries = table('SG_CPA_MIGRS 2021');
    expect(countries.find((row) => row.GeoAreaCode === '484' && row['Policy Domains'] === 'DOMAIN1')).toMatchObject({
      GeoAreaName: 'Mexico',
      'Policy domain name': 'Migrant rights',
      Value: '4',
      Category: 'Fully meets',
    });
    expect(countries.find((row) => row.GeoAreaCode === '76' && row['Policy Domains'] === 'ALLDOMAINS')).toMatchObject({
      GeoAreaName: 'Brazil',
      'Policy domain name': 'All policy domains',
      Category: 'Requires further progress',
    });
    const figures = table('SG_CPA_MIGRP 2021');
    // The UN's world figure, then migov's own world figure computed from the two countries (one of two meets).
    expect(figures.find((row) => row.GeoAreaCode === '1' && row.Provenance === 'official')).toMatchObject({
      GeoAreaName: 'World',
      'Policy Domains': 'ALLDOMAINS',
      'Value (%)': '62.3',
    });
    expect(
      figures.find(
        (row) => row.GeoAreaCode === '1' && row['Policy Domains'] === 'ALLDOMAINS' && row.Provenance === 'computed',
      ),
    ).toMatchObject({ 'Value (%)': '50', 'Meeting / responding': '1/2', 'Responding countries': '2' });
  });
});
