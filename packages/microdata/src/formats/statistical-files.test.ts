import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../../test/files.ts';
import { writeDta, writeIpums, writeSav, type SavOptions, type TestColumn } from '../../test/statistical-files.ts';
import { FileFormatError, type RecordSink, type StatisticalFile } from './file-metadata.ts';
import { openDta } from './read-dta.ts';
import { openIpums } from './read-ipums.ts';
import { openSav } from './read-sav.ts';

const temp = createTempDir();
afterAll(() => temp.cleanup());

/** Read every record of the named variables as plain rows. */
async function collect(file: StatisticalFile, names: string[]): Promise<(number | string | null)[][]> {
  const rows: (number | string | null)[][] = [];
  let current: (number | string | null)[] = [];
  const sink: RecordSink = {
    number: (column, value) => void (current[column] = value),
    string: (column, value) => void (current[column] = value),
    endRecord: () => {
      rows.push(current);
      current = [];
    },
  };
  await file.read(names, sink);
  return rows;
}

async function formatError(open: () => Promise<StatisticalFile>, names: string[] = []): Promise<FileFormatError> {
  try {
    await collect(await open(), names);
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error('read without error');
}

const long = (n: number, seed: string) => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');

const columns: TestColumn[] = [
  { name: 'id', type: 'number', values: [1, 2, 3, 4, 5], label: 'Person number' },
  {
    name: 'sex',
    type: 'number',
    values: [1, 2, 2, 1, 9],
    label: 'Sex',
    valueLabels: [
      [1, 'Male'],
      [2, 'Female'],
      [9, 'Not stated'],
    ],
    missing: { values: [9] },
    stataType: 'byte',
  },
  {
    name: 'income',
    type: 'number',
    values: [1250.5, -3, 0.1, null, 99999],
    missing: { range: [90000, Number.MAX_VALUE], values: [-3] },
    stataType: 'double',
  },
  {
    name: 'country',
    type: 'string',
    values: ['XSY', 'FRA', '', 'Côte d’Ivoire', 'XSY'],
    valueLabels: [
      ['XSY', 'Synthetia'],
      ['FRA', 'France'],
    ],
    missing: { values: ['FRA'] },
  },
  {
    name: 'region_name_of_residence',
    type: 'string',
    values: ['north', 'a much longer description of the region than eight bytes', 'south', 'east', 'west'],
    valueLabels: [['north', 'Northern region']],
  },
  {
    name: 'notes',
    type: 'string',
    values: [long(600, 'abcdefghij'), 'short', '', long(1000, 'é0123456789'), long(256, 'xy')],
  },
];

describe('SPSS system files', () => {
  it.each([
    ['bytecode compressed, little-endian', { compression: 'bytecode' as const, littleEndian: true }],
    [
      'uncompressed, big-endian, case count only in the data',
      { compression: 'none' as const, littleEndian: false, unknownCaseCount: true },
    ],
    [
      'ZLIB compressed (.zsav) in blocks of 100 bytes, big-endian',
      { compression: 'zlib' as const, littleEndian: false, zlibBlockSize: 100 },
    ],
  ])(
    'reads numbers, short, long and very long strings, value labels and user-missing values (%s)',
    async (_, options) => {
      const path = temp.path(
        `edge-${options.compression}-${options.littleEndian}.${options.compression === 'zlib' ? 'zsav' : 'sav'}`,
      );
      writeSav(path, columns, { ...options, weight: 'income' });
      const file = await openSav(path);
      const byName = new Map(file.metadata.variables.map((variable) => [variable.name, variable]));
      expect([...byName.keys()]).toEqual(columns.map((column) => column.name));
      expect(byName.get('sex')).toMatchObject({ type: 'number', label: 'Sex', missing: '9' });
      expect([...byName.get('sex')!.valueLabels]).toEqual([
        ['1', 'Male'],
        ['2', 'Female'],
        ['9', 'Not stated'],
      ]);
      expect([...byName.get('country')!.valueLabels]).toEqual([
        ['XSY', 'Synthetia'],
        ['FRA', 'France'],
      ]);
      expect([...byName.get('region_name_of_residence')!.valueLabels]).toEqual([['north', 'Northern region']]);
      expect(byName.get('income')!.missing).toBe('90000 thru HI, -3');
      expect(file.metadata.weight).toBe('income');
      expect(file.metadata.rows).toBe((options as SavOptions).unknownCaseCount ? undefined : 5);
      const rows = await collect(file, ['notes', 'income', 'sex', 'country', 'id', 'region_name_of_residence']);
      expect(rows).toEqual([
        [long(600, 'abcdefghij'), 1250.5, 1, 'XSY', 1, 'north'],
        ['short', null, 2, null, 2, 'a much longer description of the region than eight bytes'],
        ['', 0.1, 2, '', 3, 'south'],
        [long(1000, 'é0123456789'), null, 1, 'Côte d’Ivoire', 4, 'east'],
        [long(256, 'xy'), null, null, 'XSY', 5, 'west'],
      ]);
    },
  );

  it('lays a very long string out as PSPP describes: 252 bytes of the value per 255-wide segment, 256 bytes of case data per full segment', async () => {
    const value = Array.from({ length: 300 }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');
    const path = temp.path('very-long.sav');
    writeSav(path, [{ name: 'text', type: 'string', values: [value] }], { compression: 'none' });
    const bytes = readFileSync(path);
    // sfm_width_to_bytes(300) = 300 % 252 + floor(300 / 252) * 256 = 304 bytes of case data at the end of the file
    const data = bytes.subarray(bytes.length - 304);
    expect(data.toString('latin1', 0, 252)).toBe(value.slice(0, 252));
    expect(data.toString('latin1', 252, 256)).toBe('    ');
    expect(data.toString('latin1', 256, 304)).toBe(value.slice(252));
    // two segments: widths 255 and 300 - 252 = 48
    const dictionary = bytes.toString('latin1');
    expect(dictionary).toContain('V1=00300');
    expect(await collect(await openSav(path), ['text'])).toEqual([[value]]);
  });

  it('decodes text in the code page of record 7.3 when there is no encoding record 7.20 (windows-1252), and by record 7.20 when there is one', async () => {
    const path = temp.path('cp1252.sav');
    const file = (characterCode: number, encodingName: string | null) => {
      writeSav(path, [{ name: 'country', type: 'string', values: ['CXte'], valueLabels: [['CXte', 'Ivory CXast']] }], {
        compression: 'none',
        characterCode,
        encodingName,
      });
      // put the windows-1252 byte of "ô" where the writer put "X"
      const bytes = readFileSync(path);
      for (let at = bytes.indexOf('CXte'); at >= 0; at = bytes.indexOf('CXte', at + 1)) bytes[at + 1] = 0xf4;
      const label = bytes.indexOf('Ivory CXast');
      bytes[label + 7] = 0xf4;
      writeFileSync(path, bytes);
    };
    file(1252, null);
    const opened = await openSav(path);
    expect(opened.metadata.description).toMatch(/windows-1252/);
    expect([...opened.metadata.variables[0]!.valueLabels]).toEqual([['Côte', 'Ivory Côast']]);
    expect(await collect(opened, ['country'])).toEqual([['Côte']]);
    file(65001, 'windows-1252');
    expect(await collect(await openSav(path), ['country'])).toEqual([['Côte']]);
  });

  it('refuses what is not a system file, and names the byte where a truncated one ends', async () => {
    const text = temp.path('not.sav');
    writeFileSync(text, 'id,sex\n1,2\n'.repeat(20));
    expect((await formatError(() => openSav(text))).message).toMatch(/not an SPSS system file \(starts with "id,s"/);
    const path = temp.path('whole.sav');
    writeSav(path, columns, { compression: 'none' });
    const bytes = readFileSync(path);
    const cut = temp.path('cut.sav');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 20));
    expect((await formatError(() => openSav(cut), ['id'])).message).toMatch(/case 5 is truncated/);
    writeFileSync(cut, bytes.subarray(0, 300));
    expect((await formatError(() => openSav(cut))).message).toMatch(/ends inside its dictionary/);
    // a length from the file is checked before anything is allocated for it
    const hostile = Buffer.from(bytes);
    expect(hostile.readInt32LE(176 + 8)).toBe(1); // the first variable has a label; its length follows the 32-byte record
    hostile.writeInt32LE(0x40000000, 176 + 32);
    writeFileSync(cut, hostile);
    expect((await formatError(() => openSav(cut))).message).toMatch(
      /at byte 176: variable record: a label of 1073741824 bytes/,
    );
  });
});

describe('Stata .dta files', () => {
  const stataColumns: TestColumn[] = [
    { name: 'id', type: 'number', values: [1, 2, 3, 4, 5], stataType: 'long', label: 'Person number' },
    {
      name: 'sex',
      type: 'number',
      values: [1, 2, 2, 1, null],
      stataType: 'byte',
      valueLabels: [
        [1, 'Male'],
        [2, 'Female'],
        [2147483622, 'Refused'],
      ],
    },
    { name: 'age', type: 'number', values: [30, 0, 120, null, 45], stataType: 'int' },
    { name: 'share', type: 'number', values: [0.5, 0.25, null, 1.5, -2], stataType: 'float' },
    { name: 'weight', type: 'number', values: [10.123456789, 20, 15, 12, null], stataType: 'double' },
    { name: 'country', type: 'string', values: ['XSY', 'FRA', '', 'Côte d’Ivoire', 'XSY'] },
    { name: 'story', type: 'string', values: [long(3000, 'abc'), '', 'short', long(5000, 'ü'), 'x'], strL: true },
  ];
  it.each([
    [117, true],
    [118, true],
    [118, false],
    [119, false],
    [119, true],
  ] as const)(
    'reads format %s (little-endian: %s): all storage types, missing values, strLs, value labels, svyset',
    async (release, littleEndian) => {
      const columnsFor =
        release === 117
          ? stataColumns.map((column) =>
              column.name === 'country'
                ? { ...column, values: ['XSY', 'FRA', '', 'Ivoire', 'XSY'] }
                : column.name === 'story'
                  ? { ...column, values: [long(3000, 'abc'), '', 'short', long(5000, 'u'), 'x'] }
                  : column,
            )
          : stataColumns;
      const path = temp.path(`edge-${release}-${littleEndian}.dta`);
      writeDta(path, columnsFor, {
        release,
        littleEndian,
        svyset: { weight: 'weight', stratum: 'country', psu: 'id' },
      });
      const file = await openDta(path);
      expect(file.metadata).toMatchObject({ weight: 'weight', stratum: 'country', psu: 'id', rows: 5 });
      const sex = file.metadata.variables.find((variable) => variable.name === 'sex')!;
      expect([...sex.valueLabels]).toEqual([
        ['1', 'Male'],
        ['2', 'Female'],
        ['.a', 'Refused'],
      ]);
      expect(file.metadata.variables[0]!.label).toBe('Person number');
      const rows = await collect(file, ['story', 'weight', 'share', 'age', 'sex', 'id', 'country']);
      const text = columnsFor.find((column) => column.name === 'country')!.values;
      const story = columnsFor.find((column) => column.name === 'story')!.values;
      expect(rows).toEqual([
        [story[0], 10.123456789, 0.5, 30, 1, 1, text[0]],
        ['', 20, 0.25, 0, 2, 2, text[1]],
        ['short', 15, null, 120, 2, 3, ''],
        [story[3], 12, 1.5, null, 1, 4, text[3]],
        ['x', null, -2, 45, null, 5, 'XSY'],
      ]);
    },
  );

  it('refuses older formats with what to do, and truncated data with the record', async () => {
    const old = temp.path('old.dta');
    writeFileSync(old, Buffer.from([115, 2, 1, 0, 0, 0, 0, 0]));
    expect((await formatError(() => openDta(old))).message).toMatch(
      /Stata format 115 \(Stata 12 or earlier\).*version\(13\)/,
    );
    const path = temp.path('whole.dta');
    writeDta(
      path,
      stataColumns.filter((column) => !column.strL),
      { release: 118 },
    );
    const bytes = readFileSync(path);
    const dataEnd = bytes.indexOf('</data>');
    const cut = temp.path('cut.dta');
    // keep the header, map and the first records: later sections are missing too, so the map points past the end
    writeFileSync(cut, Buffer.concat([bytes.subarray(0, dataEnd - 10)]));
    expect((await formatError(() => openDta(cut), ['id'])).message).toMatch(/section|truncated|expected/);
  });
});

describe('IPUMS DDI extracts', () => {
  const ipumsColumns: TestColumn[] = [
    { name: 'SERIAL', type: 'number', values: [1, 1, 2, 3, 3] },
    { name: 'STRATA', type: 'number', values: [10, 10, 20, 30, 30] },
    { name: 'PERWT', type: 'number', values: [12.34, 12.34, 100, 0.01, 7], label: 'Person weight' },
    {
      name: 'SEX',
      type: 'number',
      values: [1, 2, 2, 1, 9],
      valueLabels: [
        [1, 'Male'],
        [2, 'Female'],
      ],
    },
    { name: 'BPL', type: 'string', values: ['XSY', 'FRA', 'XSY', 'Côte', 'XSY'] },
  ];
  it.each([
    ['rectangular, plain', { gzip: false }],
    ['rectangular, gzipped', { gzip: true }],
    [
      'hierarchical: household values carried to their persons',
      { gzip: true, household: { key: 'SERIAL', columns: ['SERIAL', 'STRATA'] } },
    ],
  ])('reads %s with implied decimals, value labels, missing categories and the weight', async (name, options) => {
    const base = temp.path(`extract-${name.length}-${options.gzip}`);
    const { ddi } = writeIpums(base, ipumsColumns, {
      ...options,
      decimals: { PERWT: 2 },
      weight: 'PERWT',
      missingCodes: { SEX: [9] },
    });
    const file = await openIpums(ddi);
    expect(file.metadata.weight).toBe('PERWT');
    const sex = file.metadata.variables.find((variable) => variable.name === 'SEX')!;
    expect([...sex.valueLabels]).toEqual([
      ['1', 'Male'],
      ['2', 'Female'],
      ['9', 'Missing'],
    ]);
    expect(file.metadata.variables.find((variable) => variable.name === 'PERWT')!.label).toBe('Person weight');
    const rows = await collect(file, ['STRATA', 'PERWT', 'SEX', 'BPL', 'SERIAL']);
    expect(rows).toEqual([
      [10, 12.34, 1, 'XSY', 1],
      [10, 12.34, 2, 'FRA', 1],
      [20, 100, 2, 'XSY', 2],
      [30, 0.01, 1, 'Côte', 3],
      [30, 7, null, 'XSY', 3],
    ]);
  });

  it('names the line, variable and columns of a field that is not a number; refuses DOCTYPEs', async () => {
    const base = temp.path('bad-extract');
    const { ddi, data } = writeIpums(base, ipumsColumns, { decimals: { PERWT: 2 } });
    const lines = readFileSync(data, 'utf8').split('\n');
    lines[2] = `${lines[2]!.slice(0, 1)} x${lines[2]!.slice(3)}`;
    writeFileSync(data, lines.join('\n'));
    expect((await formatError(() => openIpums(ddi), ['STRATA'])).message).toMatch(
      /bad-extract\.dat, line 3, variable STRATA \(columns 2-3\): "x" is not a number/,
    );
    const xml = readFileSync(ddi, 'utf8');
    writeFileSync(ddi, xml.replace('<codeBook', '<!DOCTYPE codeBook [<!ENTITY x "y">]><codeBook'));
    expect((await formatError(() => openIpums(ddi))).message).toMatch(/declares a DOCTYPE/);
  });
});
